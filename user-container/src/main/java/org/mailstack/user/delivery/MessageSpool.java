package org.mailstack.user.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds one incoming message between the end of DATA and its delivery: in memory while small, in a private
 * temporary file beyond {@code memoryLimit}. The spool is a scratch copy, never the durable one: it is deleted on
 * {@link #close()} whatever happened, so a refused message leaves nothing behind. The file is created exclusively in
 * a directory only this process can write and never opened through a link.
 */
public final class MessageSpool extends OutputStream {
    private final int memoryLimit;
    private final Path spoolDir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean sealed;

    public MessageSpool(int memoryLimit, Path spoolDir) {
        this.memoryLimit = memoryLimit;
        this.spoolDir = spoolDir;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (sealed) {
            throw new IllegalStateException("spool is sealed");
        }
        if (fileOut == null && memory.size() + len > memoryLimit) {
            file = Files.createTempFile(spoolDir, "spool-", ".eml");
            fileOut = Files.newOutputStream(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    /** Ends writing; the spool can be read from now on. */
    public void seal() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
        sealed = true;
    }

    /** Size of the spooled message in bytes. */
    public long size() {
        return size;
    }

    /** A new stream over the whole message; may be called several times once sealed. */
    public InputStream open() throws IOException {
        if (!sealed) {
            throw new IllegalStateException("spool is not sealed");
        }
        return file != null ? Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)
                : new ByteArrayInputStream(memory.toByteArray());
    }

    /** At most the first {@code max} bytes, enough for the header block. */
    public byte[] head(int max) {
        try (InputStream in = open()) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the message went to a temporary file (for tests). */
    boolean onDisk() {
        return file != null;
    }

    @Override
    public void close() throws IOException {
        sealed = true;
        if (fileOut != null) {
            fileOut.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
        memory = null;
    }
}
