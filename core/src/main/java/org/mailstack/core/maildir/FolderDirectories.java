package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Maildir++ directories under the root: which folders exist, creating, deleting and renaming them, and cleaning
 * old files out of {@code tmp/}. Directories being created or deleted carry a name starting with {@code ".."},
 * which {@link FolderName#fromDirectoryName} never accepts, so they are never listed as folders.
 */
final class FolderDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(FolderDirectories.class);
    private static final String[] SUBDIRS = {"cur", "new", "tmp"};

    private final Path root;
    private final boolean fsync;
    private final java.time.Clock clock;

    FolderDirectories(Path root, boolean fsync, java.time.Clock clock) {
        this.root = root;
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

    boolean exists(FolderName folder) {
        return Files.isDirectory(dirOf(folder).resolve("cur"));
    }

    /** Makes the root a Maildir if it is not one yet. */
    void createRoot() throws IOException {
        Files.createDirectories(root);
        for (String sub : SUBDIRS) {
            Files.createDirectories(root.resolve(sub));
        }
        if (!Files.exists(root.resolve(UidListFile.FILE)) && isEmpty(root.resolve("new")) && isEmpty(root.resolve("cur"))) {
            writeEmptyUidList(root);
        }
    }

    /**
     * A new folder gets its UID list at once, so that a missing list later really means a lost one (worth a warning)
     * and not a folder nobody opened yet.
     */
    private void writeEmptyUidList(Path dir) throws IOException {
        long uidValidity = FolderState.newUidValidity(clock.instant());
        new UidListFile(dir, fsync).replace(UidList.empty(uidValidity).compacted());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        }
    }

    /** Creates a folder complete with its subdirectories, atomically (built aside, then renamed into place). */
    void create(FolderName folder) throws IOException {
        Path target = dirOf(folder);
        if (folder.isInbox() || Files.exists(target)) {
            throw new FolderExistsException(folder);
        }
        Path aside = root.resolve("..create-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(aside);
        try {
            for (String sub : SUBDIRS) {
                Files.createDirectory(aside.resolve(sub));
            }
            writeEmptyUidList(aside);
            Files.move(aside, target);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            throw new FolderExistsException(folder);
        } finally {
            if (Files.exists(aside)) {
                deleteTree(aside);
            }
        }
        Durable.syncDirectory(root, fsync);
    }

    /** All folders (INBOX not included), in name order. */
    List<FolderName> list() throws IOException {
        List<FolderName> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                FolderName.fromDirectoryName(p.getFileName().toString())
                        .filter(f -> Files.isDirectory(p.resolve("cur")))
                        .ifPresent(out::add);
            }
        }
        out.sort(null);
        return out;
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
            if (Files.exists(dirOf(t))) {
                throw new FolderExistsException(t);
            }
            targets.add(t);
        }
        for (int i = 0; i < moving.size(); i++) {
            Files.move(dirOf(moving.get(i)), dirOf(targets.get(i)));
        }
        Durable.syncDirectory(root, fsync);
    }

    /** Removes files in {@code tmp/} last modified before {@code limit}; returns how many. */
    int cleanTmp(FolderName folder, Instant limit) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirOf(folder).resolve("tmp"))) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile() && !a.lastModifiedTime().toInstant().isAfter(limit)) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // removed by someone else meanwhile
                }
            }
        } catch (NoSuchFileException e) {
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
