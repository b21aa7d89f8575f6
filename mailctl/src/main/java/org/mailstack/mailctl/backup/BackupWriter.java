package org.mailstack.mailctl.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailstack.mailctl.account.ArchiveFiles;
import org.mailstack.mailctl.tar.TarReader;
import org.mailstack.mailctl.tar.TarWriter;

/**
 * Writes a backup archive: a plain tar whose first entry is {@code manifest.json}, the rest in the order added.
 *
 * <p>The manifest comes first so that a reader learns what it holds before reading gigabytes, yet it lists the size
 * and SHA-256 of entries written after it, such as a volume's export streamed straight from Docker. So its entry has
 * a fixed size, reserved first and filled last (the JSON padded with spaces, which JSON allows after a value), and
 * a streamed entry's header gets its size once the stream ended. Nothing is buffered beyond one block of memory, and
 * the disk holds the archive once. The archive is a {@code .part} file, private from its first byte, until
 * {@link #finish} fsyncs and renames it; {@link #close} without {@code finish} removes it.
 */
final class BackupWriter implements AutoCloseable {
    /** The room reserved for {@code manifest.json}: far more than a manifest of a few entries needs. */
    static final int MANIFEST_BYTES = 8192;

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final long mtime;
    private final Map<String, BackupManifest.Entry> entries = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private boolean finished;

    private BackupWriter(Path target, Path part, FileChannel channel, long mtime) {
        this.target = target;
        this.part = part;
        this.channel = channel;
        this.mtime = mtime;
    }

    static BackupWriter create(Path target, long mtimeSeconds) throws IOException {
        Path part = ArchiveFiles.part(target);
        ArchiveFiles.createPrivate(part);
        FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE);
        BackupWriter writer = new BackupWriter(target, part, channel, mtimeSeconds);
        try {
            writer.write(TarWriter.fileHeader(BackupManifest.FILE, MANIFEST_BYTES, mtimeSeconds));
            writer.write(new byte[MANIFEST_BYTES]);
        } catch (IOException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    Path target() {
        return target;
    }

    void add(String name, byte[] data) throws IOException {
        stream(name, out -> out.write(data));
    }

    /** The body writes the entry's data; its size and digest are whatever it wrote. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    void stream(String name, Body body) throws IOException {
        long headerAt = channel.position();
        write(TarWriter.fileHeader(name, 0, mtime));
        long start = channel.position();
        MessageDigest sha = sha256();
        OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        IOException[] writeFailure = new IOException[1];
        // The body may close what it is given: that must not close the archive. It may also turn a failure to
        // write into its own exception: the write's own (a full disk) is what the caller needs.
        OutputStream unclosable = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    file.write(b, off, len);
                } catch (IOException e) {
                    writeFailure[0] = e;
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                file.flush();
            }
        };
        try {
            body.writeTo(new DigestOutputStream(unclosable, sha));
        } catch (RuntimeException e) {
            if (writeFailure[0] != null) {
                throw writeFailure[0];
            }
            throw e;
        }
        file.flush();
        long size = channel.position() - start;
        write(new byte[TarReader.padding(size)]);
        channel.write(ByteBuffer.wrap(TarWriter.fileHeader(name, size, mtime)), headerAt);
        entries.put(name, new BackupManifest.Entry(size, HexFormat.of().formatHex(sha.digest())));
        offsets.put(name, start);
    }

    /** The size and digest of each entry written so far. */
    Map<String, BackupManifest.Entry> entries() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Reads back an entry already written (to check it). */
    InputStream read(String name) {
        return BackupFile.slice(channel, offsets.get(name), entries.get(name).size());
    }

    /** Fills in the manifest, ends the archive and makes it durable under its final name. */
    Path finish(BackupManifest manifest) throws IOException {
        byte[] json = manifest.toJson();
        if (json.length > MANIFEST_BYTES) {
            throw new IOException("the manifest needs " + json.length + " bytes, more than " + MANIFEST_BYTES);
        }
        byte[] padded = Arrays.copyOf(json, MANIFEST_BYTES);
        Arrays.fill(padded, json.length, MANIFEST_BYTES - 1, (byte) ' ');
        padded[MANIFEST_BYTES - 1] = '\n';
        channel.write(ByteBuffer.wrap(padded), TarReader.BLOCK);
        write(TarWriter.end());
        channel.close();
        Path done = ArchiveFiles.publish(part, target);
        finished = true;
        return done;
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (!finished) {
            try {
                channel.close();
            } catch (IOException e) {
                // removed next anyway
            }
            ArchiveFiles.deleteQuietly(part);
        }
    }
}
