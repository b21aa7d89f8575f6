import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mixed IMAP workload (RFC 3501 with UIDPLUS, RFC 4315) run by N concurrent clients against one server, over plain
 * TCP with LOGIN. {@code seed} puts the same numbered messages in an empty INBOX; {@code run} has each client loop
 * APPEND, UID SEARCH, UID FETCH, UID STORE (flag), UID STORE (delete) and UID EXPUNGE of its own append, bounded by
 * seconds and by iterations, and prints the commands per second.
 *
 * <p>{@code ext} runs the extensions' workload instead: MULTIAPPEND (RFC 3502) of five messages, an ESEARCH
 * (RFC 4731) {@code UID SEARCH RETURN (MIN MAX COUNT)}, {@code STATUS (MESSAGES UIDNEXT SIZE)} (RFC 8438) and the
 * removal of the five by UID EXPUNGE: five commands an iteration. {@code caps} prints the server's capabilities.
 * {@code compress} has one client fetch every seeded message whole, ROUNDS times, with or without COMPRESS=DEFLATE
 * (RFC 4978), and prints the messages per second and the bytes the server sent on the wire.
 *
 * <pre>java ImapBench.java seed HOST PORT USER PASS COUNT
 * java ImapBench.java run|ext HOST PORT USER PASS CLIENTS SECONDS SEEDED
 * java ImapBench.java caps HOST PORT USER PASS
 * java ImapBench.java compress HOST PORT USER PASS deflate|plain ROUNDS SEEDED</pre>
 */
