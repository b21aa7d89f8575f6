package org.mailstack.main.submission;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Asks the account's own IMAP server: STARTTLS (RFC 9051 §6.2.1; the container refuses LOGIN in plain text), then
 * {@code LOGIN} (§6.2.3) with the user's credentials; tagged {@code OK} means the password is right, {@code NO} wrong.
 * Credentials go as IMAP literals (§4.3), so no character of a password needs escaping or can break the line.
 */
public final class ImapCredentialCheck implements CredentialCheck {
    private final int port;
    private final SSLSocketFactory tls;
    private final int timeoutMillis;

    public ImapCredentialCheck(int port, SSLSocketFactory tls, int timeoutMillis) {
        this.port = port;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean check(String host, String login, String password) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            ImapLines io = new ImapLines(plain.getInputStream(), plain.getOutputStream());
            if (!io.readLine().startsWith("* OK")) {
                throw new IOException("unexpected IMAP greeting");
            }
            io.write("a1 STARTTLS\r\n");
            if (!io.tagged("a1").startsWith("a1 OK")) {
                throw new IOException("STARTTLS refused");
            }
            try (SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true)) {
                s.setUseClientMode(true);
                s.startHandshake();
                ImapLines tlsIo = new ImapLines(s.getInputStream(), s.getOutputStream());
                byte[] user = login.getBytes(StandardCharsets.UTF_8);
                byte[] pass = password.getBytes(StandardCharsets.UTF_8);
                tlsIo.write("a2 LOGIN {" + user.length + "}\r\n");
                tlsIo.expectContinuation();
                tlsIo.write(user);
                tlsIo.write(" {" + pass.length + "}\r\n");
                tlsIo.expectContinuation();
                tlsIo.write(pass);
                tlsIo.write("\r\n");
                String result = tlsIo.tagged("a2");
                if (result.startsWith("a2 OK")) {
                    tlsIo.write("a3 LOGOUT\r\n");
                    return true;
                }
                return false;
            }
        }
    }

    /** Line-level IMAP I/O for the few commands above. */
    static final class ImapLines {
        private final InputStream in;
        private final OutputStream out;

        ImapLines(InputStream in, OutputStream out) {
            this.in = new BufferedInputStream(in);
            this.out = out;
        }

        void write(String s) throws IOException {
            write(s.getBytes(StandardCharsets.UTF_8));
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    return sb.toString().stripTrailing();
                }
                if (sb.length() > 8192) {
                    throw new IOException("IMAP line too long");
                }
                sb.append((char) c);
            }
            throw new IOException("IMAP connection closed");
        }

        /** Reads until the line tagged {@code tag}; untagged lines are skipped. */
        String tagged(String tag) throws IOException {
            for (int i = 0; i < 100; i++) {
                String line = readLine();
                if (line.startsWith(tag + " ")) {
                    return line;
                }
            }
            throw new IOException("no tagged IMAP response");
        }

        void expectContinuation() throws IOException {
            String line = readLine();
            if (!line.startsWith("+")) {
                throw new IOException("literal refused");
            }
        }
    }
}
