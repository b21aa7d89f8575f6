package org.mailstack.user.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailstack.user.testing.SmtpTalk;
import org.mailstack.user.testing.UserContainerUnderTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The image's IMAP side: a message delivered over SMTP is visible over IMAPS (port 1993, verified against the
 * container's own certificate) after a login with the account's password, checked against the bcrypt hash from
 * the secret file.
 */
@Testcontainers
class ImapLoginIT {
    private static final String PASSWORD = "\"" + UserContainerUnderTest.PASSWORD + "\"";

    @Container
    private static final UserContainerUnderTest CONTAINER =
            new UserContainerUnderTest("imap-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void deliveredMessageIsSeenOverImapsWithTheAccountPassword() throws Exception {
        try (SmtpTalk talk = CONTAINER.relaySession()) {
            assertTrue(talk.sendMail("a@example.org", UserContainerUnderTest.BOX, Messages.numbered(7, 2))
                    .startsWith("250"));
        }
        try (Imaps imap = new Imaps()) {
            assertTrue(imap.lastLine("a1 LOGIN box@bob.example.test \"wrong password\"").startsWith("a1 NO"));
            assertTrue(imap.lastLine("a2 LOGIN box@bob.example.test " + PASSWORD).startsWith("a2 OK"));
            String select = imap.command("a3 SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), select);
            String fetch = imap.command("a4 FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-SEQ DELIVERED-TO)])");
            assertTrue(fetch.contains("X-Seq: 7") && fetch.contains("Delivered-To: box@bob.example.test"), fetch);
        }
    }

    @Test
    void bareUserNameLogsInToo() throws Exception {
        try (Imaps imap = new Imaps()) {
            assertTrue(imap.lastLine("b1 LOGIN bob " + PASSWORD).startsWith("b1 OK"));
        }
    }

    /** One IMAPS session: greeting read, commands return all lines up to their tagged completion. */
    private static final class Imaps implements Closeable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Imaps() throws Exception {
            socket = CONTAINER.trustingItsCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", CONTAINER.getMappedPort(UserContainerUnderTest.IMAPS));
            socket.setSoTimeout(15_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            String greeting = in.readLine();
            assertTrue(greeting != null && greeting.startsWith("* OK"), greeting);
        }

        String command(String command) throws IOException {
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

        String lastLine(String command) throws IOException {
            String all = command(command).strip();
            return all.substring(all.lastIndexOf('\n') + 1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
