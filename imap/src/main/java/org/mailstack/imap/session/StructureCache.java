package org.mailstack.imap.session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.mime.MimePart;
import org.mailstack.imap.mime.MimeStructureParser;

/**
 * Parsed MIME structures (offsets, ENVELOPE and BODYSTRUCTURE data), shared by all sessions of a server, so a
 * message is scanned once however often it is fetched. A stored message never changes (flags live in the file
 * name), so an entry keyed by account, folder, UIDVALIDITY and UID stays valid. Bounded LRU.
 */
public final class StructureCache {
    private record Key(String account, String folder, long uidValidity, long uid) {
    }

    private final Map<Key, MimePart> entries;

    public StructureCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MimePart> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Gives the message's octets from its start, for a scan on a miss. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** The structure of a message, parsed from the file on a miss. */
    public MimePart get(String account, MailboxView view, long uid) throws IOException {
        return get(account, view, uid, () -> view.openBody(uid));
    }

    /** The structure of a message, parsed from what {@code source} gives on a miss (only then is it called). */
    public MimePart get(String account, MailboxView view, long uid, Source source) throws IOException {
        Key key = new Key(account, view.folder().name(), view.uidValidity(), uid);
        synchronized (entries) {
            MimePart hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        MimePart parsed;
        try (InputStream in = new BufferedInputStream(source.open(), 64 * 1024)) {
            parsed = MimeStructureParser.parse(in);
        }
        synchronized (entries) {
            entries.put(key, parsed);
        }
        return parsed;
    }
}
