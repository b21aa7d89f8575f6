package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock that serialises writers of a folder's UID list and keyword table: a JVM-wide {@link ReentrantLock} per
 * folder directory (shared even between two stores opened on the same root), plus an fcntl lock on
 * {@code mailstack-uidlist.lock} against other processes. Re-entrant; the file lock is taken once per outermost hold.
 */
final class FolderLock {
    static final String FILE = "mailstack-uidlist.lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock jvmLock;
    private FileChannel channel;
    private FileLock fileLock;

    FolderLock(Path folderDir) {
        this.lockFile = folderDir.toAbsolutePath().normalize().resolve(FILE);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    }

    void lock() throws IOException {
        jvmLock.lock();
        if (jvmLock.getHoldCount() > 1) {
            return;
        }
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            fileLock = channel.lock();
        } catch (IOException | RuntimeException e) {
            closeChannel();
            jvmLock.unlock();
            throw e;
        }
    }

    void unlock() {
        if (jvmLock.getHoldCount() == 1) {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
            } catch (IOException e) {
                // closing the channel below releases it anyway
            }
            closeChannel();
        }
        jvmLock.unlock();
    }

    boolean isHeldByCurrentThread() {
        return jvmLock.isHeldByCurrentThread();
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
        channel = null;
        fileLock = null;
    }
}
