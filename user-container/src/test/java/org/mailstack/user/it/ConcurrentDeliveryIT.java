package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.MaildirSnapshot;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Acceptance: 1,000 messages from 8 concurrent SMTP clients all land exactly once, with the right headers, sorted
 * into folders by a Sieve script, in the real image on the real engine.
 */
@Testcontainers
class ConcurrentDeliveryIT {
    private static final int CLIENTS = 8;
    private static final int PER_CLIENT = 125;
    private static final String RULES = """
            require ["fileinto", "envelope"];
            if header :contains "Subject" "[lists]" {
                fileinto "Lists";
            } elsif allof (header :is "X-Class" "low", envelope :domain :is "from" "example.org") {
                fileinto "Reports/Low";
            }
            """;

    @Container
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("delivery-" + UUID.randomUUID().toString().substring(0, 8)).withRules(RULES);

    @Test
    void thousandMessagesFromEightClientsLandExactlyOnceInTheirFolders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                int accepted = 0;
                try (SmtpTalk talk = CONTAINER.relaySession()) {
                    for (int i = 0; i < PER_CLIENT; i++) {
                        int n = client * PER_CLIENT + i;
                        String reply = talk.sendMail("sender" + n % 7 + "@example.org", UserContainerUnderTest.BOX,
                                Messages.numbered(n, 5));
                        assertTrue(reply.startsWith("250"), "message " + n + ": " + reply);
                        accepted++;
                    }
                }
                return accepted;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES), "clients finished in time");
        for (Future<Integer> result : results) {
            assertEquals(PER_CLIENT, result.get());
        }

        MaildirSnapshot maildir = CONTAINER.maildir();
        Map<Integer, MaildirSnapshot.MessageFile> bySeq = new HashMap<>();
        for (MaildirSnapshot.MessageFile file : maildir.delivered()) {
            int n = Messages.seqOf(file.text());
            if (n < 0) {
                continue;
            }
            MaildirSnapshot.MessageFile previous = bySeq.put(n, file);
            assertEquals(null, previous, "message " + n + " stored twice: " + file.path());
            assertTrue(Messages.complete(file.text(), n, 5), "message " + n + " complete");
            assertHeaders(file.text(), n);
            String expectedFolder = switch (n % 3) {
                case 0 -> ".Lists";
                case 1 -> ".Reports.Low";
                default -> "";
            };
            assertEquals(expectedFolder, file.folderDir(), "folder of message " + n);
        }
        assertEquals(CLIENTS * PER_CLIENT, bySeq.size(), "every message landed");
        assertTrue(maildir.inTmp().isEmpty(), "nothing left in tmp/");
    }

    private static void assertHeaders(String text, int n) {
        String[] lines = text.split("\r\n", 6);
        assertEquals("Return-Path: <sender" + n % 7 + "@example.org>", lines[0]);
        assertEquals("Delivered-To: box@bob.example.test", lines[1]);
        assertTrue(lines[2].startsWith("Received: from test.client (["), lines[2]);
        assertTrue(lines[3].startsWith("\tby bob.example.test (mailstack) with ESMTPA id "), lines[3]);
        assertTrue(lines[4].startsWith("\tfor <box@bob.example.test>; "), lines[4]);
    }
}
