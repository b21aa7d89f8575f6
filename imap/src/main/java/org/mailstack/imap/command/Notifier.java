package org.mailstack.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailstack.core.maildir.FolderInfo;
import org.mailstack.core.maildir.FolderListener;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.FolderNotFoundException;
import org.mailstack.core.maildir.FolderStatus;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.parse.NotifyRequest.Event;
import org.mailstack.imap.parse.NotifyRequest.Filter;
import org.mailstack.imap.parse.NotifyRequest.Group;
import org.mailstack.imap.parse.NotifyRequest;
import org.mailstack.imap.response.ConnectionLostException;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications of one NOTIFY SET (RFC 5465), sent while the client is between commands (and during IDLE).
 * A round runs on the session's command thread every {@link IdleCommand#POLL_MILLIS} ms, and at once when this
 * JVM changes a folder ({@link FolderListener}); it reads the STATUS of the mailboxes this JVM changed, and every
 * {@link #FULL_EVERY} rounds of all watched ones, so changes by other processes (a file put in {@code new/}) are
 * found within a few seconds. A round:
 * <ul>
 * <li>for the selected mailbox under SELECTED: the announcement IDLE makes ({@link ImapSession#announceChanges}),
 * then a FETCH of MessageNew's attributes for each new message (SELECTED-DELAYED waits for commands instead);</li>
 * <li>MailboxName: {@code LIST} for created, deleted ({@code \NonExistent}) and renamed ({@code OLDNAME}) mailboxes;
 * SubscriptionChange: {@code LIST} with or without {@code \Subscribed} (section 5.4);</li>
 * <li>message events for other mailboxes: {@code STATUS (MESSAGES UIDNEXT UNSEEN [HIGHESTMODSEQ])} when what the
 * group watches changed (section 5.2).</li>
 * </ul>
 * Nothing here waits for the client: a round writes without waiting ({@link
 * org.mailstack.imap.session.Transport#writeWithoutWaiting}) and, when the connection is backlogged before or
 * during it, sends {@code * OK [NOTIFICATIONOVERFLOW]} and stops, as if NOTIFY NONE (section 5.8). So a client that
 * does not read holds at most the connection's buffer and one response.
 */
final class Notifier implements AutoCloseable, FolderListener {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Renames kept between rounds; more are reported as a deletion and a creation. */
    static final int MAX_RENAMES = 1000;
    /** Rounds a told rename waits to be seen in the folder list before it is forgotten (the rename failed). */
    static final int RENAME_ROUNDS = 3;
    /** Every this many rounds every watched mailbox is read, for changes by other processes; else only signalled ones. */
    static final int FULL_EVERY = 5;

    private final ImapSession s;
    private final List<Group> groups;
    private final Group selectedGroup;
    private final boolean watchesNames;
    private final Map<FolderName, FolderStatus> known = new HashMap<>();
    private Set<FolderName> knownFolders = Set.of();
    private Set<FolderName> knownSubscriptions = Set.of();
    private final ConcurrentLinkedQueue<FolderName[]> renames = new ConcurrentLinkedQueue<>();
    /** Renames told but not yet seen in the folder list, with the rounds they have waited (a failed one expires). */
    private final Map<List<FolderName>, Integer> pendingRenames = new LinkedHashMap<>();
    private final AtomicInteger renameCount = new AtomicInteger();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Set<FolderName> signalled = ConcurrentHashMap.newKeySet();
    private int rounds;
    private AutoCloseable poller;
    private AutoCloseable listener;
    private volatile boolean stopped;

    private Notifier(ImapSession s, NotifyRequest req) {
        this.s = s;
        this.groups = req.groups();
        this.selectedGroup = groups.stream().filter(g -> g.filter().selected()).findFirst().orElse(null);
        this.watchesNames = groups.stream().anyMatch(g -> g.events().contains(Event.MAILBOXNAME)
                || g.events().contains(Event.SUBSCRIPTIONCHANGE));
    }

    /** Starts notifying: reads the current state (sending STATUS for it when asked) and starts the rounds. */
    static Notifier start(ImapSession s, NotifyRequest req) throws IOException {
        Notifier n = new Notifier(s, req);
        n.knownFolders = n.folders();
        n.knownSubscriptions = s.store().subscriptions();
        for (FolderName f : n.knownFolders) {
            Group g = n.otherGroup(f, n.knownSubscriptions);
            if (g != null && watchesMessages(g) && !n.isSelected(f)) {
                FolderStatus st = s.store().status(f);
                n.known.put(f, st);
                if (req.status()) { // RFC 5465 section 6: the STATUS indicator
                    n.writeStatus(f, st);
                }
            }
        }
        n.listener = s.store().addFolderListener(n);
        n.poller = s.transport().scheduleRepeating(n::round, IdleCommand.POLL_MILLIS, TimeUnit.MILLISECONDS);
        return n;
    }

    // ---- told by the store, on the changing session's thread ------------------------------------------------------

    @Override
    public void messagesChanged(FolderName folder) {
        signalled.add(folder);
        soon();
    }

    @Override
    public void renaming(FolderName from, FolderName to) {
        if (renameCount.incrementAndGet() <= MAX_RENAMES) {
            renames.add(new FolderName[] {from, to});
        } else {
            renameCount.decrementAndGet();
        }
    }

    @Override
    public void foldersChanged() {
        soon();
    }

    private void soon() {
        if (!stopped && queued.compareAndSet(false, true)) {
            s.transport().execute(() -> {
                queued.set(false);
                round();
            });
        }
    }

    // ---- rounds, on the command thread ------------------------------------------------------------------------------

    private void round() {
        if (stopped || s.state() == SessionState.LOGOUT || s.notifications() != this) {
            return;
        }
        try {
            s.transport().writeWithoutWaiting(this::write);
        } catch (ConnectionLostException e) {
            close();
        } catch (RuntimeException e) { // a failed round must not end the session: the next one tries again
            LOG.warn("notifications of {} failed: {}", s.account(), e.toString());
        }
    }

    private void write() {
        try {
            if (overflowed()) {
                return;
            }
            if (!selected()) {
                return;
            }
            Set<FolderName> folders = folders();
            Set<FolderName> subscriptions = s.store().subscriptions();
            if (watchesNames && !names(folders, subscriptions)) {
                return;
            }
            Set<FolderName> before = knownFolders;
            knownFolders = folders;
            knownSubscriptions = subscriptions;
            statuses(before, folders, subscriptions);
        } catch (IOException e) {
            LOG.warn("notifications of {} failed: {}", s.account(), e.toString());
        }
    }

    /** The selected mailbox's changes under SELECTED; false when the round must stop. */
    private boolean selected() {
        if (selectedGroup == null || selectedGroup.filter() != Filter.SELECTED || selectedGroup.events().isEmpty()
                || s.state() != SessionState.SELECTED) {
            return true;
        }
        MailboxView view = s.selected().view();
        long after = view.size() == 0 ? 0 : view.get(view.size()).uid();
        if (!s.announceChanges(false)) {
            close();
            return false;
        }
        if (selectedGroup.fetchAtts() == null || s.state() != SessionState.SELECTED) {
            return true;
        }
        List<Long> added = new ArrayList<>();
        for (int seq = view.size(); seq >= 1 && view.get(seq).uid() > after; seq--) {
            added.add(0, view.get(seq).uid());
        }
        FetchCommand fetch = new FetchCommand();
        for (long uid : added) {
            if (overflowed()) {
                return false;
            }
            try {
                fetch.execute(s, new Request("*", "FETCH", true, ImapReader.of(uid + " " + selectedGroup.fetchAtts())));
            } catch (IOException | RuntimeException e) {
                if (e instanceof ConnectionLostException c) {
                    throw c;
                }
                LOG.info("MessageNew fetch of {} failed: {}", uid, e.toString());
            }
        }
        return true;
    }

    /** MailboxName and SubscriptionChange (RFC 5465 sections 5.3 and 5.4); false on overflow. */
    private boolean names(Set<FolderName> folders, Set<FolderName> subscriptions) {
        Set<FolderName> removed = new HashSet<>(knownFolders);
        removed.removeAll(folders);
        Set<FolderName> added = new HashSet<>(folders);
        added.removeAll(knownFolders);
        Set<FolderName> both = new HashSet<>(knownSubscriptions);
        both.addAll(subscriptions);
        ImapWriter w = s.writer();
        for (FolderName[] r; (r = renames.poll()) != null; ) {
            if (pendingRenames.putIfAbsent(List.of(r[0], r[1]), 0) != null) {
                renameCount.decrementAndGet();
            }
        }
        for (var it = pendingRenames.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            FolderName from = e.getKey().get(0);
            FolderName to = e.getKey().get(1);
            if (removed.contains(from) && added.contains(to)) {
                removed.remove(from);
                added.remove(to);
            } else {
                if (e.getValue() >= RENAME_ROUNDS) {
                    it.remove();
                    renameCount.decrementAndGet();
                } else {
                    e.setValue(e.getValue() + 1);
                }
                continue;
            }
            it.remove();
            renameCount.decrementAndGet();
            if (wants(Event.MAILBOXNAME, both, from, to)) {
                if (overflowed()) {
                    return false;
                }
                list(w, List.of(), to).raw(" (\"OLDNAME\" (").mailbox(from.name()).raw("))").crlf();
            }
        }
        for (FolderName f : sorted(added)) {
            if (wants(Event.MAILBOXNAME, both, f)) {
                if (overflowed()) {
                    return false;
                }
                list(w, List.of(), f).crlf();
            }
        }
        for (FolderName f : sorted(removed)) {
            if (wants(Event.MAILBOXNAME, both, f)) {
                if (overflowed()) {
                    return false;
                }
                list(w, List.of("\\NonExistent"), f).crlf();
            }
        }
        Set<FolderName> subscribed = new HashSet<>(subscriptions);
        subscribed.removeAll(knownSubscriptions);
        Set<FolderName> unsubscribed = new HashSet<>(knownSubscriptions);
        unsubscribed.removeAll(subscriptions);
        for (FolderName f : sorted(subscribed)) {
            if (wants(Event.SUBSCRIPTIONCHANGE, both, f)) {
                if (overflowed()) {
                    return false;
                }
                list(w, folders.contains(f) ? List.of("\\Subscribed") : List.of("\\NonExistent", "\\Subscribed"), f)
                        .crlf();
            }
        }
        for (FolderName f : sorted(unsubscribed)) {
            if (wants(Event.SUBSCRIPTIONCHANGE, both, f)) {
                if (overflowed()) {
                    return false;
                }
                list(w, folders.contains(f) ? List.of() : List.of("\\NonExistent"), f).crlf();
            }
        }
        return true;
    }

    /** STATUS for other mailboxes whose watched counters changed (RFC 5465 section 5.2). */
    private void statuses(Set<FolderName> before, Set<FolderName> folders, Set<FolderName> subscriptions)
            throws IOException {
        known.keySet().retainAll(folders);
        signalled.retainAll(folders);
        boolean full = ++rounds % FULL_EVERY == 0;
        for (FolderName f : sorted(folders)) {
            boolean due = signalled.remove(f) || full || !known.containsKey(f);
            Group g = otherGroup(f, subscriptions);
            if (g == null || !watchesMessages(g) || isSelected(f)) {
                known.remove(f); // a mailbox selected meanwhile starts again from its state when left
                continue;
            }
            if (!due) {
                continue;
            }
            FolderStatus st;
            try {
                st = s.store().status(f);
            } catch (FolderNotFoundException e) {
                continue;
            }
            FolderStatus old = known.put(f, st);
            if (old == null) { // watched from now on: a new mailbox (reported when it has messages) or a new match
                if (before.contains(f) || st.messages() == 0) {
                    continue;
                }
            } else if (!changed(g, old, st)) {
                continue;
            }
            if (overflowed()) {
                return;
            }
            writeStatus(f, st);
        }
    }

    private boolean changed(Group g, FolderStatus old, FolderStatus st) {
        boolean arrived = st.uidNext() != old.uidNext() || st.uidValidity() != old.uidValidity();
        boolean expunged = st.messages() != old.messages();
        boolean flags = st.unseen() != old.unseen() || s.condstore() && st.highestModSeq() != old.highestModSeq();
        return arrived || expunged || flags && g.events().contains(Event.FLAGCHANGE);
    }

    private void writeStatus(FolderName f, FolderStatus st) {
        ImapWriter w = s.writer();
        w.untagged().atom("STATUS").mailbox(f.name()).open().atom("MESSAGES").number(st.messages())
                .atom("UIDNEXT").number(st.uidNext()).atom("UNSEEN").number(st.unseen());
        if (s.condstore()) {
            w.atom("HIGHESTMODSEQ").number(Math.max(1, st.highestModSeq()));
        }
        w.close().crlf();
    }

    private static ImapWriter list(ImapWriter w, List<String> attrs, FolderName f) {
        return w.untagged().atom("LIST").atomList(attrs).raw(" \"/\" ").mailbox(f.name());
    }

    /**
     * When the connection is backlogged: writes {@code * OK [NOTIFICATIONOVERFLOW]} and stops (RFC 5465 section
     * 5.8). True when the round must write nothing more.
     */
    private boolean overflowed() {
        if (stopped) {
            return true;
        }
        if (!s.transport().backlogged()) {
            return false;
        }
        s.writer().untagged().raw("OK [NOTIFICATIONOVERFLOW] ").text("Notifications stopped: the client reads too slowly.")
                .crlf();
        LOG.info("notifications of {} stopped: the client does not read", s.account());
        close();
        return true;
    }

    // ---- filters ----------------------------------------------------------------------------------------------------

    /** The first group other than SELECTED/SELECTED-DELAYED whose filter matches (RFC 5465 section 6). */
    private Group otherGroup(FolderName f, Set<FolderName> subscriptions) {
        for (Group g : groups) {
            if (!g.filter().selected() && matches(g, f, subscriptions)) {
                return g;
            }
        }
        return null;
    }

    private boolean wants(Event e, Set<FolderName> subscriptions, FolderName... names) {
        for (FolderName f : names) {
            Group g = otherGroup(f, subscriptions);
            if (g != null && g.events().contains(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Group g, FolderName f, Set<FolderName> subscriptions) {
        return switch (g.filter()) {
            case INBOXES -> f.isInbox();
            case PERSONAL -> true;
            case SUBSCRIBED -> subscriptions.contains(f);
            case SUBTREE -> g.mailboxes().stream().map(Args::folder).anyMatch(m -> m.equals(f) || m.isAncestorOf(f));
            case MAILBOXES -> g.mailboxes().stream().map(Args::folder).anyMatch(m -> m.equals(f));
            default -> false;
        };
    }

    private static boolean watchesMessages(Group g) {
        return g.events().contains(Event.MESSAGENEW) || g.events().contains(Event.FLAGCHANGE);
    }

    private boolean isSelected(FolderName f) {
        return s.selected() != null && s.selected().view().folder().equals(f);
    }

    private Set<FolderName> folders() throws IOException {
        Set<FolderName> out = new HashSet<>();
        for (FolderInfo i : s.store().listFolders()) {
            out.add(i.name());
        }
        return out;
    }

    private static List<FolderName> sorted(Set<FolderName> names) {
        List<FolderName> out = new ArrayList<>(names);
        out.sort(null);
        return out;
    }

    @Override
    public void close() {
        stopped = true;
        for (AutoCloseable c : new AutoCloseable[] {poller, listener}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a cancelled timer or listener cannot fail meaningfully
                }
            }
        }
    }
}
