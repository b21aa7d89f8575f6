package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
 */
final class Quota {
    static final String FILE = "maildirsize";
    private static final Logger LOG = LoggerFactory.getLogger(Quota.class);
    private static final long RECALCULATE_ABOVE = 5120;

    private final Path root;
    private final Path file;
    private final long limit;
    private final boolean fsync;

    Quota(Path root, long limit, boolean fsync) {
        this.root = root;
        this.file = root.resolve(FILE);
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
        if (!Files.exists(file)) {
            recalculate();
            return;
        }
        byte[] line = (bytes + " " + count + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(line));
        }
    }

    /** The sum of the file, or null when it must be recalculated. */
    private long[] read() throws IOException {
        List<String> lines;
        try {
            if (Files.size(file) > RECALCULATE_ABOVE) {
                return null;
            }
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        }
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
        addFolder(root, sum);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, p -> FolderName.fromDirectoryName(
                p.getFileName().toString()).isPresent())) {
            for (Path folder : ds) {
                addFolder(folder, sum);
            }
        }
        Durable.writeAtomically(file, (limit + "S\n" + sum[0] + " " + sum[1] + "\n").getBytes(StandardCharsets.US_ASCII),
                fsync);
        LOG.info("quota recalculated: {} bytes in {} messages", sum[0], sum[1]);
        return sum;
    }

    private static void addFolder(Path folder, long[] sum) throws IOException {
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder.resolve(sub))) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (!MaildirNames.isMessageName(name)) {
                        continue;
                    }
                    long size = MaildirNames.sizeOf(name);
                    if (size < 0) {
                        try {
                            size = Files.size(p);
                        } catch (NoSuchFileException e) {
                            continue;
                        }
                    }
                    sum[0] += size;
                    sum[1]++;
                }
            } catch (NoSuchFileException e) {
                // not a complete Maildir: nothing to count
            }
        }
    }
}
