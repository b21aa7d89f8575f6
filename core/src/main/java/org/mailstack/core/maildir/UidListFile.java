package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;

/**
 * The on-disk form of a folder's UID list, {@code mailstack-uidlist}: a header line, then records, one per line.
 * <pre>
 * MAILSTACK-UIDLIST 1 V&lt;uidvalidity&gt; N&lt;uidnext&gt; M&lt;highestmodseq&gt; R&lt;firstrecentuid&gt;
 * + &lt;uid&gt; &lt;modseq&gt; &lt;internaldate-ms&gt; &lt;size&gt; &lt;n|c&gt; &lt;file name&gt;     a message (file name to end of line)
 * * &lt;uid&gt; &lt;modseq&gt; &lt;n|c&gt; &lt;file name&gt;                               the message's file was renamed
 * - &lt;uid&gt; &lt;modseq&gt;                                                   the message was expunged
 * R &lt;firstrecentuid&gt;                                                  \Recent was claimed up to here
 * H 1 &lt;modseq&gt;                                                       every expunge above this MODSEQ is listed
 * S &lt;new/ mtime ns&gt; &lt;cur/ mtime ns&gt;                                   the list matched the directories then
 * L &lt;uid limit&gt; &lt;modseq limit&gt;                                       no UID &ge; or MODSEQ &gt; these was given
 * C 1                                                                the writer closed the list: all above is on disk
 * </pre>
 * A compacted file holds the header, one {@code +} line per message in UID order, then the expunge history (QRESYNC,
 * see {@link ExpungeHistory}): an {@code H} line and the last expunges as {@code -} lines. Without an {@code H}
 * line (a list written before histories were kept) the history is complete only above the header's MODSEQ. A reader
 * that predates the history takes the {@code H} line as a damaged record, rewrites the list and loses only the
 * history (the {@code 1} keeps its UID field readable, so it never changes UIDVALIDITY). Changes are appended
 * in one write, fsync'd only when they carry an {@code L} or {@code C} record or follow a {@code C}, and the file is
 * compacted atomically (temporary file, fsync, rename) when the log has grown; see {@link FolderState} for why.
 * A last line without its newline is a torn append and is ignored.
 *
 * <p>The owner can write this file. It is read and appended to only through the folder's open directory and only
 * as a regular file of at most {@link #MAX_SIZE} bytes; anything else (a link, a FIFO, a huge sparse file) reads as
 * an unreadable list, which the store rewrites: the replacement renames a new file over the link, whose target is
 * never touched. The file names in its records are checked to be plain names ({@link MaildirNames#isMessageName})
 * before any is opened.
 */
final class UidListFile {
    static final String FILE = "mailstack-uidlist";
    /** About 600,000 messages; a larger file is taken as unreadable rather than read into a small heap. */
    static final long MAX_SIZE = 64L << 20;
    private static final String MAGIC = "MAILSTACK-UIDLIST";
    private static final byte[] UNREADABLE = new byte[0];

    private final FolderDirs dirs;
    private final boolean fsync;

    UidListFile(FolderDirs dirs, boolean fsync) {
        this.dirs = dirs;
        this.fsync = fsync;
    }

    /** Identity and length of the file now (whatever it is: not following a link), or null when it does not exist. */
    Stamp stamp() throws IOException {
        BasicFileAttributes a = dirs.folder().attributes(FILE);
        return a == null ? null : new Stamp(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
    }

    /** What identifies one version of the file: same key and length and mtime means nothing to re-read. */
    record Stamp(Object fileKey, long length, long mtimeMillis) {
        boolean sameFile(Stamp other) {
            return other != null && Objects.equals(fileKey, other.fileKey) && fileKey != null;
        }
    }

    /**
     * Reads the whole file, or the bytes from {@code offset}; returns null if it does not exist, and no bytes (which
     * parse as an unreadable list) when it is not a regular file or is too large (logged once).
     */
    byte[] read(long offset) throws IOException {
        try {
            return dirs.folder().readRegular(FILE, offset, MAX_SIZE);
        } catch (RefusedFileException e) {
            return UNREADABLE;
        }
    }

    /** Whether {@link #read} found something it would not read. */
    static boolean unreadable(byte[] content) {
        return content == UNREADABLE;
    }

    static String header(long uidValidity, long uidNext, long highestModSeq, long firstRecent) {
        return MAGIC + " 1 V" + uidValidity + " N" + uidNext + " M" + highestModSeq + " R" + firstRecent + "\n";
    }

    static String added(UidEntry e) {
        return "+ " + e.uid + " " + e.modSeq + " " + e.internalDateMillis + " " + e.size + " " + (e.inNew ? "n" : "c")
                + " " + e.fileName + "\n";
    }

    static String renamed(UidEntry e) {
        return "* " + e.uid + " " + e.modSeq + " " + (e.inNew ? "n" : "c") + " " + e.fileName + "\n";
    }

    static String expunged(long uid, long modSeq) {
        return "- " + uid + " " + modSeq + "\n";
    }

    static String historyFloor(long modSeq) {
        return "H 1 " + modSeq + "\n";
    }

    static String scanned(long newMtimeNanos, long curMtimeNanos) {
        return "S " + newMtimeNanos + " " + curMtimeNanos + "\n";
    }

    static String limits(long uidLimit, long modSeqLimit) {
        return "L " + uidLimit + " " + modSeqLimit + "\n";
    }

    static String closed() {
        return "C 1\n";
    }

    static String recent(long firstRecent) {
        return "R " + firstRecent + "\n";
    }

    /** Parses a header line; null if it is not one. Fields: uidvalidity, uidnext, highestmodseq, firstrecent. */
    static long[] parseHeader(String line) {
        String[] f = line.split(" ");
        if (f.length != 6 || !f[0].equals(MAGIC) || !f[1].equals("1")) {
            return null;
        }
        long[] out = new long[4];
        char[] tags = {'V', 'N', 'M', 'R'};
        for (int i = 0; i < 4; i++) {
            String field = f[i + 2];
            if (field.length() < 2 || field.charAt(0) != tags[i]) {
                return null;
            }
            try {
                out[i] = Long.parseLong(field.substring(1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (out[i] < 0) {
                return null;
            }
        }
        return out[0] > 0 && out[0] <= 0xffffffffL && out[1] > 0 ? out : null;
    }

    /** Appends records in one write, fsync'd when {@code durable} (and the store fsyncs at all). */
    void append(List<String> records, boolean durable) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        byte[] bytes = String.join("", records).getBytes(StandardCharsets.UTF_8);
        // the stamp taken under the same lock saw the regular file this appends to; a link put in its place since
        // fails the open, a FIFO would block it until someone reads (only the owner can, from their own shell)
        try (FileChannel ch = dirs.folder().open(FILE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync && durable) {
                ch.force(false);
            }
        }
    }

    /** Writes a complete new file atomically (over whatever is there: a link is replaced, not followed). */
    void replace(String content) throws IOException {
        replace(dirs.folder(), content, fsync);
    }

    /** Writes a complete new file into an open folder directory atomically. */
    static void replace(OwnerDirectory folder, String content, boolean fsync) throws IOException {
        Durable.writeAtomically(folder, FILE, content.getBytes(StandardCharsets.UTF_8), fsync);
    }
}
