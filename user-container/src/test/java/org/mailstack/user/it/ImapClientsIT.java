package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Real IMAP clients against the running image over implicit TLS (port 1993), each trusting only the container's own
 * certificate: Jakarta Mail (list, read, flag, move, delete, append, each re-read), Python's {@code imaplib} (login, select, search, fetch, store, expunge) and Debian's {@code mbsync}
 * (isync) syncing INBOX both ways with a local Maildir. Messages arrive through the SMTP receiver as the relay.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImapClientsIT {
    private static final int CLIENT_SECONDS = 60;
    private static final Pattern SEQ = Pattern.compile("(?m)^X-Seq: (\\d+)\r?$");

    @Container
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("imapclients-" + UUID.randomUUID().toString().substring(0, 8));

    @TempDir
    static Path work;

    private static Path certificate;

    @BeforeAll
    static void deliverAndFetchCertificate() throws IOException {
        certificate = work.resolve("cert.pem");
        CONTAINER.copyFileFromContainer("/home/box/.tls/fullchain.pem", certificate.toString());
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            for (int n : new int[] {21, 22, 31}) {
                String reply = talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(n, 3));
                assertTrue(reply.startsWith("250"), reply);
                talk.command("RSET");
            }
        }
    }

    @Test
    @Order(0)
    void jakartaMailListsReadsFlagsMovesDeletesAndAppends() throws Exception {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(11, 3))
                    .startsWith("250"));
            talk.command("RSET");
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(12, 3))
                    .startsWith("250"));
        }
        try (JakartaMailbox box = new JakartaMailbox(CONTAINER.trustingItsCertificate(),
                CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS), "bob", UserContainerUnderTest.PASSWORD)) {
            Folder archive = box.folder("Archive");
            Folder trash = box.folder("Trash");
            Folder drafts = box.folder("Drafts");
            List<String> names = Stream.of(box.store().getDefaultFolder().list("*")).map(Folder::getFullName).toList();
            assertTrue(names.containsAll(List.of("INBOX", "Archive", "Trash", "Drafts")), names.toString());

            Folder inbox = box.store().getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message first = JakartaMailbox.bySeq(inbox, 11)[0];
            assertEquals("hello 11", first.getSubject());
            assertTrue(String.valueOf(first.getContent()).contains("END 11"), String.valueOf(first.getContent()));
            first.setFlag(Flags.Flag.FLAGGED, true);
            inbox.close(false);

            inbox.open(Folder.READ_WRITE);
            first = JakartaMailbox.bySeq(inbox, 11)[0];
            assertTrue(first.isSet(Flags.Flag.FLAGGED), "flag not kept");
            ((IMAPFolder) inbox).moveMessages(new Message[] {first}, archive);
            Message second = JakartaMailbox.bySeq(inbox, 12)[0];
            inbox.copyMessages(new Message[] {second}, trash);
            second.setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            inbox.close(false);

            assertEquals(0, box.count("INBOX", 11), "moved message still in INBOX");
            assertEquals(1, box.count("Archive", 11), "moved message not in Archive");
            assertEquals(0, box.count("INBOX", 12), "deleted message still in INBOX");
            assertEquals(1, box.count("Trash", 12), "deleted message not in Trash");

            MimeMessage draft = new MimeMessage((Session) null);
            draft.setSubject("draft 13");
            draft.setHeader("X-Seq", "13");
            draft.setText("unfinished\r\n");
            draft.setFlag(Flags.Flag.DRAFT, true);
            drafts.appendMessages(new Message[] {draft});
            drafts.open(Folder.READ_ONLY);
            Message[] stored = JakartaMailbox.bySeq(drafts, 13);
            assertEquals(1, stored.length, "appended draft not found");
            assertEquals("draft 13", stored[0].getSubject());
            assertTrue(stored[0].isSet(Flags.Flag.DRAFT), "\\Draft flag not kept");
            drafts.close(false);
        }
    }

    @Test
    @Order(1)
    void pythonImaplibSearchesFetchesStoresAndExpunges() throws Exception {
        Path script = work.resolve("imaplib_check.py");
        Files.writeString(script, """
                import imaplib, ssl, sys
                port, cafile, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                ctx = ssl.create_default_context(cafile=cafile)
                ctx.check_hostname = False
                m = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=ctx)
                print("LOGIN", m.login("bob", password)[0])
                typ, data = m.select("INBOX")
                print("SELECT", typ, data[0].decode())
                typ, data = m.search(None, "HEADER", "X-Seq", "21")
                print("SEARCH21", typ, data[0].decode())
                typ, data = m.fetch(data[0].split()[0], "(BODY.PEEK[TEXT] FLAGS)")
                print("FETCH", typ, "END 21" in data[0][1].decode())
                typ, data = m.search(None, "HEADER", "X-Seq", "22")
                target = data[0].split()[0]
                typ, data = m.store(target, "+FLAGS", "(\\\\Deleted)")
                print("STORE", typ, b"\\\\Deleted" in data[0])
                typ, data = m.expunge()
                print("EXPUNGE", typ, [d.decode() for d in data if d])
                typ, data = m.search(None, "HEADER", "X-Seq", "22")
                print("SEARCH22", typ, "[" + data[0].decode() + "]")
                m.logout()
                print("DONE")
                """, StandardCharsets.UTF_8);
        ClientRun run = ClientRun.of(work, CLIENT_SECONDS, "python3", script.toString(),
                String.valueOf(CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS)), certificate.toString(),
                UserContainerUnderTest.PASSWORD);
        String out = run.output();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(out.contains("LOGIN OK"), out);
        assertTrue(out.contains("SELECT OK 3"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("SEARCH21 OK \\d+")), out);
        assertTrue(out.contains("FETCH OK True"), out);
        assertTrue(out.contains("STORE OK True"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("EXPUNGE OK \\['\\d+'\\]")), out);
        assertTrue(out.contains("SEARCH22 OK []"), out);
        assertTrue(out.contains("DONE"), out);
    }

    @Test
    @Order(2)
    void mbsyncPullsAndPushesWithoutErrors() throws Exception {
        Path local = Files.createDirectories(work.resolve("mail"));
        Path rc = work.resolve("mbsyncrc");
        Files.writeString(rc, """
                IMAPAccount box
                Host 127.0.0.1
                Port %d
                User bob
                Pass "%s"
                SSLType IMAPS
                CertificateFile %s
                AuthMechs LOGIN

                IMAPStore remote
                Account box

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel box
                Far :remote:
                Near :local:
                Patterns INBOX
                Create Both
                SyncState *
                Sync All
                """.formatted(CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS), UserContainerUnderTest.PASSWORD,
                certificate, local, local), StandardCharsets.UTF_8);

        ClientRun pull = mbsync(rc);
        assertEquals(0, pull.exitCode(), pull.toString());
        assertTrue(localSeqs(local.resolve("INBOX")).contains(31), "pulled: " + localSeqs(local.resolve("INBOX")));
        assertFalse(localSeqs(local.resolve("INBOX")).contains(22), "expunged message came back");

        Path fresh = local.resolve("INBOX/new/1700000000.M1P1.it");
        Files.writeString(fresh, Messages.numbered(32, 2), StandardCharsets.ISO_8859_1);
        ClientRun push = mbsync(rc);
        assertEquals(0, push.exitCode(), push.toString());
        assertTrue(serverHas(32), "pushed message not on the server");

        ClientRun again = mbsync(rc);
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.output().toLowerCase().contains("error"), again.toString());
        assertFalse(again.output().toLowerCase().contains("warning"), again.toString());
    }

    private static ClientRun mbsync(Path rc) throws IOException, InterruptedException {
        return ClientRun.of(work, CLIENT_SECONDS, "mbsync", "-c", rc.toString(), "box");
    }

    /** The X-Seq numbers of the messages in a local Maildir folder. */
    private static List<Integer> localSeqs(Path folder) throws IOException {
        try (Stream<Path> files = Stream.concat(list(folder.resolve("cur")), list(folder.resolve("new")))) {
            return files.map(ImapClientsIT::read).map(ImapClientsIT::seqOf).toList();
        }
    }

    /** The X-Seq number of a message with either line end (mbsync stores LF), or -1. */
    private static int seqOf(String message) {
        Matcher m = SEQ.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.list(dir).toList().stream() : Stream.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server's INBOX holds message number {@code seq}, asked over IMAPS by imaplib. */
    private static boolean serverHas(int seq) throws IOException, InterruptedException {
        ClientRun run = ClientRun.of(work, CLIENT_SECONDS, "python3", "-c", """
                import imaplib, ssl, sys
                ctx = ssl.create_default_context(cafile=sys.argv[2])
                ctx.check_hostname = False
                m = imaplib.IMAP4_SSL("127.0.0.1", int(sys.argv[1]), ssl_context=ctx)
                m.login("bob", sys.argv[3])
                m.select("INBOX", readonly=True)
                print("FOUND", m.search(None, "HEADER", "X-Seq", sys.argv[4])[1][0].decode())
                m.logout()
                """, String.valueOf(CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS)), certificate.toString(),
                UserContainerUnderTest.PASSWORD, String.valueOf(seq));
        assertEquals(0, run.exitCode(), run.toString());
        return run.output().lines().anyMatch(l -> l.matches("FOUND \\d+.*"));
    }
}
