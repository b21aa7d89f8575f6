package org.mailstack.core.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a message into {@code tmp/}: exclusive create, counted writes in 64 KiB chunks, quota checked as the bytes
 * arrive, fsync. On any failure the temporary file is removed before the exception leaves.
 */
final class MessageWriter {
    private static final int CHUNK = 64 * 1024;

    private MessageWriter() {
    }

    /** Checks the running size against the quota; throws to stop the write. */
    interface QuotaGuard {
        void check(long bytesSoFar) throws QuotaExceededException;
    }

    record Written(Path file, String tmpName, long size) {
    }

    static Written write(Path tmpDir, MaildirNames names, InputStream in, QuotaGuard quota, boolean fsync)
            throws IOException {
        quota.check(0);
        String tmpName = names.newTmpName();
        Path file = tmpDir.resolve(tmpName);
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[CHUNK];
            long size = 0;
            int n;
            while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                size += n;
                quota.check(size);
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            if (fsync) {
                ch.force(true);
            }
            ok = true;
            return new Written(file, tmpName, size);
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }
}
