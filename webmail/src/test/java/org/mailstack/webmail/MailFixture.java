package org.mailstack.webmail;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import org.mailstack.webmail.mail.MailEndpoint;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * GreenMail as the users' IMAP server and the submission server, on 127.0.0.1 ephemeral ports, and the webmail in
 * front of it. GreenMail has neither STARTTLS nor AUTH=PLAIN for IMAP: the routes use plain connections and IMAP
 * LOGIN here; submission does use AUTH PLAIN.
 */
final class MailFixture implements AutoCloseable {
    static final String DOMAIN = "example.test";
    static final String ALICE = "box@alice." + DOMAIN;
    static final String BOB = "box@bob." + DOMAIN;
    static final String ALICE_PW = "alice-secret-1";
    static final String BOB_PW = "bob-secret-2";

    final GreenMail greenMail;
    private final boolean ownsGreenMail;
    final Webmail webmail;
    final String baseUrl;

    MailFixture() {
        this(b -> b, null);
    }

    /** @param tls an HTTPS context, or null for plain HTTP */
    MailFixture(UnaryOperator<WebmailConfig.Builder> tweak, SSLContext tls) {
        this(tweak, tls, null);
    }

    /** A second webmail in front of an existing GreenMail ({@code shared}), or a new GreenMail when null. */
    MailFixture(UnaryOperator<WebmailConfig.Builder> tweak, SSLContext tls, GreenMail shared) {
        ownsGreenMail = shared == null;
        if (shared == null) {
            greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
            greenMail.start();
            greenMail.setUser(ALICE, ALICE, ALICE_PW);
            greenMail.setUser(BOB, BOB, BOB_PW);
        } else {
            greenMail = shared;
        }
        int imapPort = greenMail.getImap().getPort();
        int smtpPort = greenMail.getSmtp().getPort();
        WebmailConfig.Builder builder = WebmailConfig.builder()
                .bind("127.0.0.1", 0)
                .mailDomain(DOMAIN)
                .imapRoute(account -> Optional.of(MailEndpoint.plain("127.0.0.1", imapPort)))
                .submissionRoute(account -> MailEndpoint.plain("127.0.0.1", smtpPort))
                .timeouts(Duration.ofMinutes(5), Duration.ofMinutes(30))
                .pageSize(10);
        builder = tls == null ? builder.plainHttpForTests() : builder.https(tls);
        webmail = Webmail.start(tweak.apply(builder).build());
        baseUrl = (tls == null ? "http" : "https") + "://127.0.0.1:" + webmail.port();
    }

    /** Sends a message through GreenMail's SMTP, as another MTA would deliver it. */
    void send(MimeMessage message) {
        try {
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    MimeMessage newMessage(String from, String to, String subject) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        return m;
    }

    void sendText(String from, String to, String subject, String text) throws MessagingException {
        MimeMessage m = newMessage(from, to, subject);
        m.setText(text, "UTF-8");
        send(m);
    }

    void sendHtml(String from, String to, String subject, String html) throws MessagingException {
        MimeMessage m = newMessage(from, to, subject);
        m.setText(html, "UTF-8", "html");
        send(m);
    }

    void sendWithAttachment(String from, String to, String subject, String fileName, String type, byte[] content)
            throws MessagingException {
        MimeMessage m = newMessage(from, to, subject);
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        file.setFileName(fileName);
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(text);
        mixed.addBodyPart(file);
        m.setContent(mixed);
        send(m);
    }

    /** Opens a user's folder directly on GreenMail, to check what the webmail did. */
    Store imap(String user, String password) throws MessagingException {
        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), user, password);
        return store;
    }

    int count(String user, String password, String folder) throws MessagingException {
        try (Store store = imap(user, password)) {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        }
    }

    @Override
    public void close() {
        try {
            webmail.stop();
        } finally {
            if (ownsGreenMail) {
                greenMail.stop();
            }
        }
    }
}
