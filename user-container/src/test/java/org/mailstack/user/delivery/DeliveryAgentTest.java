package org.mailstack.user.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.QuotaExceededException;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.sieve.VacationReply;

class DeliveryAgentTest {
    private static final byte[] TRACE = "Delivered-To: box@bob.example.test\r\n".getBytes(StandardCharsets.UTF_8);
    private static final Envelope ENVELOPE = new Envelope("a@example.org", "box@bob.example.test");

    @TempDir
    Path dir;

    private final List<String> redirected = new ArrayList<>();
    private final List<VacationReply> vacations = new ArrayList<>();
    private boolean forwardingWorks = true;

    private final Forwarder forwarder = new Forwarder() {
        @Override
        public boolean redirect(Envelope envelope, String to, MessageSpool message) {
            redirected.add(to);
            return forwardingWorks;
        }

        @Override
        public void vacation(VacationReply reply) {
            vacations.add(reply);
        }
    };

    private DeliveryAgent agent(MemoryMailbox mailbox, String script) throws IOException {
        Path rules = dir.resolve("rules.sieve");
        if (script != null) {
            Files.writeString(rules, script);
        }
        return new DeliveryAgent(mailbox, new SieveRules(rules), forwarder, Set.of("box@bob.example.test"));
    }

    private MessageSpool spool(String text) throws IOException {
        MessageSpool spool = new MessageSpool(1024, dir);
        spool.write(text.getBytes(StandardCharsets.UTF_8));
        spool.seal();
        return spool;
    }

    /** Delivers one message into an unlimited mailbox with the given rules (null: no rules file). */
    private MemoryMailbox deliverOne(String script, String message) throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(0);
        agent(mailbox, script).deliver(ENVELOPE, TRACE, spool(message));
        return mailbox;
    }

    private static List<String> folders(MemoryMailbox mailbox) {
        return mailbox.stored().stream().map(MemoryMailbox.Stored::folder).toList();
    }

    @Test
    void storesTraceHeadersThenTheMessage() throws Exception {
        MemoryMailbox mailbox = deliverOne(null, "Subject: hi\r\n\r\nx\r\n");
        assertEquals(List.of("INBOX"), folders(mailbox));
        assertEquals("Delivered-To: box@bob.example.test\r\nSubject: hi\r\n\r\nx\r\n", mailbox.stored().get(0).text());
    }

    @Test
    void rulesSeeTheTraceHeadersToo() throws Exception {
        assertEquals(List.of("Traced"), folders(deliverOne(
                "require \"fileinto\"; if exists \"Delivered-To\" { fileinto \"Traced\"; }", "Subject: hi\r\n\r\n")));
    }

    @Test
    void fileintoTwoFoldersStoresTwoCopies() throws Exception {
        assertEquals(List.of("A", "B"),
                folders(deliverOne("require \"fileinto\"; fileinto \"A\"; fileinto \"B\";", "S: 1\r\n\r\n")));
    }

    @Test
    void quotaFullIsTemporaryAndStoresNothing() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(100);
        DeliveryAgent agent = agent(mailbox, null);
        agent.deliver(ENVELOPE, TRACE, spool("x".repeat(40)));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> agent.deliver(ENVELOPE, TRACE, spool("y".repeat(40))));
        assertEquals(DeliveryException.Kind.QUOTA_FULL, e.kind());
        assertEquals(1, mailbox.stored().size());
    }

    @Test
    void messageLargerThanTheQuotaNeverFits() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(100);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> agent(mailbox, null).deliver(ENVELOPE, TRACE, spool("z".repeat(200))));
        assertEquals(DeliveryException.Kind.QUOTA_NEVER_FITS, e.kind());
        assertTrue(mailbox.stored().isEmpty());
    }

    @Test
    void twoCopiesAreCheckedTogetherAgainstTheQuota() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(150);
        DeliveryException e = assertThrows(DeliveryException.class, () -> agent(mailbox,
                "require \"fileinto\"; fileinto \"A\"; fileinto \"B\";").deliver(ENVELOPE, TRACE, spool("q".repeat(60))));
        assertEquals(DeliveryException.Kind.QUOTA_FULL, e.kind());
        assertTrue(mailbox.stored().isEmpty(), "all or nothing");
    }

    @Test
    void storeQuotaRefusalIsMappedToo() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(0); // no pre-check by the agent: the store refuses by itself
        mailbox.failWith(new QuotaExceededException(10, 20, 30));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> agent(mailbox, null).deliver(ENVELOPE, TRACE, spool("m")));
        assertEquals(DeliveryException.Kind.QUOTA_NEVER_FITS, e.kind());
    }

    @Test
    void folderTheStoreRefusesFallsBackToInbox() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(0);
        mailbox.refuseFolder("../../etc");
        agent(mailbox, "require \"fileinto\"; fileinto \"../../etc\";").deliver(ENVELOPE, TRACE, spool("m"));
        assertEquals("INBOX", mailbox.stored().get(0).folder());
    }

    @Test
    void storeFailureIsReportedAsTemporary() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(0);
        mailbox.failWith(new IOException("disk gone"));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> agent(mailbox, null).deliver(ENVELOPE, TRACE, spool("m")));
        assertEquals(DeliveryException.Kind.STORE_FAILED, e.kind());
    }

    @Test
    void redirectHandedOverStoresNothingLocally() throws Exception {
        assertEquals(List.of(), folders(deliverOne("redirect \"x@example.net\";", "m")));
        assertEquals(List.of("x@example.net"), redirected);
    }

    @Test
    void redirectThatCannotBeHandedOverKeepsTheMessage() throws Exception {
        forwardingWorks = false;
        assertEquals(List.of("INBOX"), folders(deliverOne("redirect \"x@example.net\";", "m")));
    }

    @Test
    void discardStoresNothing() throws Exception {
        assertEquals(List.of(), folders(deliverOne("discard;", "m")));
    }

    @Test
    void vacationGoesToTheForwarder() throws Exception {
        assertEquals(List.of("INBOX"), folders(deliverOne("require \"vacation\"; vacation \"away\";",
                "To: Bob <box@bob.example.test>\r\n\r\nm")));
        assertEquals("a@example.org", vacations.get(0).to());
    }

    @Test
    void vacationIsNotSentToAList() throws Exception {
        deliverOne("require \"vacation\"; vacation \"away\";",
                "To: box@bob.example.test\r\nList-Id: <x.lists.example.org>\r\n\r\nm");
        assertTrue(vacations.isEmpty());
    }

    @Test
    void closedGateRefusesNewDeliveries() throws Exception {
        MemoryMailbox mailbox = new MemoryMailbox(0);
        DeliveryAgent agent = agent(mailbox, null);
        assertTrue(agent.gate().closeAndAwait(Duration.ofSeconds(1)));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> agent.deliver(ENVELOPE, TRACE, spool("m")));
        assertEquals(DeliveryException.Kind.SHUTTING_DOWN, e.kind());
    }

    @Test
    void largeMessageSpoolsToDiskAndTheFileIsRemovedOnClose() throws Exception {
        MessageSpool spool = new MessageSpool(16, dir);
        spool.write("0123456789012345678901234567890".getBytes(StandardCharsets.UTF_8));
        spool.seal();
        assertTrue(spool.onDisk());
        assertEquals(31, spool.size());
        assertEquals(31, spool.open().readAllBytes().length);
        spool.close();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith("spool-")).count());
        }
    }
}
