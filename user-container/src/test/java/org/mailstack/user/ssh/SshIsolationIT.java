package org.mailstack.user.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.ImapsTalk;
import org.mailstack.user.testing.SmtpTalk;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * The owner, logged in over SSH, plants links in their home: symbolic and hard, from the Maildir, its folders and
 * the Sieve file to the mail process's copies of the secrets in {@code /dev/shm}, to {@code /etc} and
 * {@code /proc/self}, to another folder's files and to {@code ..}. Over IMAP the mail process (another user, which
 * can read those secrets) never returns a byte of what a link names, never hangs on a FIFO, writes nothing through a
 * link, and logs each refused path once.
 */
class SshIsolationIT {
    private static final String RUN = "ssh-isolation-" + UUID.randomUUID();
    private static final String RELAY_SECRET = "relay-secret-" + UUID.randomUUID();
    private static final String PASSWORD = "alice's long password";
    private static final String BOX = "box@alice.example.test";

    private static Network network;
    private static AccountContainer alice;
    private static String passwordHash;
    private static String hostname;

    @BeforeAll
    static void start() throws Exception {
        network = AccountContainer.network(RUN);
        alice = new AccountContainer("alice", PASSWORD, RELAY_SECRET, null, network, RUN).startAndAwaitSsh(PASSWORD);
        passwordHash = asRoot("cat /dev/shm/mailstack/password_hash").strip();
        hostname = asRoot("cat /etc/hostname").strip();
        deliver("own mail");
    }

    @AfterAll
    static void stop() {
        AccountContainer.stop(network, alice);
    }

    @Test
    void symlinksInTheMaildirNeverServeWhatTheyName() throws Exception {
        owner("cd ~/Maildir"
                + " && ln -s /dev/shm/mailstack/relay_secret new/1765100000.M1P1Q1.x"
                + " && ln -s /dev/shm/mailstack/password_hash cur/1765100001.M1P1Q2.x:2,S"
                + " && ln -s /etc/hostname cur/1765100002.M1P1Q3.x:2,"
                + " && ln -s /proc/self/environ cur/1765100003.M1P1Q4.x:2,"
                + " && ln -s /dev/shm/mailstack cur/1765100004.M1P1Q5.x:2,"
                + " && ln -s .. cur/1765100005.M1P1Q6.x:2,"
                + " && ln -s ../.Sent/mailstack-uidlist new/1765100006.M1P1Q7.x"
                + " && mkfifo new/1765100007.M1P1Q8.fifo"
                + " && printf 'Subject: draft mail\\r\\n\\r\\nx\\r\\n' > .Drafts/cur/1765100008.M1P1Q9.x:2,"
                + " && ln -s ../.Drafts/cur/1765100008.M1P1Q9.x:2, new/1765100009.M1P1Q10.x");

        String all = fetchEverything("INBOX");

        assertTrue(all.contains("own mail"), all);
        assertFalse(all.contains("draft mail"), "a link to another folder's message was followed: " + all);
        assertNoSecretIn(all);
        assertSecretsIntact();
    }

    @Test
    void messageSwappedForALinkAfterItWasListedIsNotServed() throws Exception {
        deliver("to be swapped");
        try (ImapsTalk imap = login()) {
            assertTrue(imap.command("s1 SELECT INBOX").contains("s1 OK"));
            owner("cd ~/Maildir/cur && f=$(grep -ls -D skip 'to be swapped' -- * | head -1) && [ -n \"$f\" ]"
                    + " && rm -- \"$f\" && ln -s /dev/shm/mailstack/relay_secret \"$f\"");
            String fetched = imap.command("s2 UID FETCH 1:* (BODY.PEEK[] BINARY.PEEK[1])");
            assertNoSecretIn(fetched);
        }
        assertSecretsIntact();
    }