public final class ImapBench {
    private static final int MAX_ITERATIONS_PER_CLIENT = 100_000;
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)\\]");

    public static void main(String[] args) throws Exception {
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        if (args[0].equals("seed")) {
            try (Client c = new Client(host, port, args[3], args[4])) {
                for (int i = 1; i <= Integer.parseInt(args[5]); i++) {
                    c.append(message("seed" + i, 20));
                }
            }
            return;
        }
        if (args[0].equals("caps")) {
            try (Client c = new Client(host, port, args[3], args[4])) {
                c.command("CAPABILITY");
                System.out.println(c.untagged.stream().filter(l -> l.startsWith("* CAPABILITY")).findFirst()
                        .orElse("(no CAPABILITY response)"));
            }
            return;
        }
        if (args[0].equals("compress")) {
            compress(host, port, args[3], args[4], args[5].equals("deflate"), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            return;
        }
        boolean ext = args[0].equals("ext");
        int clients = Integer.parseInt(args[5]);
        long deadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;
        int seeded = Integer.parseInt(args[7]);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try (Client c = new Client(host, port, args[3], args[4])) {
                    for (int i = 0; i < MAX_ITERATIONS_PER_CLIENT && System.nanoTime() < deadline; i++) {
                        ops.addAndGet(ext ? c.extensions(id, i, seeded) : c.iteration(id, i, seeded));
                    }
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    System.err.println("client " + id + ": " + e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f ops/s (%d ops in %.1f s, %d clients, %d failed)%n",
                ops.get() / seconds, ops.get(), seconds, clients, errors.get());
    }

    /** Fetches messages 1..seeded whole, rounds times, over one session; prints messages/s and wire bytes. */
    static void compress(String host, int port, String user, String pass, boolean deflate, int rounds, int seeded)
            throws IOException {
        try (Client c = new Client(host, port, user, pass)) {
            if (deflate) {
                c.command("COMPRESS DEFLATE");
                c.deflate();
            }
            long start = System.nanoTime();
            long before = c.wireIn.get();
            for (int r = 0; r < rounds; r++) {
                c.command("FETCH 1:" + seeded + " (BODY.PEEK[])");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%.1f msg/s, %.1f KiB on the wire per message (%d messages in %.1f s, %s)%n",
                    rounds * seeded / seconds, (c.wireIn.get() - before) / 1024.0 / (rounds * seeded),
                    (long) rounds * seeded, seconds, deflate ? "COMPRESS=DEFLATE" : "plain");
        }
    }

    static String message(String subject, int lines) {
        StringBuilder b = new StringBuilder("From: bench@example.org\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@bench.example.org>\r\n\r\n");
        for (int i = 0; i < lines; i++) {
            b.append("line ").append(i).append(" of ").append(subject).append(" ..................................\r\n");
        }
        return b.toString();
    }

    /** One logged-in session with INBOX selected. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final AtomicLong wireIn = new AtomicLong();
        private InputStream in;
        private OutputStream out;
        private int tag;
        /** The untagged responses of the last command. */
        private final List<String> untagged = new ArrayList<>();

        Client(String host, int port, String user, String pass) throws IOException {
            socket = new Socket(host, port);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(new Counting(socket.getInputStream(), wireIn));
            out = socket.getOutputStream();
            line();
            command("LOGIN " + user + " " + pass);
            command("SELECT INBOX");
        }

        /** Six commands; returns 6. */
        int iteration(int client, int i, int seeded) throws IOException {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long uid = append(message("c" + client + "i" + i, 10));
            command("UID SEARCH SUBJECT seed" + (1 + r.nextInt(seeded)));
            command("UID FETCH " + (1 + r.nextInt(seeded)) + " (FLAGS BODY.PEEK[])");
            command("UID STORE " + (1 + r.nextInt(seeded)) + " +FLAGS.SILENT (\\Flagged)");
            command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
            command("UID EXPUNGE " + uid);
            return 6;
        }

        /** MULTIAPPEND of five, ESEARCH, STATUS=SIZE, the five flagged deleted and UID EXPUNGEd; returns 5. */
        int extensions(int client, int i, int seeded) throws IOException {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long[] uids = multiappend(k -> message("c" + client + "i" + i + "m" + k, 10), 5);
            command("UID SEARCH RETURN (MIN MAX COUNT) SUBJECT seed" + (1 + r.nextInt(seeded)));
            command("STATUS INBOX (MESSAGES UIDNEXT SIZE)");
            String set = uids[0] + ":" + uids[uids.length - 1];
            command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
            command("UID EXPUNGE " + set);
            return 5;
        }

        /** One APPEND of n messages (RFC 3502), synchronising literals; returns their UIDs from APPENDUID. */
        long[] multiappend(IntFunction<String> messages, int n) throws IOException {
            String t = "b" + (++tag);
            // each literal goes out with what follows it (the next size, or the final CRLF) in one write, as in
            // append(): a write of its own would wait for the server's delayed ACK
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            pending.write((t + " APPEND INBOX").getBytes(StandardCharsets.US_ASCII));
            for (int k = 0; k < n; k++) {
                byte[] body = messages.apply(k).getBytes(StandardCharsets.US_ASCII);
                pending.write((" {" + body.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(pending.toByteArray());
                out.flush();
                pending.reset();
                String cont = line();
                if (!cont.startsWith("+")) {
                    throw new IOException("MULTIAPPEND refused: " + cont);
                }
                pending.write(body);
            }
            pending.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(pending.toByteArray());
            out.flush();
            Matcher m = Pattern.compile("\\[APPENDUID \\d+ (\\d+):(\\d+)\\]").matcher(untilTagged(t));
            if (!m.find()) {
                throw new IOException("no APPENDUID range");
            }
            long first = Long.parseLong(m.group(1));
            long[] uids = new long[n];
            Arrays.setAll(uids, k -> first + k);
            return uids;
        }

        /** From here on both directions are raw DEFLATE streams (RFC 4978), flushed after every command. */
        void deflate() {
            in = new BufferedInputStream(new InflaterInputStream(in, new Inflater(true)));
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        }

        long append(String message) throws IOException {
            byte[] body = message.getBytes(StandardCharsets.US_ASCII);
            String t = "b" + (++tag);
            out.write((t + " APPEND INBOX {" + body.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String cont = line();
            if (!cont.startsWith("+")) {
                throw new IOException("APPEND refused: " + cont);
            }
            // the literal and the CRLF that ends the command in one write, as mail clients send them: two writes
            // meet Nagle's algorithm and the server's delayed ACK, a 40 ms stall that measures TCP, not the server
            byte[] rest = new byte[body.length + 2];
            System.arraycopy(body, 0, rest, 0, body.length);
            rest[body.length] = '\r';
            rest[body.length + 1] = '\n';
            out.write(rest);
            out.flush();
            String done = untilTagged(t);
            Matcher m = APPENDUID.matcher(done);
            if (!m.find()) {
                throw new IOException("no APPENDUID: " + done);
            }
            return Long.parseLong(m.group(1));
        }

        String command(String command) throws IOException {
            String t = "b" + (++tag);
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return untilTagged(t);
        }

        /** Reads responses (with their literals) up to the tagged one, which must be OK; returns it. */
        private String untilTagged(String t) throws IOException {
            untagged.clear();
            for (int n = 0; n < 100_000; n++) {
                String line = line();
                if (line.startsWith("* ") && untagged.size() < 100) {
                    untagged.add(line);
                }
                if (line.startsWith(t + " ")) {
                    if (!line.startsWith(t + " OK")) {
                        throw new IOException(line);
                    }
                    return line;
                }
            }
            throw new IOException("no tagged response");
        }

        /** One response line; a trailing literal {n} and the rest of the line after it are consumed too. */
        private String line() throws IOException {
            StringBuilder all = new StringBuilder();
            while (true) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("connection closed");
                    }
                    b.write(c);
                }
                String s = b.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                all.append(s);
                Matcher m = Pattern.compile("\\{(\\d+)\\}$").matcher(s);
                if (!m.find()) {
                    return all.toString();
                }
                in.readNBytes(Integer.parseInt(m.group(1)));
            }
        }

        /** Counts the bytes read from the socket: what the server sent on the wire. */
        static final class Counting extends InputStream {
            private final InputStream in;
            private final AtomicLong count;

            Counting(InputStream in, AtomicLong count) {
                this.in = in;
                this.count = count;
            }

            @Override
            public int read() throws IOException {
                int c = in.read();
                if (c >= 0) {
                    count.incrementAndGet();
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count.addAndGet(n);
                }
                return n;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                command("LOGOUT");
            } catch (IOException e) {
                // closing anyway
            }
            socket.close();
        }
    }
}
