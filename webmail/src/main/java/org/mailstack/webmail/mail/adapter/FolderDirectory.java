package org.mailstack.webmail.mail.adapter;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;

/**
 * The folder list of one store and the special folders in it: by RFC 6154 attributes when the server sends them,
 * else by the usual names. Sent, Drafts and Trash are created when first needed.
 */
final class FolderDirectory {
    private static final Map<String, FolderRole> ATTRIBUTES = Map.of(
            "\\sent", FolderRole.SENT, "\\drafts", FolderRole.DRAFTS, "\\trash", FolderRole.TRASH,
            "\\junk", FolderRole.JUNK, "\\archive", FolderRole.ARCHIVE);
    private static final Map<String, FolderRole> NAMES = Map.of(
            "sent", FolderRole.SENT, "sent messages", FolderRole.SENT, "sent items", FolderRole.SENT,
            "drafts", FolderRole.DRAFTS, "trash", FolderRole.TRASH, "deleted messages", FolderRole.TRASH,
            "junk", FolderRole.JUNK, "spam", FolderRole.JUNK, "archive", FolderRole.ARCHIVE);
    private static final Map<FolderRole, String> DEFAULT_NAMES = Map.of(
            FolderRole.SENT, "Sent", FolderRole.DRAFTS, "Drafts", FolderRole.TRASH, "Trash");

    private final Map<FolderRole, String> roles = new EnumMap<>(FolderRole.class);
    private List<String> names = List.of();

    /** Lists all folders with their counts (RFC 3501 §6.3.8 LIST, §6.3.10 STATUS). */
    List<FolderSummary> summaries(Store store) throws MessagingException {
        refresh(store);
        List<FolderSummary> out = new ArrayList<>();
        for (String name : names) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(name);
            Status status = (Status) folder.doCommand(p -> p.status(name, new String[] {"MESSAGES", "UNSEEN"}));
            out.add(new FolderSummary(name, roleOf(name), status.total, Math.max(0, status.unseen)));
        }
        return out;
    }

    Optional<String> folderFor(Store store, FolderRole role) throws MessagingException {
        if (names.isEmpty()) {
            refresh(store);
        }
        return Optional.ofNullable(roles.get(role));
    }

    /** The folder for {@code role}, created when missing (Sent, Drafts, Trash only). */
    String ensure(Store store, FolderRole role) throws MessagingException {
        Optional<String> found = folderFor(store, role);
        if (found.isPresent()) {
            return found.get();
        }
        String name = DEFAULT_NAMES.get(role);
        if (name == null) {
            throw new IllegalArgumentException("cannot create " + role);
        }
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        refresh(store);
        return roles.getOrDefault(role, name);
    }

    boolean exists(String name) {
        return names.contains(name);
    }

    void refresh(Store store) throws MessagingException {
        List<String> found = new ArrayList<>();
        roles.clear();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if ((f.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            String name = f.getFullName();
            found.add(name);
            for (String attribute : ((IMAPFolder) f).getAttributes()) {
                FolderRole role = ATTRIBUTES.get(attribute.toLowerCase(Locale.ROOT));
                if (role != null) {
                    roles.putIfAbsent(role, name);
                }
            }
        }
        for (String name : found) {
            FolderRole role = NAMES.get(name.toLowerCase(Locale.ROOT));
            if (role != null) {
                roles.putIfAbsent(role, name);
            }
        }
        found.sort(Comparator.comparing((String n) -> order(roleOf(n))).thenComparing(String.CASE_INSENSITIVE_ORDER));
        names = List.copyOf(found);
    }

    FolderRole roleOf(String name) {
        if ("INBOX".equalsIgnoreCase(name)) {
            return FolderRole.INBOX;
        }
        for (Map.Entry<FolderRole, String> e : roles.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return FolderRole.OTHER;
    }

    private static int order(FolderRole role) {
        return switch (role) {
            case INBOX -> 0;
            case DRAFTS -> 1;
            case SENT -> 2;
            case ARCHIVE -> 3;
            case JUNK -> 4;
            case TRASH -> 5;
            case OTHER -> 6;
        };
    }
}