    @Test
    void foldersThatAreLinksAreNeitherListedNorSelectable() throws Exception {
        owner("cd ~/Maildir"
                + " && ln -s /dev/shm/mailstack .Shm && ln -s /etc .Etc && ln -s .. .Up && ln -s /proc/self .Proc"
                + " && mkdir -p .Half/new .Half/tmp && ln -s /dev/shm/mailstack .Half/cur"
                + " && mkdir -p .Tmp/new .Tmp/cur && ln -s /dev/shm/mailstack .Tmp/tmp");
        try (ImapsTalk imap = login()) {
            String list = imap.command("l1 LIST \"\" \"*\"");
            for (String name : List.of("Shm", "Etc", "Up", "Proc", "Half")) {
                assertFalse(list.lines().anyMatch(l -> l.startsWith("* LIST")
                        && (l.endsWith(" " + name) || l.endsWith(" \"" + name + "\""))), list);
                assertTrue(imap.lastLine("l2 EXAMINE " + name).startsWith("l2 NO"), name);
                assertTrue(imap.lastLine("l3 STATUS " + name + " (MESSAGES)").startsWith("l3 NO"), name);
            }
            assertNoSecretIn(list);
            assertTrue(imap.append("l4", "Tmp", "Subject: x\r\n\r\nx\r\n").contains("l4 NO"));
        }
        assertEquals("", asRoot("ls /dev/shm/mailstack | grep -v -e password_hash -e relay_secret || true").strip());
        assertSecretsIntact();
    }

    @Test
    void hardLinksCannotLeaveTheVolumeAndInsideItAreTheOwnersMail() throws Exception {
        SshClient.Result out = owner("ln /dev/shm/mailstack/relay_secret ~/Maildir/new/1765200000.M1P1Q1.x;"
                + " echo exit=$?; ln /etc/hostname ~/Maildir/new/1765200001.M1P1Q2.x; echo exit=$?");
        assertFalse(out.out().contains("exit=0"), out.out() + out.err());

        try (ImapsTalk imap = login()) {
            assertTrue(imap.command("h1 CREATE Other").contains("h1 OK"));
            assertTrue(imap.append("h2", "Other", "Subject: other folder mail\r\n\r\nbody\r\n").contains("h2 OK"));
        }
        owner("f=$(ls ~/Maildir/.Other/cur | head -1)"
                + " && ln ~/Maildir/.Other/cur/\"$f\" ~/Maildir/cur/1765200002.M1P1Q3.x:2,");

        String all = fetchEverything("INBOX");

        assertTrue(all.contains("other folder mail"), all);
        assertNoSecretIn(all);
    }

    @Test
    void storeFilesPlantedAsLinksAreNotReadNorWrittenThrough() throws Exception {
        owner("cd ~/Maildir && rm -f maildirsize subscriptions .Sent/mailstack-uidlist .Sent/mailstack-uidlist.lock"
                + " .Sent/dovecot-keywords"
                + " && ln -s /dev/shm/mailstack/relay_secret maildirsize"
                + " && ln -s /dev/shm/mailstack/password_hash subscriptions"
                + " && ln -s /etc/hostname .Sent/mailstack-uidlist"
                + " && ln -s /dev/shm/mailstack/planted .Sent/mailstack-uidlist.lock"
                + " && ln -s /dev/shm/mailstack/relay_secret .Sent/dovecot-keywords");
        List<String> responses = new ArrayList<>();
        try (ImapsTalk imap = login()) {
            responses.add(imap.command("f1 LSUB \"\" \"*\""));
            responses.add(imap.command("f2 SUBSCRIBE Sent"));
            responses.add(imap.command("f3 LIST (SUBSCRIBED) \"\" \"*\""));
            responses.add(imap.append("f4", "Sent", "Subject: sent mail\r\n\r\nbody\r\n"));
            responses.add(imap.command("f5 SELECT Sent"));
            responses.add(imap.command("f6 STORE 1:* +FLAGS (Work $Label1)"));
            responses.add(imap.command("f7 FETCH 1:* (FLAGS BODY.PEEK[])"));
            responses.add(imap.command("f8 GETQUOTAROOT INBOX"));
            responses.add(imap.command("f9 STATUS INBOX (MESSAGES SIZE)"));
        }
        String all = String.join("", responses);

        assertTrue(all.contains("sent mail"), all);
        assertNoSecretIn(all);
        assertSecretsIntact();
        assertEquals("absent", asRoot("test -e /dev/shm/mailstack/planted && echo present || echo absent").strip());
        assertEquals(hostname, asRoot("cat /etc/hostname").strip());
    }

