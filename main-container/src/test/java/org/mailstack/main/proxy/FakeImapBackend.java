package org.mailstack.main.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A user container's IMAP server as the proxy sees it: STARTTLS, then LOGIN checked against one address and password;
 * after login every command is answered with {@code * ACCOUNT <name>}, so a test sees which account it reached.
 */
final class FakeImapBackend implements AutoCloseable {
    private final ServerSocket server;
    private final String account;
    private final String address;
    private final String password;
    private final SSLContext tls;

    FakeImapBackend(String bindIp, int port, String account, String address, String password, SSLContext tls)
            throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindIp), port));
        this.account = account;
        this.address = address;
        this.password = password;
        this.tls = tls;
        Thread t = new Thread(this::acceptLoop, "fake-imap-" + account);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            plain.setSoTimeout(20_000);
            OutputStream out = plain.getOutputStream();
            InputStream in = new BufferedInputStream(plain.getInputStream());
            send(out, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] fake ready");
            ImapCommandReader r = new ImapCommandReader(in, out);
            ImapCommandReader.Command c = r.read();
            if (c == null || !"STARTTLS".equals(c.name())) {
                return;
            }
            send(out, c.tag() + " OK begin TLS");
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "backend", plain.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            out = s.getOutputStream();
            r = new ImapCommandReader(new BufferedInputStream(s.getInputStream()), out);
            boolean in2 = false;
            while ((c = r.read()) != null) {
                if (!in2) {
                    if ("LOGIN".equals(c.name()) && c.arg(0).equals(address) && c.arg(1).equals(password)) {
                        send(out, c.tag() + " OK [CAPABILITY IMAP4rev1 IDLE] Logged in");
                        in2 = true;
                    } else {
                        send(out, c.tag() + " NO [AUTHENTICATIONFAILED] Authentication failed.");
                    }
                    continue;
                }
                if ("LOGOUT".equals(c.name())) {
                    send(out, "* BYE");
                    send(out, c.tag() + " OK LOGOUT completed");
                    return;
                }
                send(out, "* ACCOUNT " + account);
                send(out, c.tag() + " OK " + c.name() + " completed");
            }
        } catch (IOException e) {
            // the test closed the connection
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
