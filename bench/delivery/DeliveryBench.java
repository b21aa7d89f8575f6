import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.user.auth.RelayCredentials;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.user.delivery.MaildirDelivery;
import org.mailstack.user.delivery.MessageSpool;
import org.mailstack.user.delivery.UnavailableForwarder;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.smtp.AccountAddresses;
import org.mailstack.user.smtp.SmtpReceiver;

/**
 * Driver for bench/delivery/run.sh (run as a single-file program on the user container's class path).
 *
 * <pre>
 *   generate DIR COUNT          write COUNT messages (1-24 KiB, fixed seed) as DIR/NNNNN.eml
 *   agent MSGDIR MAILDIR T      deliver every message with T threads through the delivery agent (no SMTP)
 *   smtp MSGDIR MAILDIR T       deliver every message over SMTP (loopback, relay AUTH) with T sessions
 *   lmtp MSGDIR PORT T          send every message over LMTP to 127.0.0.1:PORT (Dovecot's LMTP) with T sessions
 * </pre>
 * Prints one line: mode, messages, seconds, deliveries per second. Delivery is durable (fsync on).
 */
public class DeliveryBench {
    private static final String SECRET = "bench-relay-secret-0123456789";
    private static final String BOX = "box@bench.example.test";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]));
            case "agent", "smtp" -> run(args[0], Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "lmtp" -> lmtp(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void generate(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (int n = 0; n < count; n++) {
            StringBuilder m = new StringBuilder()
                    .append("From: Sender ").append(n % 17).append(" <sender").append(n % 17).append("@example.org>\r\n")
                    .append("To: ").append(BOX).append("\r\n")
                    .append("Subject: benchmark message ").append(n).append("\r\n")
                    .append("Message-ID: <").append(n).append("@bench.example.org>\r\n")
                    .append("Date: Mon, 23 Nov 2026 06:00:00 +0000\r\n")
                    .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
            int lines = 16 + random.nextInt(360);
            for (int i = 0; i < lines; i++) {
                m.append("Line ").append(i).append(" of message ").append(n)
                        .append(": the quick brown fox jumps over the lazy dog.\r\n");
            }
            Files.writeString(dir.resolve(String.format("%05d.eml", n)), m, StandardCharsets.US_ASCII);
        }
    }

    private static List<byte[]> load(Path messageDir) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (var files = Files.list(messageDir)) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readAllBytes(file));
            }
        }
        return messages;
    }

    /** Measures sessions of {@code client} running in parallel until every message is sent. */
    private static void measure(String label, int threads, int count, Callable<Void> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(client));
        }
        for (Future<Void> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("%s threads=%d messages=%d seconds=%.2f rate=%.1f%n", label, threads, count, seconds,
                count / seconds);
    }

    private static void lmtp(Path messageDir, int port, int threads) throws Exception {
        List<byte[]> messages = load(messageDir);
        AtomicInteger next = new AtomicInteger();
        measure("lmtp", threads, messages.size(), () -> {
            viaSmtp(port, messages, next, true);
            return null;
        });
    }

    private static void run(String mode, Path messageDir, Path maildir, int threads) throws Exception {
        List<byte[]> messages = load(messageDir);
        Path spool = Files.createTempDirectory("bench-spool");
        try (MaildirStore store = MaildirStore.open(maildir, StoreOptions.defaults().withHostName("bench"))) {
            DeliveryAgent agent = new DeliveryAgent(new MaildirDelivery(store),
                    new SieveRules(maildir.resolveSibling("no-rules.sieve")), new UnavailableForwarder(), Set.of(BOX));
            SmtpReceiver receiver = null;
            if (mode.equals("smtp")) {
                receiver = new SmtpReceiver(InetAddress.getLoopbackAddress(), 0, "bench.example.test",
                        new AccountAddresses(BOX, Set.of()), new RelayCredentials(SECRET), agent, 64L << 20, spool,
                        Optional.empty());
                receiver.start();
            }
            int port = receiver == null ? 0 : receiver.port();
            AtomicInteger next = new AtomicInteger();
            measure(mode, threads, messages.size(), () -> {
                if (mode.equals("agent")) {
                    direct(agent, messages, next, spool);
                } else {
                    viaSmtp(port, messages, next, false);
                }
                return null;
            });
            if (receiver != null) {
                receiver.stop();
            }
        }
    }

    private static void direct(DeliveryAgent agent, List<byte[]> messages, AtomicInteger next, Path spoolDir)
            throws Exception {
        byte[] trace = ("Return-Path: <sender@example.org>\r\nDelivered-To: " + BOX + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int n; (n = next.getAndIncrement()) < messages.size(); ) {
            try (MessageSpool spool = new MessageSpool(1 << 20, spoolDir)) {
                spool.write(messages.get(n));
                spool.seal();
                agent.deliver(new Envelope("sender@example.org", BOX), trace, spool);
            }
        }
    }

    /** One session: SMTP with relay AUTH to the user container's receiver, or LMTP (RFC 2033) to Dovecot. */
    private static void viaSmtp(int port, List<byte[]> messages, AtomicInteger next, boolean lmtp)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true); // as a relay should: no Nagle delay before the final "." line
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(in, out, (lmtp ? "LHLO" : "EHLO") + " bench", "250");
            if (!lmtp) {
                command(in, out, "AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0relay\0" + SECRET)
                        .getBytes(StandardCharsets.US_ASCII)), "235");
            }
            for (int n; (n = next.getAndIncrement()) < messages.size(); ) {
                command(in, out, "MAIL FROM:<sender@example.org>", "250");
                command(in, out, "RCPT TO:<" + BOX + ">", "250");
                command(in, out, "DATA", "354");
                out.write(messages.get(n)); // generated messages have no line starting with '.'
                command(in, out, ".", "250");
            }
            command(in, out, "QUIT", "221");
        }
    }

    private static void command(BufferedReader in, OutputStream out, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
