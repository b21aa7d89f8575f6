package org.mailstack.main.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.mailstack.core.auth.OriginProof;
import org.mailstack.main.testing.TestConfigs;

/**
 * A user container's IMAP server as the proxy sees it: STARTTLS, ID with a nonce and the relay's proof of the
 * client's address checked with the account's relay secret (ADR 18), then LOGIN checked against one address and
 * password; after login every command is answered with {@code * ACCOUNT <name>}, so a test sees which account it
 * reached. {@link #vouched} lists the client addresses proven so far, one per connection that proved one.
 */
final class FakeImapBackend implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("(\\S+) ID (.*)");
    private static final Pattern FIELD = Pattern.compile("\"([^\"]*)\" \"([^\"]*)\"");
    private final ServerSocket server;
    private final String account;
    private final String address;
    private final String password;
    private final SSLContext tls;
    private final OriginProof relay;
    final List<InetSocketAddress> vouched = new CopyOnWriteArrayList<>();

    FakeImapBackend(String bindIp, int port, String account, String address, String password, SSLContext tls)
            throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindIp), port));
        this.account = account;
        this.address = address;
        this.password = password;
        this.tls = tls;
        this.relay = new OriginProof(TestConfigs.accountSecret(account));
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
            InputStream tlsIn = new BufferedInputStream(s.getInputStream());
            r = new ImapCommandReader(tlsIn, out);
            boolean in2 = false;
            String nonce = OriginProof.newNonce();
            while ((c = next(r, tlsIn, out, nonce)) != null) {
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

    /** The next command that is not an ID, which is answered here (this reader does not parse ID's list). */
    private ImapCommandReader.Command next(ImapCommandReader r, InputStream in, OutputStream out, String nonce)
            throws IOException {
        while (true) {
            byte[] line = r.readLine();
            if (line == null) {
                return null;
            }
            String text = new String(line, StandardCharsets.UTF_8);
            Matcher id = ID.matcher(text);
            if (!id.matches()) {
                InputStream again = new SequenceInputStream(new ByteArrayInputStream((text + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)), in);
                return new ImapCommandReader(again, out).read();
            }
            Map<String, String> fields = new HashMap<>();
            Matcher pair = FIELD.matcher(id.group(2));
            while (pair.find()) {
                fields.put(pair.group(1), pair.group(2));
            }
            relay.verify(fields, nonce).ifPresent(vouched::add);
            send(out, "* ID (\"name\" \"fake\" \"" + OriginProof.NONCE + "\" \"" + nonce + "\")");
            send(out, id.group(1) + " OK ID completed");
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
