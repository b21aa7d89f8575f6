package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mailstack.core.files.OwnerDirectory;

/**
 * Writes a message into {@code tmp/}: exclusive create, counted writes, quota checked as the bytes arrive, fsync.
 * Bytes may come from a stream ({@link #writeAll}) or chunk by chunk as they arrive ({@link #write(byte[], int, int)},
 * {@link #finish}). On any failure, and on {@link #close} before {@link #finish}, the temporary file is removed.
 */
final class MessageWriter implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final String tmpName;
    private final QuotaGuard quota;
    private final boolean fsync;
    private final FileChannel channel;
    private long size;
    private boolean finished;

    /** Checks the running size against the quota; throws to stop the write. */
    interface QuotaGuard {
        void check(long bytesSoFar) throws QuotaExceededException;
    }

    record Written(Path file, String tmpName, long size) {
    }

    private MessageWriter(Path file, String tmpName, QuotaGuard quota, boolean fsync, FileChannel channel) {
        this.file = file;
        this.tmpName = tmpName;
        this.quota = quota;
        this.fsync = fsync;
        this.channel = channel;
    }

    /**
     * Creates a new file in an open {@code tmp/} for a message whose bytes will follow: exclusively, relative to
     * the directory's descriptor, so neither a link in its place nor a {@code tmp/} swapped for one is written through.
     */
    static MessageWriter open(OwnerDirectory tmp, MaildirNames names, QuotaGuard quota, boolean fsync)
            throws IOException {
        quota.check(0);
        String tmpName = names.newTmpName();
        FileChannel ch = tmp.open(tmpName, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new MessageWriter(tmp.path().resolve(tmpName), tmpName, quota, fsync, ch);
    }

    /** Streams a whole message into this new file and finishes it. */
    Written writeAll(InputStream in) throws IOException {
        try (MessageWriter w = this) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                w.write(chunk, 0, n);
            }
            return w.finish();
        }
    }

    /** Appends bytes; on failure (quota, disk) the file is removed and the writer unusable. */
    void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException("message already finished");
        }
        boolean ok = false;
        try {
            size += len;
            quota.check(size);
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    long size() {
        return size;
    }

    /** Fsyncs and closes the file; it stays in {@code tmp/} for the caller to place (and remove on failure). */
    Written finish() throws IOException {
        boolean ok = false;
        try {
            if (fsync) {
                channel.force(true);
            }
            channel.close();
            ok = true;
            finished = true;
            return new Written(file, tmpName, size);
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** Removes the file unless {@link #finish} succeeded. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
