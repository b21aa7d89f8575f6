package org.mailstack.mailctl.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.tar.BoundedInput;
import org.mailstack.mailctl.tar.TarEntry;
import org.mailstack.mailctl.tar.TarFormatException;
import org.mailstack.mailctl.tar.TarReader;

/**
 * Reads a backup archive ({@link BackupWriter} writes them) and checks all of it before anything is restored from it:
 * {@code manifest.json} first, a format and version this mailctl knows; then exactly the entries the manifest lists,
 * in its order, each of its size and SHA-256; the end-of-archive marker; and whatever check the caller gives for an
 * entry (a home archive's paths). Entries whose name does not end in {@code .tar} are small and kept in memory; the
 * others are read again from the file when restored.
 *
 * <p>What is refused, and how it reads (exit 1, nothing is made): a file that is not a mailstack backup at all ("is not
 * a mailstack backup"), one written by a newer mailctl, one that is damaged or cut short ("is damaged"), and one
 * whose home holds a path or link leaving the home ("is unsafe").
 */
public final class BackupFile {
    /** Entries held in memory: a password hash, an authorized_keys file, a relay key. */
    static final int MAX_SMALL = 64 * 1024;

    /** A check of one entry's data, reading it through (a home archive's entries). */
    public interface EntryCheck {
        void check(InputStream data) throws IOException;
    }

    /** A checked archive: its manifest, its small entries' data, and where the others are in the file. */
    public static final class Checked {
        private final Path file;
        private final BackupManifest manifest;
        private final Map<String, byte[]> data;
        private final Map<String, Long> offsets;

        Checked(Path file, BackupManifest manifest, Map<String, byte[]> data, Map<String, Long> offsets) {
            this.file = file;
            this.manifest = manifest;
            this.data = data;
            this.offsets = offsets;
        }

        public BackupManifest manifest() {
            return manifest;
        }

        /** A small entry's data, or null when the archive has none of that name. */
        public byte[] data(String name) {
            byte[] d = data.get(name);
            return d == null ? null : d.clone();
        }

