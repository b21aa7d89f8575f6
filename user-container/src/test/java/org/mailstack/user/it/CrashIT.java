package org.mailstack.user.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.MaildirSnapshot;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.Transferable;

/**
 * Acceptance: SIGKILL during a stream of deliveries. After a restart on the same volume every message that got
 * {@code 250} is present exactly once and complete, no partial file is in {@code new/} or {@code cur/}, and
 * {@code tmp/} leftovers are gone.
 */
class CrashIT {
    private static final int CLIENTS = 4;
    private static final int BODY_LINES = 300;
    private static final int KILL_AFTER = 120;

    private final String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String volume = "mailstack-it-" + run;
    private final DockerClient docker = DockerClientFactory.instance().client();
    private UserContainerUnderTest first;
    private UserContainerUnderTest second;
    private final AtomicInteger next = new AtomicInteger();

    @AfterEach
    void cleanUp() {
        if (first != null) {
            first.stop();
        }
        if (second != null) {
            second.stop();
        }
        docker.removeVolumeCmd(volume).exec();
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
        Set<Integer> acknowledged = streamUntil(KILL_AFTER,
                () -> docker.killContainerCmd(first.getContainerId()).withSignal("SIGKILL").exec());
        int sent = next.get();

        second = new UserContainerUnderTest(run).withHomeVolume(volume)
                .withCopyToContainer(Transferable.of("From: half\r\nSubj", 0644),
                        "/home/box/Maildir/tmp/1700000000.M1P1Q1.leftover");
        second.start();
        MaildirSnapshot maildir = second.maildir();

        Map<Integer, String> stored = new HashMap<>();
        for (MaildirSnapshot.MessageFile file : maildir.delivered()) {
            int n = Messages.seqOf(file.text());
            assertTrue(n >= 0 && n < sent, "unknown file " + file.path());
            assertTrue(Messages.complete(file.text(), n, BODY_LINES), "partial file in new/ or cur/: " + file.path());
            assertFalse(stored.containsKey(n), "message " + n + " stored twice");
            stored.put(n, file.path());
        }
        for (int n : acknowledged) {
            assertTrue(stored.containsKey(n), "acknowledged message " + n + " lost");
        }
        assertEquals(0, maildir.inTmp().size(), "tmp/ cleaned at start: " + maildir.inTmp());
        assertTrue(acknowledged.size() >= KILL_AFTER);

        try (SmtpTalk talk = second.relaySession()) {
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(sent, 1))
                    .startsWith("250"), "delivers again after the restart");
        }
    }

    @Test
    void sigtermLetsDeliveriesInProgressFinishAndStopsCleanly() throws Exception {
        Set<Integer> acknowledged = streamUntil(KILL_AFTER / 4,
                () -> docker.stopContainerCmd(first.getContainerId()).withTimeout(20).exec());

        var state = docker.inspectContainerCmd(first.getContainerId()).exec().getState();
        assertEquals(143L, state.getExitCodeLong(), "ended by SIGTERM through its shutdown hook, not killed");
        assertTrue(first.getLogs().contains("UserContainer - stopped"), first.getLogs());
        MaildirSnapshot maildir = MaildirSnapshot.of(docker, first.getContainerId(), "/home/box/Maildir");
        Set<Integer> stored = new HashSet<>();
        for (MaildirSnapshot.MessageFile file : maildir.delivered()) {
            int n = Messages.seqOf(file.text());
            assertTrue(Messages.complete(file.text(), n, BODY_LINES), "partial file: " + file.path());
            assertTrue(stored.add(n), "message " + n + " stored twice");
        }
        assertTrue(stored.containsAll(acknowledged), "every acknowledged message is stored");
        assertEquals(0, maildir.inTmp().size(), "no delivery was cut short");
    }

    /**
     * Starts the first container on a fresh volume, streams numbered messages from {@link #CLIENTS} sessions, runs
     * {@code interruption} once {@code acknowledgedBefore} messages got 250, and returns the acknowledged numbers
     * when every client has stopped.
     */
    private Set<Integer> streamUntil(int acknowledgedBefore, Runnable interruption) throws InterruptedException {
        docker.createVolumeCmd().withName(volume).withLabels(Map.of(UserContainerUnderTest.LABEL, run)).exec();
        first = new UserContainerUnderTest(run).withHomeVolume(volume);
        first.start();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> stream(first, next, acknowledged));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= acknowledgedBefore);
        interruption.run();
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "clients noticed the interruption");
        return acknowledged;
    }

    /** Sends numbered messages until the connection breaks; records each 250. */
    private static void stream(UserContainerUnderTest container, AtomicInteger next, Set<Integer> acknowledged) {
        try (SmtpTalk talk = container.relaySession()) {
            for (int i = 0; i < 5000; i++) {
                int n = next.getAndIncrement();
                String reply = talk.sendMail("sender@example.org", UserContainerUnderTest.BOX,
                        Messages.numbered(n, BODY_LINES));
                if (reply == null || !reply.startsWith("250")) {
                    return;
                }
                acknowledged.add(n);
            }
        } catch (IOException expected) {
            // the container was killed
        }
    }
}
