package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;

/**
 * The lock that serialises writers of a folder's UID list and keyword table: a JVM-wide {@link ReentrantLock} per
 * folder directory (shared even between two stores opened on the same root), plus an fcntl lock on byte 0 of
 * {@code mailstack-uidlist.lock} against other processes. Re-entrant; the file lock is taken once per outermost hold.
 *
 * <p>Byte 1 of the same file says that a process has the folder's UID list loaded and may have appended records
 * that are not yet fsync'd ({@link #holdLive}, a shared lock kept until {@link #close}). A process loading the list
 * for the first time asks {@link #othersLive}: if nobody holds byte 1, no process that wrote the list survived, so
 * any unsynced records may have been lost in a crash of the machine (see {@link FolderState}).
 */
final class FolderLock {
    static final String FILE = "mailstack-uidlist.lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final FolderDirs dirs;
    private final ReentrantLock jvmLock;
    private FileChannel channel;
    private FileLock fileLock;
    private FileLock liveLock;

    FolderLock(Path folderDir, FolderDirs dirs) {
        this.lockFile = folderDir.toAbsolutePath().normalize().resolve(FILE);
        this.dirs = dirs;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    }

    void lock() throws IOException {
        jvmLock.lock();
        if (jvmLock.getHoldCount() > 1) {
            return;
        }
        try {
            if (channel == null || !channel.isOpen()) {
                channel = dirs.use(FolderLock::openLockFile);
                liveLock = null;
            }
            fileLock = channel.lock(0, 1, false);
        } catch (IOException | RuntimeException e) {
            closeChannel();
            jvmLock.unlock();
            throw e;
        }
    }

    /**
     * Opens or creates the lock file through the folder's open directory, not following a link. Anything but a
     * regular file under its name (a link, a FIFO: logged once) is removed first, so a link planted there neither
     * creates nor locks a file elsewhere, and the folder stays usable.
     */
    private static FileChannel openLockFile(FolderDirs dirs) throws IOException {
        OwnerDirectory folder = dirs.folder();
        try {
            folder.regular(FILE);
        } catch (RefusedFileException e) {
            folder.delete(FILE);
        }
        return folder.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    void unlock() {
        if (jvmLock.getHoldCount() == 1) {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
            } catch (IOException e) {
                closeChannel();
            }
            fileLock = null;
        }
        jvmLock.unlock();
    }

    boolean isHeldByCurrentThread() {
        return jvmLock.isHeldByCurrentThread();
    }

    /** Under the lock: whether another process, or another store in this JVM, has this folder's list loaded. */
    boolean othersLive() throws IOException {
        try {
            FileLock probe = channel.tryLock(1, 1, false);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** Under the lock: marks this process as having the list loaded, until {@link #close}. */
    void holdLive() throws IOException {
        if (liveLock != null) {
            return;
        }
        try {
            liveLock = channel.lock(1, 1, true);
        } catch (OverlappingFileLockException e) {
            // another store in this JVM already holds it for the whole process
        }
    }

    /** Releases everything this lock holds in the file; a later {@link #lock} opens it again. */
    void close() {
        jvmLock.lock();
        try {
            closeChannel();
        } finally {
            jvmLock.unlock();
        }
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
        liveLock = null;
    }
}
