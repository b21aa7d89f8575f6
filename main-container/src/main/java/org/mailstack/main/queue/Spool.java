package org.mailstack.main.queue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.mailstack.main.address.NextHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool on disk. The invariants, and why they hold across a crash at any instant:
 * <ol>
 *   <li>A message is written to {@code tmp/<id>.msg} and fsync'd. Nothing in {@code tmp/} is ever acknowledged, and
 *       {@code tmp/} is emptied at startup.</li>
 *   <li>Each destination gets an entry {@code queue/<id>.<n>}: a hard link {@code .msg} to the same bytes (no copy),
 *       and an envelope written to {@code tmp/}, fsync'd and renamed to {@code queue/<id>.<n>.env}. Then the
 *       {@code queue/} directory is fsync'd. Only after that does the SMTP side answer 250.</li>
 *   <li>An entry exists when its {@code .env} exists. At startup a {@code .msg} without {@code .env} is removed (it was
 *       never acknowledged); an {@code .env} without {@code .msg} cannot occur by the order above and is logged.</li>
 *   <li>Envelope updates are write-to-tmp, fsync, rename: a reader sees the old or the new version, never half.</li>
 *   <li>Removal deletes the {@code .env} first, then the {@code .msg}, then fsyncs the directory.</li>
 * </ol>
 * A crash after the user container's 250 and before the removal is durable re-delivers the entry once: the queue is
 * at-least-once, with that window as the only source of duplicates.
 * <p>
 * Before the commit a filter may read what was written ({@link Incoming#written()}) and replace it
 * ({@link Incoming#rewrite}): the new version is written to {@code tmp/<id>.new} and renamed over {@code tmp/<id>.msg},
 * so both stay in {@code tmp/} (emptied at startup, never acknowledged) and the commit fsyncs whichever is current.
 */
public final class Spool {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path tmp;
    private final Path queue;

    private Spool(Path root) {
        this.tmp = root.resolve("tmp");
        this.queue = root.resolve("queue");
    }

    /** Opens (creating if needed) the spool under {@code root} and empties its {@code tmp/}. */
    public static Spool open(Path root) throws IOException {
        Spool s = new Spool(root);
        Files.createDirectories(s.tmp);
        Files.createDirectories(s.queue);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(s.tmp)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
        return s;
    }

    /** Writes a new version of a message while reading the current one (see {@link Incoming#rewrite}). */
    @FunctionalInterface
    public interface Rewrite {
        void apply(InputStream current, OutputStream next) throws IOException;
    }

    /** A message being received: write to {@link #out()}, then {@link Spool#commit} it or close it to discard it. */
    public final class Incoming implements AutoCloseable {
        private final String id;
        private final Path file;
        private OutputStream out;
        private boolean done;

        private Incoming(String id) throws IOException {
            this.id = id;
            this.file = tmp.resolve(id + ".msg");
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        public OutputStream out() {
            return out;
        }

        public String id() {
            return id;
        }

        /** The bytes written so far (flushed first), for a filter to read before the commit. */
        public InputStream written() throws IOException {
            out.flush();
            return Files.newInputStream(file);
        }

        /** The number of bytes written so far. */
        public long size() throws IOException {
            out.flush();
            return Files.size(file);
        }

        /**
         * Replaces the message by what {@code edit} writes while reading the current bytes; later writes to
         * {@link #out()} append to the new version. On failure the current version stays as it was.
         */
        public void rewrite(Rewrite edit) throws IOException {
            if (done) {
                throw new IllegalStateException("already finished");
            }
            out.close();
            Path next = tmp.resolve(id + ".new");
            try {
                try (InputStream current = Files.newInputStream(file);
                     OutputStream o = new BufferedOutputStream(Files.newOutputStream(next,
                             StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024)) {
                    edit.apply(current, o);
                }
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(next);
                out = Files.newOutputStream(file, StandardOpenOption.APPEND);
            }
        }

        /** Discards the message unless committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                out.close();
                Files.deleteIfExists(file);
                done = true;
            }
        }
    }

    /** Starts receiving a message. */
    public Incoming begin() throws IOException {
        return new Incoming(newId());
    }

    /**
     * Makes the message durable as one entry per destination; returns the entries. When this returns, everything is
     * fsync'd and the caller may answer 250.
     *
     * @param byDestination each next hop to its recipients, in a stable order
     */
    public List<Envelope> commit(Incoming in, String sender, Map<NextHop, List<String>> byDestination, Instant now)
            throws IOException {
        if (in.done) {
            throw new IllegalStateException("already finished");
        }
        in.out.flush();
        in.out.close();
        fsync(in.file);
        List<Envelope> entries = new ArrayList<>();
        List<Path> envTmp = new ArrayList<>();
        int n = 0;
        for (Map.Entry<NextHop, List<String>> d : byDestination.entrySet()) {
            Envelope e = Envelope.fresh(in.id + "." + n++, sender, d.getKey(), d.getValue(), now);
            Files.createLink(queue.resolve(e.id() + ".msg"), in.file);
            envTmp.add(writeTmp(e));
            entries.add(e);
        }
        for (int i = 0; i < entries.size(); i++) {
            Files.move(envTmp.get(i), queue.resolve(entries.get(i).id() + ".env"), StandardCopyOption.ATOMIC_MOVE);
        }
        fsync(queue);
        Files.deleteIfExists(in.file);
        in.done = true;
        return entries;
    }

    /** Enqueues a message the relay generated itself (a DSN) for one destination. */
    public Envelope enqueue(byte[] message, String sender, NextHop destination, List<String> recipients, Instant now)
            throws IOException {
        try (Incoming in = begin()) {
            in.out().write(message);
            return commit(in, sender, Map.of(destination, recipients), now).get(0);
        }
    }

    /** Writes the new version of an entry's envelope atomically. */
    public void update(Envelope e) throws IOException {
        Path t = writeTmp(e);
        Files.move(t, queue.resolve(e.id() + ".env"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        fsync(queue);
    }

    /** Removes an entry after delivery (or after its DSN was queued). */
    public void remove(Envelope e) throws IOException {
        Files.deleteIfExists(queue.resolve(e.id() + ".env"));
        Files.deleteIfExists(queue.resolve(e.id() + ".msg"));
        fsync(queue);
    }

    /** The message bytes of an entry. */
    public InputStream open(Envelope e) throws IOException {
        return Files.newInputStream(queue.resolve(e.id() + ".msg"));
    }

    /** The size in bytes of an entry's message. */
    public long size(Envelope e) throws IOException {
        return Files.size(queue.resolve(e.id() + ".msg"));
    }

    /** Every committed entry, after removing what a crash left half-written. */
    public List<Envelope> recover() throws IOException {
        List<Envelope> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(".msg") && !Files.exists(queue.resolve(stem(name) + ".env"))) {
                    LOG.info("removing unacknowledged spool file {}", name);
                    Files.deleteIfExists(p);
                } else if (name.endsWith(".env")) {
                    recoverOne(p, name, found);
                }
            }
        }
        fsync(queue);
        return found;
    }

    private void recoverOne(Path p, String name, List<Envelope> found) throws IOException {
        try {
            Envelope e = Envelope.parse(Files.readAllBytes(p));
            if (!Files.exists(queue.resolve(e.id() + ".msg"))) {
                LOG.error("spool entry {} has no message file; dropping it", name);
                Files.deleteIfExists(p);
                return;
            }
            found.add(e);
        } catch (NoSuchFileException gone) {
            // removed concurrently
        } catch (IOException | RuntimeException bad) {
            LOG.error("unreadable spool envelope {} left in place: {}", name, bad.toString());
        }
    }

    private static String stem(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    private Path writeTmp(Envelope e) throws IOException {
        Path t = tmp.resolve(e.id() + ".env");
        try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(e.serialise()));
            ch.force(true);
        }
        return t;
    }

    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static String newId() {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(r);
    }
}
