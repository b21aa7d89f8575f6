package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.StrictImapClient;
import org.mailstack.imap.testkit.StrictResponseReader.Response;
import org.mailstack.imap.testkit.StrictResponseReader.Str;

/**
 * Several sessions on one folder fetch, store flags (renaming files), expunge and append at once, as Dovecot's
 * imaptest does. Every response is parsed strictly (literal lengths, lists, CRLF framing); every section served is
 * compared with the message it belongs to; a FETCH may answer NO [EXPUNGEISSUED] only when one of the messages it
 * named was really expunged (RFC 2180 section 4.1): a message whose file was merely renamed must be served.
 */
class ConcurrentExpungeFetchTest extends ConversationTest {
    private static final int SESSIONS = 6;
    private static final int INITIAL = 30;
    private static final int MAX_COMMANDS = 400;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final Pattern X_ID = Pattern.compile("X-Id: (\\d+)\r\n");

    private final AtomicInteger nextId = new AtomicInteger();

    /** A multipart message whose parts are derived from its id, so any section served can be checked. */
    static byte[] message(int id) {
        return ("From: Sender " + id + " <s" + id + "@example.test>\r\nTo: alice@example.test\r\n"
                + "Subject: message " + id + "\r\nX-Id: " + id + "\r\nMessage-ID: <" + id + "@example.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b" + id + "\"\r\n\r\n"
                + "--b" + id + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + text(id) + "\r\n"
                + "--b" + id + "\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment(id)) + "\r\n--b" + id + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String text(int id) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 30 + id % 20; line++) {
            sb.append(line == 0 ? "" : "\r\n").append("line ").append(line).append(" of message ").append(id)
                    .append(" with some words to make it longer than a header");
        }
        return sb.toString();
    }

    static byte[] attachment(int id) {
        byte[] b = new byte[500 + id % 300];
        new Random(id).nextBytes(b);
        return b;
    }

