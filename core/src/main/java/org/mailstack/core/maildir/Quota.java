package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's byte quota, counted in the Maildir++ {@code maildirsize} file at the root: a first line with the
 * limit ({@code <bytes>S}), then lines {@code <bytes> <count>} that add up to the usage. Writers append one line per
 * change (a short O_APPEND write is atomic), so delivery processes need no lock. The file is recalculated from the
 * folders (sizes from {@code ,S=} in names, a stat only for names without it) when it is missing or unreadable, when
 * it has grown past 5120 bytes (the Maildir++ rule), or when the sum went negative.
 *
 * <p>Like Maildir++, the check is not transactional: two deliveries racing at the limit may both pass. Files added
 * by other tools are only counted at the next recalculation. Like Maildir++, change lines are not fsync'd: the file
 * is a running sum, not mail, and a crash of the machine costs at most the last few lines until it is recalculated.
 *
 * <p>The owner can write the file and the folders: the file is read and appended to only as a regular file through
 * the root's open directory (anything else is recalculated, and the new file renamed over it: a link's target is
 * never read nor written), and the recalculation counts only regular files in real directories, looked at without
 * following links, so it never counts what a link points to.
 */
final class Quota {
    static final String FILE = "maildirsize";
    private static final Logger LOG = LoggerFactory.getLogger(Quota.class);
    private static final long RECALCULATE_ABOVE = 5120;

    private final MaildirRoot root;
    private final long limit;
    private final boolean fsync;

    Quota(MaildirRoot root, long limit, boolean fsync) {
        this.root = root;
        this.limit = limit;
        this.fsync = fsync;
    }

    synchronized QuotaUsage usage() throws IOException {
        long[] sum = read();
        if (sum == null) {
            sum = recalculate();
        }
        return new QuotaUsage(sum[0], sum[1], limit);
    }

    /** A guard for one message of unknown size: usage read once, then compared as bytes arrive. */
    MessageWriter.QuotaGuard guard() throws IOException {
        if (limit <= 0) {
            return bytes -> { };
        }
        long used = usage().usedBytes();
        return bytes -> {
            if (used + bytes > limit || (bytes == 0 && used >= limit)) {
                throw new QuotaExceededException(used, limit, bytes);
            }
        };
    }

    /** Checks that {@code bytes} more fit (copies, whose size is known). */
    void checkRoom(long bytes) throws IOException {
        if (limit > 0) {
            long used = usage().usedBytes();
            if (used + bytes > limit) {
                throw new QuotaExceededException(used, limit, bytes);
            }
        }
    }

    synchronized void add(long bytes, long count) throws IOException {
        if (bytes == 0 && count == 0) {
            return;
        }
        byte[] line = (bytes + " " + count + "\n").getBytes(StandardCharsets.US_ASCII);
        try (OwnerDirectory dir = root.open()) {
            if (dir.regular(FILE) == null) {
                recalculate();
                return;
            }
            // a link put here since the look above fails the open; a FIFO would block it until someone reads
            try (FileChannel ch = dir.open(FILE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
            }
        } catch (RefusedFileException e) {
            recalculate();
        }
    }

    /** The sum of the file, or null when it must be recalculated. */
    private long[] read() throws IOException {
        byte[] content;
        try (OwnerDirectory dir = root.open()) {
            BasicFileAttributes a = dir.regular(FILE);
            if (a == null || a.size() > RECALCULATE_ABOVE) {
                return null;
            }
            content = dir.readRegular(FILE, 0, RECALCULATE_ABOVE);
        } catch (RefusedFileException e) {
            return null;
        }
        if (content == null) {
            return null;
        }
        List<String> lines = new String(content, StandardCharsets.US_ASCII).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(limit + "S")) {
            return null;
        }
        long bytes = 0;
        long count = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                return null;
            }
            try {
                bytes += Long.parseLong(f[0]);
                count += Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return bytes < 0 || count < 0 ? null : new long[] {bytes, count};
    }

    /** Walks all folders and rewrites the file with the limit and one total line. */
    synchronized long[] recalculate() throws IOException {
        long[] sum = new long[2];
        try (OwnerDirectory dir = root.open()) {
            addFolder(dir, sum);
            for (String name : dir.names()) {
                if (FolderName.fromDirectoryName(name).isPresent()) {
                    try (OwnerDirectory folder = dir.directory(name)) {
                        addFolder(folder, sum);
                    } catch (RefusedFileException e) {
                        // a link or a file under a folder's name: not a folder (logged once)
                    }
                }
            }
            Durable.writeAtomically(dir, FILE,
                    (limit + "S\n" + sum[0] + " " + sum[1] + "\n").getBytes(StandardCharsets.US_ASCII), fsync);
        }
        LOG.info("quota recalculated: {} bytes in {} messages", sum[0], sum[1]);
        return sum;
    }

    /**
     * Adds the regular files of a folder's {@code new/} and {@code cur/}: sizes from {@code ,S=} in names, from the
     * file's own attributes otherwise, never from what a link points to.
     */
    private static void addFolder(OwnerDirectory folder, long[] sum) throws IOException {
        if (folder == null) {
            return;
        }
        for (String sub : new String[] {FolderDirs.NEW, FolderDirs.CUR}) {
            try (OwnerDirectory dir = folder.directory(sub)) {
                if (dir == null) {
                    continue; // not a complete Maildir: nothing to count
                }
                for (String name : dir.names()) {
                    if (!MaildirNames.isMessageName(name)) {
                        continue;
                    }
                    BasicFileAttributes a;
                    try {
                        a = dir.regular(name);
                    } catch (RefusedFileException e) {
                        continue;
                    }
                    if (a != null) {
                        long size = MaildirNames.sizeOf(name);
                        sum[0] += size < 0 ? a.size() : size;
                        sum[1]++;
                    }
                }
            } catch (RefusedFileException e) {
                // new/ or cur/ is a link: the folder is not one (logged once)
            }
        }
    }
}
