package org.mailstack.core.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory that the account's owner can change, held open, with everything in it looked at and opened relative
 * to its descriptor and without following a link.
 *
 * <h2>The problem</h2>
 * The owner has a shell in their container and owns the home the mail process works in. The mail process runs as
 * another user, which can read things the owner cannot: its copies of the stack's secrets, {@code /proc/self}, files
 * of the image. A symbolic link the owner plants ({@code Maildir/new/x -> /dev/shm/mailstack/relay_secret}) must
 * never make it read, list or write anything but the owner's own regular files. Opening a path with
 * {@code NOFOLLOW_LINKS} is not enough: O_NOFOLLOW guards only the last element, and the owner can swap any directory
 * on the way ({@code Maildir/cur} for a link to {@code /proc/self}) between a check and an open, as often as they
 * like. A FIFO is the other trap: opening one for reading blocks until someone writes.
 *
 * <h2>The mechanism</h2>
 * An {@code OwnerDirectory} is a {@link SecureDirectoryStream}: an open directory descriptor. Every operation names
 * one plain element below it and is relative to that descriptor: fstatat with AT_SYMLINK_NOFOLLOW for attributes,
 * openat with O_NOFOLLOW to open, unlinkat, renameat. A subdirectory is opened the same way, so a chain of them,
 * started from a directory the owner cannot replace ({@link #openTrusted}), reaches only real directories, and a
 * directory swapped for a link after it was opened changes nothing: the descriptor still names the directory that
 * was checked. Since every descriptor is a real directory of the owner's volume, and a volume is its own file system
 * (no hard link reaches out of it), whatever is opened through one is a file of that volume.
 *
 * <h2>What is refused</h2>
 * Files are opened only when they are regular files, directories only when they are directories: a link, FIFO,
 * socket or device gives a {@link RefusedFileException}, logged once per path ({@link FileWarnings}). Names must be
 * one plain element: {@code ""}, {@code "."}, {@code ".."} and names with {@code '/'} or NUL are refused too, since a
 * name may come from a file the owner wrote.
 *
 * <h2>The race that is left</h2>
 * The type is read (fstatat) before the open: openat with O_NOFOLLOW cannot fail on a FIFO, it blocks, and Java
 * offers no O_NONBLOCK. An entry replaced by a FIFO between the two calls blocks the opening thread until someone
 * writes to the FIFO; only the owner can do that, to their own mail. A link swapped in between fails the open
 * (ELOOP); another regular file swapped in is the owner's own file in the same directory, so the opened file is not
 * compared with the checked one (Java has no fstat on a channel). Writers check the same way before they open an
 * existing file, with the same race.
 *
 * <p>Thread-safe. Closing waits for operations in progress; later ones throw
 * {@link java.nio.file.ClosedDirectoryStreamException}.
 */
public final class OwnerDirectory implements Closeable {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Path path;
    private final SecureDirectoryStream<Path> handle;
    private final Object key;

    private OwnerDirectory(Path path, SecureDirectoryStream<Path> handle) throws IOException {
        this.path = path;
        this.handle = handle;
        try {
            this.key = handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Opens a directory whose path only the system can change (in the user container the home, the volume's mount
     * point, which its owner cannot rename or replace): this one open follows the path as it is.
     *
     * @throws IOException also when the platform cannot open files relative to a directory (every Linux can)
     */
    public static OwnerDirectory openTrusted(Path path) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new OwnerDirectory(path, secure);
        }
        stream.close();
        throw new IOException("this platform cannot open files relative to a directory; not serving " + path);
    }

    /** The path it was opened as: for logs and for calls that have no form relative to a descriptor. */
    public Path path() {
        return path;
    }

    /** The identity (device and inode) of the open directory, to compare with what a path names now. */
    public Object key() {
        return key;
    }

    /** The attributes of an entry, not following a link; null when there is no such entry. */
    public BasicFileAttributes attributes(String name) throws IOException {
        try {
            return handle.getFileAttributeView(element(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The attributes of a regular file; null when there is no such entry.
     *
     * @throws RefusedFileException (logged once) when the entry is anything but a regular file
     */
    public BasicFileAttributes regular(String name) throws IOException {
        BasicFileAttributes a = attributes(name);
        if (a != null && !a.isRegularFile()) {
            throw refused(name, kind(a));
        }
        return a;
    }

    /**
     * The subdirectory {@code name}, opened; the caller closes it. Null when there is no such entry.
     *
     * @throws RefusedFileException (logged once) when the entry is a link or anything but a directory
     */
    public OwnerDirectory directory(String name) throws IOException {
        BasicFileAttributes a = attributes(name);
        if (a == null) {
            return null;
        }
        if (!a.isDirectory()) {
            throw refused(name, kind(a));
        }
        SecureDirectoryStream<Path> sub;
        try {
            sub = handle.newDirectoryStream(element(name), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            BasicFileAttributes now = attributes(name);
            if (now != null && !now.isDirectory()) {
                throw refused(name, kind(now)); // swapped since the check
            }
            throw e;
        }
        return new OwnerDirectory(path.resolve(name), sub);
    }

    /**
     * Opens a regular file for reading; the caller closes the channel.
     *
     * @throws NoSuchFileException when there is no such entry
     * @throws RefusedFileException (logged once) when it is anything but a regular file
     */
    public SeekableByteChannel openRegular(String name) throws IOException {
        if (regular(name) == null) {
            throw new NoSuchFileException(FileWarnings.printable(path + "/" + name));
        }
        return handle.newByteChannel(element(name), READ);
    }

    /**
     * The bytes of a regular file from {@code offset} to its end; null when there is no such entry.
     *
     * @throws RefusedFileException (logged once) when it is not a regular file or larger than {@code maxSize}
     */
    public byte[] readRegular(String name, long offset, long maxSize) throws IOException {
        SeekableByteChannel ch;
        try {
            ch = openRegular(name);
        } catch (NoSuchFileException e) {
            return null;
        }
        try (ch) {
            long size = ch.size();
            if (size > maxSize) {
                throw refused(name, "larger than " + maxSize + " bytes");
            }
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - offset));
            ch.position(offset);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // until the size read above: what was appended since is read next time
            }
            return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /**
     * Opens or creates a file without following a link ({@code NOFOLLOW_LINKS} is added): a link in its place fails
     * with an {@link IOException}. Opening an existing FIFO read-only or write-only blocks: check an existing file
     * with {@link #regular} first, or open it read-write.
     */
    public FileChannel open(String name, OpenOption... options) throws IOException {
        Set<OpenOption> all = new HashSet<>(Arrays.asList(options));
        all.add(LinkOption.NOFOLLOW_LINKS);
        SeekableByteChannel ch = handle.newByteChannel(element(name), all);
        if (ch instanceof FileChannel file) {
            return file;
        }
        ch.close();
        throw new IOException("not a file channel: " + FileWarnings.printable(path + "/" + name));
    }

    /** Removes an entry (unlinkat: a link is removed, never what it names). */
    public void delete(String name) throws IOException {
        handle.deleteFile(element(name));
    }

    /** Renames an entry into {@code target} (renameat: replaces an existing entry there, follows no link). */
    public void move(String name, OwnerDirectory target, String targetName) throws IOException {
        handle.move(element(name), target.handle, element(targetName));
    }

    /** fsyncs the directory, so that creates, renames and removals in it survive a crash. */
    public void sync() throws IOException {
        try (SeekableByteChannel self = handle.newByteChannel(Path.of("."), READ)) {
            if (self instanceof FileChannel file) {
                file.force(true);
            }
        }
    }

    /** The names in the directory, read through its descriptor. */
    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        try (SecureDirectoryStream<Path> again = handle.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path p : again) {
                out.add(p.getFileName().toString());
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }

    private RefusedFileException refused(String name, String reason) {
        String file = path + "/" + name;
        FileWarnings.refused(file, reason);
        return new RefusedFileException(file, reason);
    }

    /** One plain path element, or a refusal: a name may come from a file the owner wrote. */
    private Path element(String name) throws RefusedFileException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw refused(name, "not a plain file name");
        }
        return Path.of(name);
    }

    private static String kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isDirectory()) {
            return "a directory";
        }
        return a.isRegularFile() ? "a regular file" : "a FIFO, socket or device";
    }
}
