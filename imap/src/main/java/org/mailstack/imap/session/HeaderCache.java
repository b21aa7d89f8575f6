package org.mailstack.imap.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.imap.mime.Header;

/**
 * Top-level headers, as stored and parsed, shared by all sessions of a server, so that SEARCH on header keys
 * (SUBJECT, FROM, HEADER, sent dates) and FETCH of BODY[HEADER.FIELDS (...)] open each file once rather than every
 * time (Dovecot keeps such fields in its cache file for the same reason). A stored message never changes, so entries keyed by account, folder, UIDVALIDITY and UID
 * never go stale. Bounded LRU by the header bytes held; headers larger than {@link #MAX_CACHED} are not kept.
 */
public final class HeaderCache {
    /** A header larger than this is read from the file every time. */
    public static final int MAX_CACHED = 16 * 1024;

    private record Key(String account, String folder, long uidValidity, long uid) {
    }

    private record Entry(Header header, byte[] raw, int weight) {
    }

    /** Reads the raw top-level header of a message, up to and with the blank line that ends it. */
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
        return entry(account, view, uid, loader).header();
    }

    /**
     * The top-level header of a message as stored, with its blank line (FETCH BODY[HEADER] and HEADER.FIELDS),
     * loaded on a miss. Served from memory, it stays available after the message is expunged (RFC 2180 section
     * 4.1.1), as Dovecot serves cached fields.
     */
    public byte[] raw(String account, MailboxView view, long uid, Loader loader) throws IOException {
        return entry(account, view, uid, loader).raw();
    }

    private Entry entry(String account, MailboxView view, long uid, Loader loader) throws IOException {
        Key key = new Key(account, view.folder().name(), view.uidValidity(), uid);
        synchronized (entries) {
            Entry hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] raw = loader.load();
        // the raw octets, and about as much again for the strings of the parsed fields
        Entry parsed = new Entry(Header.parse(raw), raw, 3 * raw.length + 128);
        if (raw.length > MAX_CACHED) {
            return parsed;
        }
        synchronized (entries) {
            Entry before = entries.put(key, parsed);
            bytes += parsed.weight() - (before == null ? 0 : before.weight());
            var eldest = entries.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().getValue().weight();
                eldest.remove();
            }
        }
        return parsed;
    }
}
