package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Maildir++ directories under the root: which folders exist, creating, deleting and renaming them, and cleaning
 * old files out of {@code tmp/}. Directories being created or deleted carry a name starting with {@code ".."},
 * which {@link FolderName#fromDirectoryName} never accepts, so they are never listed as folders.
 *
 * <p>A folder is a real directory with a real {@code cur/} and {@code new/}: one that is a link, or whose
 * {@code cur/} or {@code new/} is one, is not listed (a link under a folder's name is logged once) and does not exist
 * for the store. Nothing here follows a link: existence is asked without following one, the root is listed through
 * its open directory, and a name already taken by a link counts as taken.
 */
final class FolderDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(FolderDirectories.class);
    private static final String[] SUBDIRS = {FolderDirs.CUR, FolderDirs.NEW, FolderDirs.TMP};

    private final MaildirRoot maildir;
    private final Path root;
    private final boolean fsync;
    private final Clock clock;

    FolderDirectories(MaildirRoot maildir, boolean fsync, Clock clock) {
        this.maildir = maildir;
        this.root = maildir.path;
        this.fsync = fsync;
        this.clock = clock;
    }

    /** The directory of a folder; never outside the root (FolderName guarantees one path element). */
    Path dirOf(FolderName folder) {
        if (folder.isInbox()) {
            return root;
        }
        Path dir = root.resolve(folder.directoryName()).normalize();
        if (!root.equals(dir.getParent())) {
            throw new InvalidFolderNameException(folder.name(), "the name does not map into the Maildir");
        }
        return dir;
    }

    /** Whether the folder's directory, its {@code cur/} and {@code new/} are real directories (no link followed). */
    boolean exists(FolderName folder) {
        Path dir = dirOf(folder);
        return (folder.isInbox() || isDirectory(dir)) && isDirectory(dir.resolve(FolderDirs.CUR))
                && isDirectory(dir.resolve(FolderDirs.NEW));
    }

    private static boolean isDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the root a Maildir if it is not one yet. A subdirectory that is a link or no directory is left as it is
     * (logged once): INBOX does not exist for the store until the owner fixes it.
     *
     * @throws org.mailstack.core.files.RefusedFileException (logged once) when the root is a link or no directory
     */
    void createRoot() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
        }
        try (OwnerDirectory dir = maildir.open()) {
            for (String sub : SUBDIRS) {
                try {
                    if (dir.attributes(sub) == null) {
                        Files.createDirectory(root.resolve(sub));
                    }
                    closeIfOpen(dir.directory(sub));
                } catch (RefusedFileException | FileAlreadyExistsException e) {
                    // a link or a file in its place: logged once
                }
            }
            if (dir.attributes(UidListFile.FILE) == null && isEmpty(dir, FolderDirs.NEW)
                    && isEmpty(dir, FolderDirs.CUR)) {
                writeEmptyUidList(dir);
            }
        }
    }

    /**
     * A new folder gets its UID list at once, so that a missing list later really means a lost one (worth a warning)
     * and not a folder nobody opened yet.
     */
    private void writeEmptyUidList(OwnerDirectory dir) throws IOException {
        long uidValidity = FolderState.newUidValidity(clock.instant());
        UidListFile.replace(dir, UidList.empty(uidValidity).compacted(), fsync);
    }

    private static boolean isEmpty(OwnerDirectory parent, String sub) throws IOException {
        try (OwnerDirectory dir = parent.directory(sub)) {
            return dir != null && dir.names().isEmpty();
        } catch (RefusedFileException e) {
            return false;
        }
    }

    private static void closeIfOpen(OwnerDirectory d) throws IOException {
        if (d != null) {
            d.close();
        }
    }

    /** Creates a folder complete with its subdirectories, atomically (built aside, then renamed into place). */
    void create(FolderName folder) throws IOException {
        Path target = dirOf(folder);
        if (folder.isInbox() || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FolderExistsException(folder);
        }
        Path aside = root.resolve("..create-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(aside);
        try {
            for (String sub : SUBDIRS) {
                Files.createDirectory(aside.resolve(sub));
            }
            try (OwnerDirectory made = maildir.open(aside.getFileName().toString())) {
                writeEmptyUidList(made);
            }
            Files.move(aside, target);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new FolderExistsException(folder);
        } catch (FileSystemException e) {
            // Two creates of one name at once (two deliveries filing into a new folder): the loser's rename(2) meets
            // the winner's directory and fails with ENOTEMPTY, which Java reports as a plain FileSystemException.
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FolderExistsException(folder);
            }
            throw e;
        } finally {
            if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(aside);
            }
        }
        Durable.syncDirectory(root, fsync);
    }

    /**
     * All folders (INBOX not included), in name order: real directories under a folder's name whose {@code cur/} and
     * {@code new/} are real directories. A link under a folder's name is left out (logged once), and what it names is
     * never looked at.
     */
    List<FolderName> list() throws IOException {
        List<FolderName> out = new ArrayList<>();
        try (OwnerDirectory dir = maildir.open()) {
            for (String name : dir.names()) {
                Optional<FolderName> folder = FolderName.fromDirectoryName(name);
                if (folder.isPresent() && isFolder(dir, name)) {
                    out.add(folder.get());
                }
            }
        }
        out.sort(null);
        return out;
    }

    private boolean isFolder(OwnerDirectory dir, String name) throws IOException {
        BasicFileAttributes a;
        try {
            a = dir.attributes(name);
            if (a == null || !a.isDirectory()) {
                closeIfOpen(dir.directory(name)); // a link or a file: refused and logged once
                return false;
            }
        } catch (RefusedFileException e) {
            return false;
        }
        return isDirectory(root.resolve(name).resolve(FolderDirs.CUR))
                && isDirectory(root.resolve(name).resolve(FolderDirs.NEW));
    }

    /** Deletes one folder's directory (not its children): renamed aside first, so it vanishes at once. */
    void delete(FolderName folder) throws IOException {
        if (folder.isInbox()) {
            throw new StoreException("INBOX cannot be deleted");
        }
        Path dir = dirOf(folder);
        if (!exists(folder)) {
            throw new FolderNotFoundException(folder);
        }
        Path aside = root.resolve("..deleted-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.move(dir, aside);
        } catch (NoSuchFileException e) {
            throw new FolderNotFoundException(folder);
        }
        Durable.syncDirectory(root, fsync);
        deleteTree(aside);
    }

    /** The folder and its descendants that exist, parents first. */
    List<FolderName> withDescendants(FolderName folder) throws IOException {
        List<FolderName> out = new ArrayList<>();
        if (exists(folder)) {
            out.add(folder);
        }
        for (FolderName f : list()) {
            if (folder.isAncestorOf(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Renames the given folders from under {@code from} to under {@code to}; checks all targets first. */
    void rename(FolderName from, FolderName to, List<FolderName> moving) throws IOException {
        List<FolderName> targets = new ArrayList<>();
        for (FolderName f : moving) {
            FolderName t = f.equals(from) ? to : FolderName.of(to.name() + f.name().substring(from.name().length()));
            if (Files.exists(dirOf(t), LinkOption.NOFOLLOW_LINKS)) {
                throw new FolderExistsException(t);
            }
            targets.add(t);
        }
        for (int i = 0; i < moving.size(); i++) {
            Files.move(dirOf(moving.get(i)), dirOf(targets.get(i)));
        }
        Durable.syncDirectory(root, fsync);
    }

    /**
     * Removes regular files in {@code tmp/} last modified before {@code limit}; returns how many. Only regular files
     * are looked at, through the folder's open directories: a {@code tmp/} that is a link is not entered, and a link
     * inside is neither followed nor removed (both logged once).
     */
    int cleanTmp(FolderName folder, Instant limit) throws IOException {
        int removed = 0;
        try (OwnerDirectory dir = folder.isInbox() ? maildir.open() : maildir.open(folder.directoryName());
             OwnerDirectory tmp = dir == null ? null : dir.directory(FolderDirs.TMP)) {
            if (tmp == null) {
                return 0;
            }
            for (String name : tmp.names()) {
                try {
                    BasicFileAttributes a = tmp.regular(name);
                    if (a != null && !a.lastModifiedTime().toInstant().isAfter(limit)) {
                        tmp.delete(name);
                        removed++;
                    }
                } catch (NoSuchFileException | RefusedFileException e) {
                    // removed by someone else meanwhile, or not a file we remove (logged once)
                }
            }
        } catch (NoSuchFileException | RefusedFileException e) {
            return 0;
        }
        if (removed > 0) {
            LOG.info("removed {} stale files from tmp/ of folder {}", removed, folder);
        }
        return removed;
    }

    /** Also removes leftovers of interrupted creates and deletes. */
    void cleanAside() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, p -> {
            String n = p.getFileName().toString();
            return n.startsWith("..create-") || n.startsWith("..deleted-");
        })) {
            for (Path p : ds) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