        /** A large entry's data, read from the file again; closing the stream closes the file. */
        public InputStream open(String name) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new Slice(channel, offsets.get(name), manifest.entries().get(name).size(), true);
        }
    }

    private BackupFile() {}

    /** Only the manifest: enough to tell what the archive is before reading all of it. */
    public static BackupManifest manifest(Path file) {
        try (InputStream in = open(file)) {
            return readManifest(new TarReader(in), file);
        } catch (TarFormatException e) {
            throw damaged(file, e.getMessage());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads the whole archive and checks it.
     *
     * @param checks by entry name, run on that entry's data as it is read
     * @throws MailctlException (exit 1) saying what is wrong; (exit 2) when the file cannot be read at all
     */
    public static Checked check(Path file, Map<String, EntryCheck> checks) {
        try (InputStream in = open(file)) {
            TarReader tar = new TarReader(in);
            BackupManifest manifest = readManifest(tar, file);
            Map<String, byte[]> data = new HashMap<>();
            Map<String, Long> offsets = new HashMap<>();
            Iterator<Map.Entry<String, BackupManifest.Entry>> expected = manifest.entries().entrySet().iterator();
            for (TarEntry e = tar.next(); e != null; e = tar.next()) {
                if (!expected.hasNext()) {
                    throw damaged(file, "it holds an entry its manifest does not list ('" + e.name() + "')");
                }
                Map.Entry<String, BackupManifest.Entry> wanted = expected.next();
                String name = wanted.getKey();
                if (!e.name().equals(name) || !e.isFile() || e.size() != wanted.getValue().size()) {
                    throw damaged(file, "its entry '" + e.name() + "' (" + e.size() + " bytes) is not the manifest's '"
                            + name + "' (" + wanted.getValue().size() + " bytes)");
                }
                offsets.put(name, tar.position());
                IOException problem = read(tar.content(), name, wanted.getValue(), checks.get(name), data, file);
                if (problem instanceof UnsafeEntryException) {
                    throw MailctlException.operation(file + " is unsafe: in " + name + ", " + problem.getMessage()
                            + "; nothing was restored");
                }
                if (problem != null) {
                    throw damaged(file, name + " is not a whole tar archive (" + problem.getMessage() + ")");
                }
            }
            if (expected.hasNext()) {
                throw damaged(file, "its entry " + expected.next().getKey() + " is missing");
            }
            tar.requireEnd();
            return new Checked(file, manifest, data, offsets);
        } catch (TarFormatException e) {
            throw damaged(file, e.getMessage());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads one entry through its digest; returns what its check found, after the digest matched. */
    private static IOException read(InputStream content, String name, BackupManifest.Entry wanted, EntryCheck check,
                                    Map<String, byte[]> data, Path file) throws IOException {
        MessageDigest sha = BackupWriter.sha256();
        DigestInputStream in = new DigestInputStream(content, sha);
        IOException problem = null;
        if (!name.endsWith(".tar")) {
            if (wanted.size() > MAX_SMALL) {
                throw damaged(file, name + " has " + wanted.size() + " bytes, more than such a file ever holds");
            }
            data.put(name, in.readAllBytes());
        } else if (check != null) {
            try {
                check.check(in);
            } catch (UnsafeEntryException | TarFormatException e) {
                problem = e;
            }
        }
        in.transferTo(OutputStream.nullOutputStream());
        if (!HexFormat.of().formatHex(sha.digest()).equals(wanted.sha256())) {
            throw damaged(file, name + " does not match the SHA-256 its manifest lists");
        }
        return problem;
    }

    private static BackupManifest readManifest(TarReader tar, Path file) throws IOException {
        TarEntry first;
        try {
            first = tar.next();
        } catch (TarFormatException e) {
            if (e.cutShort() && tar.position() > 0) {
                throw e;
            }
            throw notABackup(file, "not a tar archive: " + e.getMessage());
        }
        if (first == null || !first.name().equals(BackupManifest.FILE) || !first.isFile()) {
            throw notABackup(file, first == null ? "an empty tar archive"
                    : "a tar archive whose first entry is '" + first.name() + "', not " + BackupManifest.FILE);
        }
        if (first.size() > MAX_SMALL) {
            throw notABackup(file, "its " + BackupManifest.FILE + " has " + first.size() + " bytes");
        }
        byte[] json = tar.content().readAllBytes();
        try {
            return BackupManifest.parse(json);
        } catch (BackupManifest.NewerFormatException e) {
            throw MailctlException.operation(file + " was written by a newer mailctl (" + e.getMessage()
                    + "): restore it with that version");
        } catch (IllegalArgumentException e) {
            throw notABackup(file, e.getMessage());
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw MailctlException.usage("no file " + file);
        }
    }

    private static MailctlException notABackup(Path file, String why) {
        return MailctlException.operation(file + " is not a mailstack backup (" + why + ")");
    }

    private static MailctlException damaged(Path file, String why) {
        return MailctlException.operation(file + " is damaged: " + why + "; use another backup");
    }

    private static MailctlException unreadable(Path file, IOException e) {
        return MailctlException.usage("cannot read " + file + ": " + e.getMessage());
    }

    /** {@code size} bytes of a file from {@code offset}, read without moving the channel's position. */
    static InputStream slice(FileChannel channel, long offset, long size) {
        return new Slice(channel, offset, size, false);
    }

    private static final class Slice extends BoundedInput {
        private final FileChannel channel;
        private final boolean owned;
        private long position;

        Slice(FileChannel channel, long offset, long size, boolean owned) {
            super(size);
            this.channel = channel;
            this.position = offset;
            this.owned = owned;
        }

        @Override
        protected int readSome(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            position += Math.max(n, 0);
            return n;
        }

        @Override
        protected TarFormatException cutShort() {
            return new TarFormatException("the file ended at byte " + position);
        }

        @Override
        public void close() throws IOException {
            if (owned) {
                channel.close();
            }
        }
    }
}
