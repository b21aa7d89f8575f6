package org.mailstack.imap.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.TestImapServer;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** A real client library (Jakarta Mail with Angus) lists, reads, flags, moves, deletes and appends. */
class JakartaMailClientTest extends ConversationTest {

    private Store connect() throws Exception {
        return connect(new Properties(), null);
    }

    /** Connects with the given extra properties; the protocol trace goes to {@code trace} when given. */
    private Store connect(Properties extra, ByteArrayOutputStream trace) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(server.port()));
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "10000");
        p.putAll(extra);
        Session session = Session.getInstance(p);
        if (trace != null) {
            session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
            session.setDebug(true);
        }
        Store store = session.getStore("imap");
        store.connect(TestImapServer.USER, TestImapServer.PASSWORD);
        return store;
    }

    private static String subject(Message m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listReadFlagMoveDeleteAppend() throws Exception {
        listReadFlagMoveDeleteAppend(connect());
    }

    /** The same with the client's COMPRESS=DEFLATE (RFC 4978) on: every connection it opens compresses. */
    @Test
    void listReadFlagMoveDeleteAppendCompressed() throws Exception {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Properties compress = new Properties();
        compress.put("mail.imap.compress.enable", "true");
        listReadFlagMoveDeleteAppend(connect(compress, trace));
        String log = trace.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(" COMPRESS DEFLATE") && log.contains(" OK DEFLATE active"), log);
    }

    private void listReadFlagMoveDeleteAppend(Store store) throws Exception {
        deliver("INBOX", message("first", "hello from Bob"));
        deliver("INBOX", message("second", "another one"));
        try {
            List<String> names = Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
            assertTrue(names.containsAll(List.of("INBOX", "Sent", "Trash", "Drafts")), names.toString());

            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(2, inbox.getMessageCount());
            Message first = Arrays.stream(inbox.getMessages()).filter(m -> subject(m).equals("first")).findFirst()
                    .orElseThrow();
            Message second = Arrays.stream(inbox.getMessages()).filter(m -> m != first).findFirst().orElseThrow();
            assertEquals("second", second.getSubject());
            assertEquals("bob@example.test", ((InternetAddress) first.getFrom()[0]).getAddress());
            assertEquals("hello from Bob", ((String) first.getContent()).trim());
            assertTrue(first.isSet(Flags.Flag.SEEN));

            first.setFlag(Flags.Flag.FLAGGED, true);
            assertTrue(first.isSet(Flags.Flag.FLAGGED));

            inbox.moveMessages(new Message[] {second}, store.getFolder("Trash"));
            assertTrue(second.isExpunged());
            Folder trash = store.getFolder("Trash");
            assertEquals(1, trash.getMessageCount());

            first.setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            assertEquals(0, inbox.getMessageCount());
            inbox.close(false);

            MimeMessage draft = new MimeMessage(Session.getInstance(new Properties()));
            draft.setSubject("Dräft");
            draft.setFrom(new InternetAddress("alice@example.test"));
            MimeMultipart multipart = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText("text part", "utf-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setContent(new byte[] {1, 2, 3}, "application/octet-stream");
            attachment.setFileName("a.bin");
            multipart.addBodyPart(text);
            multipart.addBodyPart(attachment);
            draft.setContent(multipart);
            draft.saveChanges();
            Folder drafts = store.getFolder("Drafts");
            drafts.appendMessages(new Message[] {draft});
            drafts.open(Folder.READ_ONLY);
            Message stored = drafts.getMessage(1);
            assertEquals("Dräft", stored.getSubject());
            MimeMultipart content = (MimeMultipart) stored.getContent();
            assertEquals(2, content.getCount());
            assertEquals("a.bin", content.getBodyPart(1).getFileName());
            assertEquals("text part", ((String) content.getBodyPart(0).getContent()).trim());
            drafts.close(false);
        } finally {
            store.close();
        }
    }
}