    @Test
    void sessionsFetchingWhileOthersExpungeGetWellFormedAndCorrectAnswers() throws Exception {
        try (StrictImapClient setup = StrictImapClient.loggedIn(server.port())) {
            for (int i = 0; i < INITIAL; i++) {
                setup.expectOk("NOOP");
                assertEquals("OK", StrictImapClient.tagged(setup.append("INBOX", message(nextId.incrementAndGet())))
                        .kind());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<Stats>> results = new ArrayList<>();
        long deadline = System.nanoTime() + RUN_NANOS;
        for (int i = 0; i < SESSIONS; i++) {
            long seed = 1000 + i;
            results.add(pool.submit(() -> new Session(seed, deadline).run()));
        }
        Stats total = new Stats();
        List<String> failures = new ArrayList<>();
        for (Future<Stats> f : results) {
            try {
                total.add(f.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdownNow();
        assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
        assertTrue(total.fetches >= 20 && total.expunges >= 3, () -> "too little happened: " + total);
        System.out.println("concurrent sessions: " + total);
    }

    /** What one session did. */
    static final class Stats {
        int fetches;
        int messagesServed;
        int expungeIssued;
        int expunges;

        void add(Stats o) {
            fetches += o.fetches;
            messagesServed += o.messagesServed;
            expungeIssued += o.expungeIssued;
            expunges += o.expunges;
        }

        @Override
        public String toString() {
            return fetches + " fetches, " + messagesServed + " messages served, " + expungeIssued
                    + " answered NO [EXPUNGEISSUED], " + expunges + " expunges";
        }
    }

    private final class Session {
        private final Random random;
        private final long deadline;
        private final TreeSet<Long> uids = new TreeSet<>();
        private final Stats stats = new Stats();
        private StrictImapClient c;

        Session(long seed, long deadline) {
            this.random = new Random(seed);
            this.deadline = deadline;
        }

        Stats run() throws IOException {
            try (StrictImapClient client = StrictImapClient.loggedIn(server.port())) {
                c = client;
                c.expectOk("ENABLE QRESYNC");
                c.expectOk("SELECT INBOX");
                refresh();
                for (int n = 0; n < MAX_COMMANDS && System.nanoTime() < deadline; n++) {
                    step();
                }
                c.expectOk("LOGOUT");
            }
            return stats;
        }

        private void step() throws IOException {
            int roll = random.nextInt(100);
            if (uids.isEmpty() || roll < 8) {
                append();
            } else if (roll < 30) {
                fetch("UID FETCH " + someUids(4) + " (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (X-Id Subject)] "
                        + "BODY.PEEK[1] BODYSTRUCTURE)", true);
            } else if (roll < 42) {
                fetch("UID FETCH " + someUids(2) + " (RFC822.SIZE BODY.PEEK[HEADER.FIELDS (X-Id)] BODY.PEEK[] "
                        + "BINARY.PEEK[2] ENVELOPE)", true);
            } else if (roll < 52) {
                fetch("FETCH 1:* (UID FLAGS ENVELOPE BODY.PEEK[HEADER.FIELDS (X-Id From)])", false);
            } else if (roll < 58) {
                fetch("UID FETCH " + someUids(3) + " (BODY.PEEK[HEADER.FIELDS (X-Id)] BODY[1] BINARY.SIZE[2])", true);
            } else if (roll < 70) {
                String flag = random.nextBoolean() ? "\\Flagged" : random.nextBoolean() ? "\\Answered" : "$Label";
                check(c.command("UID STORE " + someUids(3) + (random.nextBoolean() ? " +" : " -") + "FLAGS (" + flag
                        + ")"));
            } else if (roll < 80) {
                check(c.command("UID STORE " + someUids(1) + " +FLAGS.SILENT (\\Deleted)"));
            } else if (roll < 88) {
                List<Response> r = c.command("EXPUNGE");
                stats.expunges++;
                check(r);
            } else if (roll < 94) {
                refresh();
            } else {
                check(c.command("NOOP"));
            }
        }

        private void append() throws IOException {
            List<Response> r = c.append("INBOX", message(nextId.incrementAndGet()));
            check(r);
            assertEquals("OK", StrictImapClient.tagged(r).kind(), r::toString);
        }

        /** Learns the mailbox's UIDs; the VANISHED announced after the SEARCH result applies to it. */
        private void refresh() throws IOException {
            List<Response> r = c.command("UID SEARCH ALL");
            uids.clear();
            for (Response x : r) {
                if (x.kind().equals("SEARCH")) {
                    for (Object o : x.data()) {
                        uids.add(Long.parseLong((String) o));
                    }
                }
            }
            check(r);
        }

        private String someUids(int max) {
            List<Long> all = new ArrayList<>(uids);
            Collections.shuffle(all, random);
            StringBuilder sb = new StringBuilder();
            for (long u : all.subList(0, Math.min(all.size(), 1 + random.nextInt(max)))) {
                sb.append(sb.length() == 0 ? "" : ",").append(u);
            }
            return sb.toString();
        }

        /** Keeps the known UIDs in step with EXISTS/VANISHED and checks each tagged answer is OK. */
        private List<Long> check(List<Response> r) throws IOException {
            List<Long> vanished = new ArrayList<>();
            boolean exists = false;
            for (Response x : r) {
                if (x.kind().equals("VANISHED")) {
                    for (Object o : x.data()) {
                        if (o instanceof String s && !s.equals("(EARLIER)")) {
                            vanished.addAll(expand(s));
                        }
                    }
                } else if (x.kind().equals("EXISTS")) {
                    exists = true;
                } else if (x.kind().equals("FETCH") && x.fetch().get("UID") instanceof Long u) {
                    uids.add(u);
                }
            }
            uids.removeAll(vanished);
            Response tagged = StrictImapClient.tagged(r);
            if (!tagged.kind().equals("OK") && !(tagged.kind().equals("NO")
                    && "EXPUNGEISSUED".equals(tagged.code()))) {
                throw new AssertionError("unexpected answer: " + r);
            }
            if (exists) {
                refresh();
            }
            return vanished;
        }

        private void fetch(String command, boolean byUid) throws IOException {
            List<Response> r = c.command(command);
            stats.fetches++;
            for (Response x : r) {
                if (x.kind().equals("FETCH")) {
                    verify(x);
                    stats.messagesServed++;
                }
            }
            List<Long> vanished = check(r);
            Response tagged = StrictImapClient.tagged(r);
            if (!tagged.kind().equals("NO")) {
                return;
            }
            stats.expungeIssued++;
            if (!byUid) {
                return;
            }
            // a NO is allowed only when a message it named is gone: the next syncs must report one of them
            List<Long> asked = expand(command.split(" ")[2]);
            for (int i = 0; i < 20 && Collections.disjoint(asked, vanished); i++) {
                vanished.addAll(check(c.command("NOOP")));
            }
            assertTrue(!Collections.disjoint(asked, vanished),
                    () -> command + " answered NO but none of its messages was expunged: " + r);
        }

        /** Every section served must be the one of the message its X-Id names, whole. */
        private void verify(Response x) {
            Map<String, Object> f = x.fetch();
            Str header = (Str) f.entrySet().stream().filter(e -> e.getKey().startsWith("BODY[HEADER.FIELDS"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (header == null) {
                return;
            }
            Matcher m = X_ID.matcher(header.text());
            assertTrue(m.find(), () -> "no X-Id in " + x);
            int id = Integer.parseInt(m.group(1));
            assertTrue(header.text().endsWith("\r\n\r\n"), () -> "header fields not ended by a blank line: " + x);
            byte[] whole = message(id);
            if (f.containsKey("RFC822.SIZE")) {
                assertEquals((long) whole.length, f.get("RFC822.SIZE"), x::toString);
            }
            if (f.containsKey("BODY[]")) {
                assertArrayEquals(whole, ((Str) f.get("BODY[]")).bytes(), x::toString);
            }
            if (f.containsKey("BODY[1]")) {
                assertEquals(text(id), ((Str) f.get("BODY[1]")).text(), x::toString);
            }
            if (f.containsKey("BINARY[2]")) {
                assertArrayEquals(attachment(id), ((Str) f.get("BINARY[2]")).bytes(), x::toString);
            }
            if (f.containsKey("BINARY.SIZE[2]")) {
                assertEquals((long) attachment(id).length, f.get("BINARY.SIZE[2]"), x::toString);
            }
            if (f.get("BODYSTRUCTURE") instanceof List<?> bs) {
                assertEquals(String.valueOf(text(id).length()), ((List<?>) bs.get(0)).get(6), x::toString);
            }
        }
    }

    private static List<Long> expand(String set) {
        List<Long> out = new ArrayList<>();
        for (String range : set.split(",")) {
            int colon = range.indexOf(':');
            long from = Long.parseLong(colon < 0 ? range : range.substring(0, colon));
            long to = colon < 0 ? from : Long.parseLong(range.substring(colon + 1));
            for (long u = Math.min(from, to); u <= Math.max(from, to); u++) {
                out.add(u);
            }
        }
        return out;
    }
}
