package org.mailstack.imap.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.mime.Header;

/**
 * Parsed top-level headers, shared by all sessions of a server, so that SEARCH on header keys (SUBJECT, FROM,
 * HEADER, sent dates) opens each file once rather than at every search (Dovecot keeps such fields in its cache file
 * for the same reason). A stored message never changes, so entries keyed by account, folder, UIDVALIDITY and UID
 * never go stale. Bounded LRU by the header bytes held; headers larger than {@link #MAX_CACHED} are not kept.
 */
public final class HeaderCache {
    /** A header larger than this is read from the file every time. */
    public static final int MAX_CACHED = 16 * 1024;

    private record Key(String account, String folder, long uidValidity, long uid) {
    }

    private record Entry(Header header, int weight) {
    }

    /** Reads the raw top-level header of a message. */
    @FunctionalInterface
    public interface Loader {
        byte[] load() throws IOException;
    }

    private final long maxBytes;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public HeaderCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The parsed top-level header of a message, loaded and parsed on a miss. */
    public Header get(String account, MailboxView view, long uid, Loader loader) throws IOException {
        Key key = new Key(account, view.folder().name(), view.uidValidity(), uid);
        synchronized (entries) {
            Entry hit = entries.get(key);
            if (hit != null) {
                return hit.header();
            }
        }
        byte[] raw = loader.load();
        Header parsed = Header.parse(raw);
        if (raw.length > MAX_CACHED) {
            return parsed;
        }
        int weight = 2 * raw.length + 128; // the strings of the parsed fields, roughly
        synchronized (entries) {
            if (entries.put(key, new Entry(parsed, weight)) == null) {
                bytes += weight;
            }
            var eldest = entries.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().getValue().weight();
                eldest.remove();
            }
        }
        return parsed;
    }
}