    @Test
    void rulesFileThatIsALinkIsNotRead() throws Exception {
        owner("ln -sfn /dev/shm/mailstack/relay_secret ~/rules.sieve");
        try {
            deliver("while the rules are a link");

            String all = fetchEverything("INBOX");

            assertTrue(all.contains("while the rules are a link"), all);
            assertNoSecretIn(all);
            assertTrue(alice.getLogs().contains("rules not read: the file is a symbolic link"), alice.getLogs());
        } finally {
            owner("rm -f ~/rules.sieve");
        }
    }

    @Test
    void eachRefusedPathIsLoggedOnceAndNoSecretReachesTheLog() throws Exception {
        owner("ln -s /dev/shm/mailstack/relay_secret ~/Maildir/new/1765300000.M1P1Q1.logged");
        for (int i = 0; i < 3; i++) {
            fetchEverything("INBOX");
        }

        String logs = alice.getLogs();
        assertEquals(1, logs.lines().filter(l -> l.contains("ignored /home/box/Maildir/new/1765300000.M1P1Q1.logged"))
                .count(), logs);
        assertFalse(logs.contains(RELAY_SECRET));
        assertFalse(logs.contains(passwordHash));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static SshClient.Result owner(String command) throws Exception {
        SshClient.Result r = alice.ssh().withPassword(PASSWORD, command);
        assertEquals(0, r.exit(), command + ": " + r.err());
        return r;
    }

    private static String asRoot(String command) throws Exception {
        ExecResult r = alice.execInContainer("sh", "-c", command);
        return r.getStdout();
    }

    private static void deliver(String subject) throws IOException {
        try (SmtpTalk relay = SmtpTalk.open("127.0.0.1", alice.getMappedPort(AccountContainer.SMTP))) {
            assertTrue(relay.authPlain("relay", RELAY_SECRET).startsWith("235"));
            String reply = relay.sendMail("someone@example.org", BOX,
                    "From: someone@example.org\r\nSubject: " + subject + "\r\n\r\n" + subject + "\r\n");
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    private static ImapsTalk login() throws IOException {
        ImapsTalk imap = alice.imaps();
        String reply = imap.lastLine("a0 LOGIN " + BOX + " \"" + PASSWORD + "\"");
        assertTrue(reply.startsWith("a0 OK"), reply);
        return imap;
    }

    /** Every message of a folder as IMAP serves it: whole, by part, as BINARY, with its size and envelope. */
    private static String fetchEverything(String folder) throws IOException {
        try (ImapsTalk imap = login()) {
            StringBuilder all = new StringBuilder();
            all.append(imap.command("e1 SELECT " + folder));
            all.append(imap.command("e2 FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])"));
            all.append(imap.command("e3 UID FETCH 1:* (BODY.PEEK[TEXT] BINARY.PEEK[1] RFC822.HEADER)"));
            all.append(imap.command("e4 SEARCH TEXT \"secret\""));
            all.append(imap.command("e5 STATUS " + folder + " (MESSAGES UNSEEN SIZE)"));
            return all.toString();
        }
    }

    private static void assertNoSecretIn(String text) {
        assertFalse(text.contains(RELAY_SECRET), "relay secret served");
        assertFalse(text.contains(passwordHash), "password hash served");
        assertFalse(text.contains(hostname), "the container's /etc/hostname served");
        assertFalse(text.contains("MAILSTACK_"), "the mail process's environment served");
    }

    private static void assertSecretsIntact() throws Exception {
        assertEquals(RELAY_SECRET, asRoot("cat /dev/shm/mailstack/relay_secret").strip());
        assertEquals(passwordHash, asRoot("cat /dev/shm/mailstack/password_hash").strip());
        assertNotEquals("", passwordHash);
    }
}
