package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.mailstack.core.maildir.FolderInfo;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.ListRequest;
import org.mailstack.imap.parse.ModifiedUtf7;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * LIST and LSUB (RFC 3501 sections 6.3.8 and 6.3.9) with CHILDREN (RFC 3348) and SPECIAL-USE (RFC 6154)
 * attributes, LIST-EXTENDED (RFC 5258, see {@link ListExtended}) and LIST-STATUS (RFC 5819). A level that only exists as the parent of other names is listed with {@code \Noselect}.
 */
final class ListCommand implements ImapCommand {
    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        ListRequest q = lsub ? lsubRequest(r.args()) : ListRequest.parse(r.args());
        boolean utf8 = s.rev2();
        String reference = decode(q.reference(), utf8);
        String name = lsub ? "LSUB" : "LIST";
        ImapWriter w = s.writer();
        if (!q.extended() && q.patterns().get(0).isEmpty() && !lsub) {
            w.untagged().raw("LIST (\\Noselect) \"/\" \"\"").crlf();
            return Completion.ok("List completed.");
        }
        StatusCommand.refuseRecent(s, q.statusItems());
        TreeMap<String, List<String>> out = new TreeMap<>();
        List<FolderInfo> folders = s.store().listFolders();
        Set<FolderName> existing = new HashSet<>();
        for (FolderInfo f : folders) {
            existing.add(f.name());
        }
        Set<FolderName> subscribed = lsub || q.selectSubscribed() || q.returnSubscribed()
                ? s.store().subscriptions() : Set.of();
        List<MailboxPattern> patterns = q.patterns().stream().map(p -> MailboxPattern.of(reference, decode(p, utf8)))
                .toList();
        Set<String> childInfo = new HashSet<>();
        if (q.selectSubscribed()) {
            ListExtended.subscribed(patterns, subscribed, q.recursiveMatch(), out, childInfo);
        } else {
            for (MailboxPattern pattern : patterns) {
                for (FolderName f : lsub ? subscribed : existing) {
                    addWithParents(f, pattern, existing, folders, out, lsub);
                }
            }
        }
        if (!lsub) {
            ListExtended.decorate(out, existing, subscribed, q, (f, attrs) -> attrs.addAll(attributes(f, existing,
                    folders, false)));
        }
        if (q.selectSpecialUse()) {
            ListExtended.keepSpecialUse(out);
        }
        if (s.rev2()) { // RFC 9051 section 7.3.1: a name only there as a parent does not exist
            for (var e : out.entrySet()) {
                if (e.getValue().contains("\\Noselect") && !existing.contains(FolderName.of(e.getKey()))
                        && !e.getValue().contains("\\NonExistent")) {
                    e.getValue().add(0, "\\NonExistent");
                }
            }
        }
        List<String> order = new ArrayList<>(out.keySet());
        if (order.remove("INBOX")) {
            order.add(0, "INBOX");
        }
        for (String folder : order) {
            write(w, name, folder, out.get(folder), childInfo.contains(folder));
            if (!q.statusItems().isEmpty() && existing.contains(FolderName.of(folder))
                    && !out.get(folder).contains("\\Noselect")) {
                StatusCommand.write(s, FolderName.of(folder), q.statusItems()); // LIST-STATUS (RFC 5819)
            }
        }
        return Completion.ok((lsub ? "Lsub" : "List") + " completed.");
    }

    private static ListRequest lsubRequest(ImapReader a) {
        String reference = a.astring();
        a.sp();
        String pattern = a.listMailbox();
        a.end();
        return new ListRequest(reference, List.of(pattern), false, false, false, false, false, List.of(), false);
    }

    private static void addWithParents(FolderName f, MailboxPattern pattern, Set<FolderName> existing,
                                       List<FolderInfo> folders, TreeMap<String, List<String>> out, boolean lsub) {
        if (pattern.matches(f.name())) {
            out.putIfAbsent(f.name(), attributes(f, existing, folders, lsub));
            if (lsub) {
                return; // LSUB shows an unsubscribed parent only where "%" stops above the name (section 6.3.9)
            }
        }
        for (var p = f.parent(); p.isPresent(); p = p.get().parent()) {
            FolderName parent = p.get();
            boolean hidden = lsub ? true : !existing.contains(parent);
            if (hidden && pattern.matches(parent.name()) && !out.containsKey(parent.name())) {
                List<String> attrs = new ArrayList<>();
                attrs.add("\\Noselect");
                if (!lsub) {
                    attrs.add("\\HasChildren");
                }
                out.put(parent.name(), attrs);
            }
        }
    }

    private static List<String> attributes(FolderName f, Set<FolderName> existing, List<FolderInfo> folders,
                                           boolean lsub) {
        List<String> attrs = new ArrayList<>();
        if (!existing.contains(f)) {
            attrs.add("\\Noselect");
            return attrs;
        }
        if (lsub) {
            return attrs;
        }
        boolean children = false;
        for (FolderName other : existing) {
            if (f.isAncestorOf(other)) {
                children = true;
                break;
            }
        }
        attrs.add(children ? "\\HasChildren" : "\\HasNoChildren");
        for (FolderInfo info : folders) {
            if (info.name().equals(f)) {
                info.specialUse().ifPresent(u -> attrs.add(u.attribute()));
            }
        }
        return attrs;
    }

    private static void write(ImapWriter w, String name, String folder, List<String> attrs, boolean childInfo) {
        w.untagged().atom(name).atomList(attrs).raw(" \"/\" ").mailbox(folder);
        if (childInfo) { // RFC 5258 section 3.5
            w.raw(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        }
        w.crlf();
    }

    /** A reference or pattern as sent: modified UTF-7, or UTF-8 once IMAP4rev2 is on (RFC 9051 section 5.1). */
    private static String decode(String wire, boolean utf8) {
        if (utf8) {
            return wire;
        }
        try {
            return ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            return wire;
        }
    }
}
