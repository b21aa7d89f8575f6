package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;

/**
 * The image's IMAP side: a message delivered over SMTP is visible over IMAPS (port 1993) after a login with the
 * account's password, checked against the bcrypt hash from the secret file.
 */
class ImapLoginIT {
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("imap-" + UUID.randomUUID().toString().substring(0, 8));

    @BeforeAll
    static void start() {
        CONTAINER.start();
    }

    @AfterAll
    static void stop() {
        CONTAINER.stop();
    }

    @Test
    void deliveredMessageIsSeenOverImapsWithTheAccountPassword() throws Exception {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(7, 2))
                    .startsWith("250"));
        }
        try (Socket socket = trustingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS))) {
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("* OK"));
            assertTrue(tagged(in, out, "a1 LOGIN box@bob.example.test \"wrong password\"").startsWith("a1 NO"));
            assertTrue(tagged(in, out, "a2 LOGIN box@bob.example.test \"" + UserContainerUnderTest.PASSWORD + "\"")
                    .startsWith("a2 OK"));
            String select = untaggedAndTagged(in, out, "a3 SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), select);
            String fetch = untaggedAndTagged(in, out, "a4 FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-SEQ DELIVERED-TO)])");
            assertTrue(fetch.contains("X-Seq: 7") && fetch.contains("Delivered-To: box@bob.example.test"), fetch);
            tagged(in, out, "a5 LOGOUT");
        }
    }

    @Test
    void bareUserNameLogsInToo() throws Exception {
        try (Socket socket = trustingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS))) {
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            assertTrue(tagged(in, out, "b1 LOGIN bob \"" + UserContainerUnderTest.PASSWORD + "\"").startsWith("b1 OK"));
        }
    }

    /** Sends a command and returns its tagged completion line, skipping untagged lines. */
    private static String tagged(BufferedReader in, OutputStream out, String command) throws IOException {
        String all = untaggedAndTagged(in, out, command);
        return all.substring(all.lastIndexOf('\n', all.length() - 2) + 1).strip();
    }

    private static String untaggedAndTagged(BufferedReader in, OutputStream out, String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' ') + 1);
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String line = in.readLine();
            if (line == null) {
                break;
            }
            all.append(line).append('\n');
            if (line.startsWith(tag)) {
                break;
            }
        }
        return all.toString();
    }

    /** The container's certificate is self-signed and generated at its first start; the test trusts it blindly. */
    private static SSLContext trustingAnyCertificate() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
