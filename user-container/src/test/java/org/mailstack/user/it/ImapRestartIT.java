package org.mailstack.user.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.ImapsTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.DockerClientFactory;

/**
 * Acceptance for the UID list's durability (ADR 15) in the real container. After {@code docker stop} a new container
 * on the same volume shows the same UIDs, UIDNEXT and HIGHESTMODSEQ: the lists were closed cleanly. After SIGKILL
 * the messages keep their UIDs, while the next UID and every MODSEQ lie past anything given before, as after a
 * crash of the machine.
 */
class ImapRestartIT {
    private static final String LOGIN = "LOGIN box@bob.example.test \"" + UserContainerUnderTest.PASSWORD + "\"";

    private final String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String volume = "mailstack-it-" + run;
    private final DockerClient docker = DockerClientFactory.instance().client();
    private final List<UserContainerUnderTest> containers = new ArrayList<>();

    private record Inbox(List<Long> uids, long uidNext, long highestModSeq) {
    }

    @AfterEach
    void cleanUp() {
        containers.forEach(UserContainerUnderTest::stop);
        docker.removeVolumeCmd(volume).exec();
    }

    @Test
    void uidsSurviveAStopExactlyAndAKillWithoutReuse() throws Exception {
        docker.createVolumeCmd().withName(volume).withLabels(Map.of(UserContainerUnderTest.LABEL, run)).exec();
        UserContainerUnderTest first = start();
        Inbox before;
        try (ImapsTalk imap = login(first)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(imap.append("a" + i, "INBOX", Messages.numbered(i, 2)).contains("[APPENDUID "));
            }
            assertTrue(imap.lastLine("s1 SELECT INBOX (CONDSTORE)").startsWith("s1 OK"));
            assertTrue(imap.lastLine("s2 UID STORE 2 +FLAGS (\\Seen)").startsWith("s2 OK"));
            before = inbox(imap);
        }
        docker.stopContainerCmd(first.getContainerId()).withTimeout(20).exec();
        assertEquals(143L, docker.inspectContainerCmd(first.getContainerId()).exec().getState().getExitCodeLong());

        UserContainerUnderTest second = start();
        try (ImapsTalk imap = login(second)) {
            assertEquals(before, inbox(imap), "a clean stop changes nothing");
            String appended = imap.append("a9", "INBOX", Messages.numbered(9, 2));
            assertTrue(appended.contains("[APPENDUID " + uidValidityOf(imap) + " " + before.uidNext() + "]"), appended);
        }
        docker.killContainerCmd(second.getContainerId()).withSignal("SIGKILL").exec();

        UserContainerUnderTest third = start();
        try (ImapsTalk imap = login(third)) {
            Inbox after = inbox(imap);
            await().atMost(Duration.ofSeconds(10)).until(() -> third.getLogs().contains("was not closed cleanly"));
            List<Long> kept = new ArrayList<>(before.uids());
            kept.add(before.uidNext());
            assertEquals(kept, after.uids(), "every message keeps its UID");
            assertTrue(after.highestModSeq() > before.highestModSeq() + 1000, "MODSEQs skip past the limit: " + after);
            String appended = imap.append("a10", "INBOX", Messages.numbered(10, 2));
            Matcher uid = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]").matcher(appended);
            assertTrue(uid.find(), appended);
            assertTrue(Long.parseLong(uid.group(1)) > before.uidNext() + 100, "the next UID skips past the limit: "
                    + appended);
        }
    }

    private UserContainerUnderTest start() {
        UserContainerUnderTest c = new UserContainerUnderTest(run).withHomeVolume(volume);
        containers.add(c);
        c.start();
        return c;
    }

    private static ImapsTalk login(UserContainerUnderTest container) throws Exception {
        ImapsTalk imap = new ImapsTalk(container);
        assertTrue(imap.lastLine("l1 " + LOGIN).startsWith("l1 OK"));
        return imap;
    }

    private static Inbox inbox(ImapsTalk imap) throws Exception {
        String select = imap.command("i1 SELECT INBOX (CONDSTORE)");
        String search = imap.command("i2 UID SEARCH ALL");
        List<Long> uids = new ArrayList<>();
        Matcher m = Pattern.compile("^\\* SEARCH(( \\d+)*)", Pattern.MULTILINE).matcher(search);
        assertTrue(m.find(), search);
        for (String uid : m.group(1).trim().split(" ")) {
            uids.add(Long.parseLong(uid));
        }
        return new Inbox(uids, number(select, "UIDNEXT"), number(select, "HIGHESTMODSEQ"));
    }

    private static long uidValidityOf(ImapsTalk imap) throws Exception {
        return number(imap.command("v1 STATUS INBOX (UIDVALIDITY)"), "UIDVALIDITY");
    }

    private static long number(String response, String name) {
        Matcher m = Pattern.compile(name + " (\\d+)").matcher(response);
        assertTrue(m.find(), name + " in " + response);
        return Long.parseLong(m.group(1));
    }
}
