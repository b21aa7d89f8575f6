package org.mailstack.main.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.metrics.Metrics;

/** One attempt at a time, with a scripted transport and a controlled clock; the workers are not started. */
class DeliveryQueueTest {
    @TempDir
    Path dir;
    final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    Instant now = t0;
    final Deque<Reply> script = new ArrayDeque<>();
    final List<Envelope> sent = new ArrayList<>();
    Spool spool;
    DeliveryQueue queue;

    @BeforeEach
    void setUp() throws Exception {
        spool = Spool.open(dir);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        Transport<NextHop> scripted = (to, e, m) -> {
            sent.add(e);
            Reply r = script.isEmpty() ? new Reply(250, "2.0.0 ok") : script.poll();
            Map<String, Reply> out = new LinkedHashMap<>();
            e.recipients().forEach(x -> out.put(x, r));
            return out;
        };
        queue = new DeliveryQueue(spool, scripted, scripted,
                new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10)), Duration.ofHours(1),
                new Dsn("mail.example.test"), new AddressRules("example.test"), new Metrics(), clock);
    }

    private Envelope enqueue(String sender, NextHop destination, String rcpt) throws Exception {
        Envelope e = spool.enqueue("Subject: t\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), sender,
                destination, List.of(rcpt), now);
        queue.submit(e);
        return e;
    }

    @Test
    void successRemovesTheEntry() throws Exception {
        Envelope e = enqueue("a@example.org", new NextHop.Local(AccountName.of("alice")), "box@alice.example.test");
        queue.attempt(e);
        assertEquals(List.of(), spool.recover());
        assertEquals(0, queue.depth());
    }

    /**
     * The queue reads one clock: the retry of an entry is due 30 s after this test's clock, which stands weeks
     * before the machine's, so by the queue's clock it still waits and a returning account wakes it.
     */
    @Test
    void whatWaitsIsDecidedByTheQueuesClock() throws Exception {
        Envelope e = enqueue("a@example.org", new NextHop.Local(AccountName.of("alice")), "box@alice.example.test");
        script.add(Reply.temporary("user container unreachable"));
        queue.attempt(e);
        assertEquals(1, queue.accountReturned(AccountName.of("alice")));
        assertEquals(0, queue.accountReturned(AccountName.of("bob")));
    }

    @Test
    void temporaryFailureIsRetriedWithGrowingBackoffAndPersisted() throws Exception {
        Envelope e = enqueue("a@example.org", new NextHop.Local(AccountName.of("alice")), "box@alice.example.test");
        script.add(Reply.temporary("user container unreachable"));
        queue.attempt(e);
        Envelope first = spool.recover().get(0);
        assertEquals(1, first.attempts());
        long d1 = Duration.between(now, first.nextAttempt()).toSeconds();
        assertTrue(d1 >= 27 && d1 <= 33, "first retry after ~30 s: " + d1);
        script.add(Reply.temporary("user container unreachable"));
        queue.attempt(first);
        Envelope second = spool.recover().get(0);
        long d2 = Duration.between(now, second.nextAttempt()).toSeconds();
        assertTrue(d2 >= 54 && d2 <= 66, "second retry after ~60 s: " + d2);
        assertTrue(second.lastError().contains("unreachable"));
    }

    @Test
    void expiryReturnsADsnToALocalSender() throws Exception {
        Envelope e = enqueue("box@bob.example.test", new NextHop.Remote("elsewhere.example"), "x@elsewhere.example");
        now = t0.plus(Duration.ofHours(2));
        script.add(new Reply(421, "4.3.2 try later"));
        queue.attempt(e);
        List<Envelope> left = spool.recover();
        assertEquals(1, left.size(), "only the DSN remains");
        Envelope dsn = left.get(0);
        assertEquals("", dsn.sender());
        assertEquals(new NextHop.Local(AccountName.of("bob")), dsn.destination());
        assertEquals(List.of("box@bob.example.test"), dsn.recipients());
        String body = new String(spool.open(dsn).readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(body.contains("Status: 4.4.7"), body);
        assertTrue(body.contains("Final-Recipient: rfc822; x@elsewhere.example"), body);
    }

    @Test
    void permanentFailureBouncesAtOnceAndAFailedDsnIsDroppedNotLooped() throws Exception {
        Envelope e = enqueue("someone@elsewhere.example", new NextHop.Local(AccountName.of("alice")), "box@alice.example.test");
        script.add(new Reply(550, "5.1.1 Account no longer exists"));
        queue.attempt(e);
        Envelope dsn = spool.recover().get(0);
        assertEquals(new NextHop.Remote("elsewhere.example"), dsn.destination());
        script.add(new Reply(550, "5.1.1 no such user"));
        queue.attempt(dsn);
        assertEquals(List.of(), spool.recover(), "a DSN that fails is not answered with another DSN");
    }
}
