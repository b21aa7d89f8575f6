package org.mailstack.user;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.user.testing.ImapLines;
import org.mailstack.user.testing.LearnStub;
import org.mailstack.user.testing.SmtpTalk;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * The whole user container in this process, on ephemeral loopback ports: mail the relay delivers marked
 * {@code X-Spam: Yes} lands in Junk, and what the owner moves or copies over IMAP into or out of Junk reaches the
 * learn endpoint (a stub here) as spam or ham, with the account's relay secret, after the command has its answer.
 */
class JunkLearningTest {
    private static final String SECRET = "relay-secret-for-tests-0123";
    private static final String BOX = "box@bob.example.test";
    private static final String PASSWORD = "bob's password";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            ("bob:" + SECRET).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path home;
    LearnStub stub;
    UserContainer container;

    private UserContainer start(Optional<URI> learnUrl, int perMinute) throws IOException {
        UserConfig config = new UserConfig(AccountName.of("bob"), "example.test", Set.of(), home,
                home.resolve(".tls"), UserConfig.DEFAULT_QUOTA, UserConfig.DEFAULT_MAX_MESSAGE, 0, 0, 0, true,
                BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()), SECRET, learnUrl, perMinute);
        container = UserContainer.start(config);
        return container;
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    private void deliver(String subject, String extraHeader) throws IOException {
        try (SmtpTalk smtp = SmtpTalk.open("127.0.0.1", container.smtpPort())) {
            assertTrue(smtp.authPlain("relay", SECRET).startsWith("235"));
            String reply = smtp.sendMail("someone@example.org", BOX, "From: <someone@example.org>\r\nSubject: "
                    + subject + "\r\n" + extraHeader + "\r\nSome words about " + subject + ".\r\n");
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    private ImapLines imap() throws IOException {
        ImapLines imap = new ImapLines("127.0.0.1", container.imapPort());
        imap.ok("LOGIN \"" + BOX + "\" \"" + PASSWORD + "\"");
        return imap;
    }

    private static int exists(List<String> selectAnswer) {
        return selectAnswer.stream().filter(l -> l.matches("\\* \\d+ EXISTS")).findFirst()
                .map(l -> Integer.parseInt(l.split(" ")[1])).orElseThrow();
    }

    private void awaitLessons(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.lessons.size() >= n);
    }

    @Test
    void movesAndCopiesIntoAndOutOfJunkTeachSpamAndHam() throws Exception {
        stub = new LearnStub();
        start(Optional.of(stub.url()), 30);
        deliver("lunch", "");
        deliver("cheap pills", "X-Spam: Yes\r\n");
        try (ImapLines imap = imap()) {
            assertEquals(1, exists(imap.command("SELECT INBOX")), "the ordinary message is in INBOX");
            assertEquals(1, exists(imap.command("EXAMINE Junk")), "the marked one in Junk (the default rule)");

            imap.command("SELECT INBOX");
            imap.ok("MOVE 1 Junk");
            awaitLessons(1);
            LearnStub.Lesson spam = stub.lessons.get(0);
            assertEquals("POST", spam.method());
            assertEquals("/learn/spam", spam.path());
            assertEquals(BASIC, spam.authorization());
            assertTrue(spam.text().contains("Subject: lunch\r\n") && spam.text().endsWith("Some words about lunch.\r\n"),
                    spam.text());
            assertEquals(String.valueOf(spam.body().length), spam.contentLength(), "the length is sent up front");

            assertEquals(2, exists(imap.command("SELECT Junk")));
            imap.ok("UID MOVE 1 Archive"); // the marked message, delivered first into Junk
            awaitLessons(2);
            assertEquals("/learn/ham", stub.lessons.get(1).path());
            assertTrue(stub.lessons.get(1).text().contains("Subject: cheap pills\r\n"));

            imap.ok("COPY 1 Trash"); // out of Junk into Trash: nothing to learn
            imap.ok("COPY 1 Junk"); // within Junk: nothing either
            imap.command("SELECT Archive");
            imap.ok("CREATE Lists");
            imap.ok("UID COPY 1 Lists");
            imap.ok("COPY 1 Junk"); // a copy into Junk is spam too
            awaitLessons(3);
            assertEquals("/learn/spam", stub.lessons.get(2).path());
            assertTrue(stub.lessons.get(2).text().contains("Subject: cheap pills\r\n"));
        }
        assertEquals(3, stub.lessons.size(), "nothing else was taught: " + stub.lessons);
    }

    @Test
    void aLessonNobodyAnswersNeverHoldsTheMove() throws Exception {
        stub = new LearnStub().answering(503);
        CountDownLatch release = stub.holdAnswers();
        start(Optional.of(stub.url()), 30);
        deliver("one", "");
        deliver("two", "");
        try (ImapLines imap = imap()) {
            imap.command("SELECT INBOX");
            imap.ok("MOVE 1 Junk");
            awaitLessons(1); // the endpoint has the message and holds its answer
            imap.ok("MOVE 1 Junk"); // answered all the same
            assertEquals(0, exists(imap.command("SELECT INBOX")));
            release.countDown();
            awaitLessons(2); // the refused lesson did not stop the next one
            assertEquals(List.of("/learn/spam", "/learn/spam"), stub.lessons.stream().map(LearnStub.Lesson::path)
                    .toList());
        }
    }

    @Test
    void anEndpointThatIsDownChangesNothingForTheOwner() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        start(Optional.of(URI.create("http://127.0.0.1:" + closedPort)), 30);
        deliver("one", "");
        try (ImapLines imap = imap()) {
            imap.command("SELECT INBOX");
            imap.ok("MOVE 1 Junk");
            assertEquals(1, exists(imap.command("SELECT Junk")));
        }
    }
}
