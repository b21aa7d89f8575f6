package org.mailstack.main.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.testing.FixedAccountDirectory;

/**
 * Running workers with a 30 s first backoff: a destination that works again gets its waiting mail within seconds,
 * which only a wake-up can explain.
 */
class DeliveryQueueWakeTest {
    static final Duration SOON = Duration.ofSeconds(5);
    @TempDir
    Path dir;
    Spool spool;
    DeliveryQueue queue;
    final Set<NextHop> down = ConcurrentHashMap.newKeySet();
    final List<String> attempts = new CopyOnWriteArrayList<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        spool = Spool.open(dir);
        queue = startQueue();
    }

    private DeliveryQueue startQueue() throws Exception {
        return new DeliveryQueue(spool, this::deliver, this::deliver,
                new Backoff(Duration.ofSeconds(30), Duration.ofHours(1)), Duration.ofDays(5),
                new Dsn("mail.example.test"), new AddressRules("example.test"), new Metrics(), Clock.systemUTC())
                .start(2);
    }

    /** The transport: destinations in {@link #down} answer 4xx, the others 250. */
    private Map<String, Reply> deliver(NextHop to, Envelope e, Transport.MessageSource message) {
        attemptedAt.putIfAbsent(e.id(), System.nanoTime());
        attempts.add(e.id());
        boolean fails = down.contains(e.destination());
        if (!fails) {
            delivered.add(e.id());
        }
        return Map.of(e.recipients().get(0),
                fails ? Reply.temporary("user container unreachable") : new Reply(250, "2.0.0 ok"));
    }

    private void down(String... users) {
        for (String u : users) {
            down.add(new NextHop.Local(AccountName.of(u)));
        }
    }

    private void up(String... users) {
        for (String u : users) {
            down.remove(new NextHop.Local(AccountName.of(u)));
        }
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private Envelope spooled(String user) throws Exception {
        return spool.enqueue("Subject: t\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), "a@example.org",
                new NextHop.Local(AccountName.of(user)), List.of("box@" + user + ".example.test"), Instant.now());
    }

    /** An entry of {@code user} that waits 30 more minutes for its retry, found by a queue started after it failed. */
    private Envelope waitingAcrossARestart(String user) throws Exception {
        queue.close();
        Envelope e = spooled(user);
        spool.update(e.retryAt(Instant.now().plus(Duration.ofMinutes(30)), "451 4.4.1 unreachable", e.recipients()));
        queue = startQueue();
        return e;
    }

    private String enqueue(String user) throws Exception {
        Envelope e = spooled(user);
        queue.submit(e);
        return e.id();
    }

    /** When the transport was called for each entry ({@link System#nanoTime}). */
    final Map<String, Long> attemptedAt = new ConcurrentHashMap<>();

    private long attemptsOf(String id) {
        return attempts.stream().filter(id::equals).count();
    }

    /**
     * A new entry is handed to an idle worker when it is submitted, not at the worker's next look at the queue (the
     * workers wait at most a second at a time, to notice a stop): the first message after a quiet spell goes out at
     * once. Twenty entries submitted at spread moments: a queue that waited for its next look would make about half
     * of them wait a quarter of a second or more.
     */
    @Test
    void aSubmittedEntryIsAttemptedAtOnceByAnIdleWorker() throws Exception {
        Thread.sleep(1_200);
        List<Long> waits = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            Envelope e = spooled("alice");
            long submitted = System.nanoTime();
            queue.submit(e);
            await().atMost(SOON).until(() -> attemptedAt.containsKey(e.id()));
            waits.add((attemptedAt.get(e.id()) - submitted) / 1_000_000);
            Thread.sleep(37 + 53 * (i % 7));
        }
        assertTrue(waits.stream().allMatch(ms -> ms < 250), "ms from submit to attempt: " + waits);
        await().atMost(SOON).until(() -> queue.depth() == 0);
    }

    @Test
    void aReturningAccountGetsItsWaitingMailAtOnceAndOnlyIt() throws Exception {
        down("alice", "bob");
        String forAlice = enqueue("alice");
        String forBob = enqueue("bob");
        await().atMost(SOON).until(() -> attemptsOf(forAlice) == 1 && attemptsOf(forBob) == 1);

        up("alice", "bob");
        assertEquals(1, queue.accountReturned(AccountName.of("alice")));
        await().atMost(SOON).until(() -> delivered.contains(forAlice));
        assertEquals(1, queue.depth(), "bob's entry still waits for its backoff");
        assertEquals(1, attemptsOf(forBob));
        assertEquals(List.of(forBob), spool.recover().stream().map(Envelope::id).toList());
        assertEquals(0, queue.accountReturned(AccountName.of("alice")), "nothing left to wake");
    }

    @Test
    void aWokenEntryThatFailsAgainBacksOffFromItsAttemptCount() throws Exception {
        down("alice");
        String id = enqueue("alice");
        await().atMost(SOON).until(() -> attemptsOf(id) == 1);
        await().atMost(SOON).until(() -> spool.recover().get(0).attempts() == 1);

        assertEquals(1, queue.accountReturned(AccountName.of("alice")));
        await().atMost(SOON).until(() -> spool.recover().get(0).attempts() == 2);
        Envelope again = spool.recover().get(0);
        long wait = Duration.between(Instant.now(), again.nextAttempt()).toSeconds();
        assertTrue(wait >= 50 && wait <= 66, "second retry after ~60 s: " + wait);
        assertEquals(2, attemptsOf(id));
    }

    @Test
    void aDeliveryWakesTheOtherWaitingEntriesOfItsDestination() throws Exception {
        down("alice", "bob");
        String first = enqueue("alice");
        String second = enqueue("alice");
        String forBob = enqueue("bob");
        await().atMost(SOON).until(() -> attempts.size() == 3);
        await().atMost(SOON).until(() -> spool.recover().stream().allMatch(e -> e.attempts() == 1));

        up("alice", "bob");
        String fresh = enqueue("alice");
        await().atMost(SOON).until(() -> delivered.containsAll(List.of(fresh, first, second)));
        assertEquals(1, attemptsOf(forBob), "another destination is not woken");
        assertEquals(1, queue.depth());
    }

    @Test
    void anEntryWaitingAcrossARestartOfTheRelayIsWokenToo() throws Exception {
        Envelope e = waitingAcrossARestart("alice");

        assertEquals(1, queue.accountReturned(AccountName.of("alice")));
        await().atMost(SOON).until(() -> delivered.contains(e.id()));
        assertEquals(List.of(), spool.recover());
    }

    /**
     * The flush on return end to end (ADR 9): the probe finds alice's container down, then answering on its port, and
     * the queue retries her waiting entry at once, 30 minutes before its backoff ends.
     */
    @Test
    void theProbeSeeingAContainerAnswerAgainHasTheQueueRetryItsWaitingEntry() throws Exception {
        Envelope e = waitingAcrossARestart("alice");
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ReachabilityProbe probe = new ReachabilityProbe(new FixedAccountDirectory().with("alice", "127.0.0.3"),
                     other.getLocalPort(), new Metrics(), queue)) {
            probe.probeAll();
            Thread.sleep(300);
            assertEquals(0, attemptsOf(e.id()), "a container found down wakes nothing");
            try (ServerSocket alice = new ServerSocket(other.getLocalPort(), 50, InetAddress.getByName("127.0.0.3"))) {
                probe.probeDown();
                await().atMost(SOON).until(() -> delivered.contains(e.id()));
            }
        }
        assertEquals(List.of(), spool.recover());
    }
}
