package org.mailstack.core.maildir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder's UID list in memory, built from {@link UidListFile}'s lines. Guarded by the folder lock.
 *
 * <p>Reading is forgiving where that is safe: a record that cannot be applied but whose UID is readable only marks
 * the list {@link #damaged} (its file will get a new, higher UID), since UIDNEXT still covers every UID ever given.
 * A record whose UID cannot be read makes the whole list unusable ({@link #parse} returns null): some UID might then
 * be given twice, so only a new UIDVALIDITY is safe.
 */
final class UidList {
    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private long firstRecent;
    private final TreeMap<Long, UidEntry> byUid = new TreeMap<>();
    private final Map<String, UidEntry> byBase = new HashMap<>();
    /** Some record could not be applied: compact soon, and say so in the log. */
    private boolean damaged;
    /** Records after the compacted part; decides when to compact. */
    private int logRecords;
    /** Bytes of complete lines consumed from the file. */
    private long parsedLength;
    /** The mtimes (ns) of new/ and cur/ when the list last matched them; 0 when unknown or not to be trusted. */
    private long scannedNew;
    private long scannedCur;
    /** Grows with every add or remove: while it stays the same, the set of UIDs stays the same. */
    private int structureVersion;
    /** Entries renamed since the last snapshot was published, so that publishing can patch only those. */
    private final List<UidEntry> movedSincePublish = new ArrayList<>();
    /** Expunged UIDs with their MODSEQs (QRESYNC); complete above its floor. */
    private ExpungeHistory history = new ExpungeHistory(0);
    /** An {@code H} record was read: {@code -} records of UIDs not in the list are kept history, not damage. */
    private boolean keepsHistory;
    /** Every UID given is below this, every MODSEQ at most that, as a durable {@code L} record says. */
    private long uidLimit;
    private long modSeqLimit;
    /** The file's last record is {@code C}: every record above it reached the disk. */
    private boolean clean;
    /** {@link #recover} ran: the list must be compacted to record its new UIDNEXT and MODSEQs. */
    private boolean recovered;
    private boolean sawLimits;

    long uidValidity() {
        return uidValidity;
    }

    long uidNext() {
        return uidNext;
    }

    long highestModSeq() {
        return highestModSeq;
    }

    long firstRecent() {
        return firstRecent;
    }

    /** The messages by UID; read only: change them through {@link #add}, {@link #remove} and {@link #expunge}. */
    Map<Long, UidEntry> byUid() {
        return Collections.unmodifiableMap(byUid);
    }

    /** How many messages the list holds. */
    int size() {
        return byUid.size();
    }

    /** The message with this UID, or null. */
    UidEntry get(long uid) {
        return byUid.get(uid);
    }

    boolean damaged() {
        return damaged;
    }

    boolean recovered() {
        return recovered;
    }

    boolean clean() {
        return clean;
    }

    long parsedLength() {
        return parsedLength;
    }

    long scannedNew() {
        return scannedNew;
    }

    long scannedCur() {
        return scannedCur;
    }

    int structureVersion() {
        return structureVersion;
    }

    ExpungeHistory history() {
        return history;
    }

    /** The entries renamed since the last {@link #published}, read only. */
    List<UidEntry> movedSincePublish() {
        return Collections.unmodifiableList(movedSincePublish);
    }

    /** A snapshot of the list as it is now was published: forgets the entries renamed before it. */
    void published() {
        movedSincePublish.clear();
    }

    /** Gives the next UID. */
    long nextUid() {
        return uidNext++;
    }

    /** Gives the next MODSEQ, which becomes the highest. */
    long nextModSeq() {
        return ++highestModSeq;
    }

    /** Records the mtime (ns) of {@code new/} at which the list matched it; 0 when unknown. */
    void scannedNew(long nanos) {
        scannedNew = nanos;
    }

    /** Records the mtime (ns) of {@code cur/} at which the list matched it; 0 when unknown. */
    void scannedCur(long nanos) {
        scannedCur = nanos;
    }

    /**
     * Makes the messages below UIDNEXT no longer recent (RFC 3501 section 2.3.2: this session claimed them); returns
     * the {@code R} record to append.
     */
    String claimRecent() {
        firstRecent = uidNext;
        return UidListFile.recent(firstRecent);
    }

    /** The file was found damaged or gone: compact soon, and list both directories at the next scan. */
    void markDamaged() {
        damaged = true;
        scannedNew = 0;
        scannedCur = 0;
    }

    /** {@link #compacted} replaced the file: nothing is damaged or pending, and the file ends clean. */
    void compactionWritten() {
        damaged = false;
        recovered = false;
        clean = true;
        logRecords = 0;
    }

    /** {@code n} records were appended to the file, not closed by a {@code C} record. */
    void recordsAppended(int n) {
        clean = false;
        logRecords += n;
    }

    /** A {@code C} record was appended and made durable. */
    void closedWritten() {
        clean = true;
    }

    /** The file's first {@code length} bytes are applied (this process wrote them). */
    void parsedUpTo(long length) {
        parsedLength = length;
    }

    static UidList empty(long uidValidity) {
        UidList l = new UidList();
        l.uidValidity = uidValidity;
        l.uidNext = 1;
        l.highestModSeq = 1;
        l.firstRecent = 1;
        return l;
    }

    /** Parses a whole file; null when the header or a record's UID is unreadable. */
    static UidList parse(byte[] content) {
        int nl = indexOf(content, 0);
        if (nl < 0) {
            return null;
        }
        long[] h = UidListFile.parseHeader(new String(content, 0, nl, StandardCharsets.UTF_8));
        if (h == null) {
            return null;
        }
        UidList l = new UidList();
        l.uidValidity = h[0];
        l.uidNext = h[1];
        l.highestModSeq = Math.max(1, h[2]);
        l.firstRecent = Math.max(1, h[3]);
        // a list written before histories were kept forgot the expunges it compacted away: complete only above M
        l.history = new ExpungeHistory(l.highestModSeq);
        l.parsedLength = nl + 1;
        if (!l.applyTail(content, nl + 1)) {
            return null;
        }
        l.logRecords = 0;
        // written before limits were kept: that writer fsync'd every record
        l.clean |= !l.sawLimits;
        return l;
    }

    /** Applies the complete lines of {@code bytes} from {@code start}; false when a record's UID is unreadable. */
    boolean applyTail(byte[] bytes, int start) {
        int pos = start;
        int nl;
        while ((nl = indexOf(bytes, pos)) >= 0) {
            String line = new String(bytes, pos, nl - pos, StandardCharsets.UTF_8);
            if (!apply(line)) {
                return false;
            }
            parsedLength += nl + 1 - pos;
            logRecords++;
            pos = nl + 1;
        }
        return true;
    }

    private boolean apply(String line) {
        if (line.length() < 3 || line.charAt(1) != ' ') {
            return false;
        }
        clean = line.charAt(0) == 'C';
        if (clean) {
            return true;
        }
        if (line.charAt(0) == 'L') {
            String[] m = line.split(" ");
            uidLimit = Math.max(uidLimit, m.length == 3 ? number(m, 1) : -1);
            modSeqLimit = Math.max(modSeqLimit, m.length == 3 ? number(m, 2) : -1);
            sawLimits = true;
            return true;
        }
        if (line.charAt(0) == 'S') {
            String[] m = line.split(" ");
            scannedNew = m.length == 3 ? Math.max(0, number(m, 1)) : 0;
            scannedCur = m.length == 3 ? Math.max(0, number(m, 2)) : 0;
            return true;
        }
        if (line.charAt(0) == 'H') {
            String[] h = line.split(" ");
            long floor = h.length == 3 ? number(h, 2) : -1;
            if (floor < 0) {
                damaged = true;
            } else {
                history.floor(floor);
                keepsHistory = true;
            }
            return true;
        }
        String[] f = line.split(" ", line.charAt(0) == '+' ? 7 : line.charAt(0) == '*' ? 5 : 3);
        long uid = number(f, 1);
        if (uid <= 0) {
            return false;
        }
        if (line.charAt(0) != 'R') {
            uidNext = Math.max(uidNext, uid + 1);
            scannedNew = 0;
            scannedCur = 0;
        }
        switch (line.charAt(0)) {
            case '+' -> {
                long modSeq = number(f, 2);
                long date = number(f, 3);
                long size = number(f, 4);
                if (f.length != 7 || modSeq < 0 || date < 0 || size < 0 || !isLocation(f[5])
                        || !MaildirNames.isMessageName(f[6]) || byUid.containsKey(uid)) {
                    damaged = true;
                    return true;
                }
                String base = MaildirNames.baseName(f[6]);
                if (byBase.containsKey(base)) {
                    damaged = true;
                    return true;
                }
                add(new UidEntry(uid, base, date, size, f[5].equals("n"), f[6], modSeq));
                highestModSeq = Math.max(highestModSeq, modSeq);
            }
            case '*' -> {
                UidEntry e = byUid.get(uid);
                long modSeq = number(f, 2);
                if (f.length != 5 || modSeq < 0 || !isLocation(f[3]) || e == null || !MaildirNames.isMessageName(f[4])
                        || !MaildirNames.baseName(f[4]).equals(e.baseName)) {
                    damaged = true;
                    return true;
                }
                moved(e, f[3].equals("n"), f[4], modSeq);
                highestModSeq = Math.max(highestModSeq, modSeq);
            }
            case '-' -> {
                UidEntry e = remove(uid);
                long modSeq = Math.max(0, number(f, 2));
                highestModSeq = Math.max(highestModSeq, modSeq);
                history.add(uid, modSeq);
                damaged |= e == null && !keepsHistory;
            }
            case 'R' -> firstRecent = Math.max(firstRecent, uid);
            default -> damaged = true;
        }
        return true;
    }

    void add(UidEntry e) {
        structureVersion++;
        byUid.put(e.uid, e);
        byBase.put(e.baseName, e);
    }

    UidEntry remove(long uid) {
        UidEntry e = byUid.remove(uid);
        if (e != null) {
            structureVersion++;
            byBase.remove(e.baseName);
        }
        return e;
    }

    /** Removes an expunged message with a new MODSEQ, remembers it in the history; returns its record. */
    String expunge(long uid) {
        remove(uid);
        long modSeq = ++highestModSeq;
        history.add(uid, modSeq);
        return UidListFile.expunged(uid, modSeq);
    }

    /** Records that {@code e}'s file is now {@code fileName} (in {@code new/} or not) with {@code modSeq}. */
    void moved(UidEntry e, boolean inNew, String fileName, long modSeq) {
        e.moved(inNew, fileName, modSeq);
        movedSincePublish.add(e);
    }

    /**
     * Raises the limits, if a UID or MODSEQ now in use passed them, well beyond what is in use; returns the
     * {@code L} record that must then be made durable before any of them is shown, or null.
     */
    String raiseLimits() {
        if (uidNext <= uidLimit && highestModSeq <= modSeqLimit) {
            return null;
        }
        uidLimit = uidNext + UID_RESERVE;
        modSeqLimit = highestModSeq + MODSEQ_RESERVE;
        sawLimits = true;
        return UidListFile.limits(uidLimit, modSeqLimit);
    }

    static final long UID_RESERVE = 1000;
    static final long MODSEQ_RESERVE = 10_000;

    /**
     * After a crash of the machine the records written since the last fsync may be lost, though clients saw their
     * UIDs and MODSEQs. Skips past everything the limits allow: new UIDs start at the UID limit (a message whose
     * record was lost is found by the scan and gets one of those), every message gets a MODSEQ above the MODSEQ limit
     * (so CONDSTORE clients fetch every flag again, including changes whose rename was lost), and the next scan
     * lists both directories.
     */
    void recover() {
        uidNext = Math.max(uidNext, uidLimit);
        long modSeq = Math.max(highestModSeq, modSeqLimit) + 1;
        for (UidEntry e : byUid.values()) {
            e.modSeq = modSeq;
            e.info = null;
        }
        highestModSeq = modSeq;
        scannedNew = 0;
        scannedCur = 0;
        recovered = true;
    }

    /** The compacted file: header, one {@code +} line per message, then the expunge history. */
    String compacted() {
        StringBuilder out = new StringBuilder(64 + byUid.size() * 96 + history.size() * 24);
        out.append(UidListFile.header(uidValidity, uidNext, highestModSeq, firstRecent));
        for (UidEntry e : byUid.values()) {
            out.append(UidListFile.added(e));
        }
        history.appendTo(out);
        keepsHistory = true;
        if (scannedNew != 0 || scannedCur != 0) {
            out.append(UidListFile.scanned(scannedNew, scannedCur));
        }
        out.append(UidListFile.limits(uidLimit, modSeqLimit));
        return out.append(UidListFile.closed()).toString();
    }

    /** Whether the appended log has grown enough to rewrite the file. */
    boolean wantsCompaction() {
        return damaged || recovered || logRecords > Math.max(256, byUid.size() / 2);
    }

    private static boolean isLocation(String s) {
        return s.equals("n") || s.equals("c");
    }

    private static long number(String[] f, int i) {
        if (i >= f.length || f[i].isEmpty() || f[i].length() > 19) {
            return -1;
        }
        long v = 0;
        for (int j = 0; j < f[i].length(); j++) {
            char c = f[i].charAt(j);
            if (c < '0' || c > '9') {
                return -1;
            }
            try {
                v = Math.addExact(Math.multiplyExact(v, 10), c - '0');
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return v;
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
