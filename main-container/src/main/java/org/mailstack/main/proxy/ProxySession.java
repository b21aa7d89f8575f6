package org.mailstack.main.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import javax.net.ssl.SSLSocket;

import org.mailstack.core.auth.LoginVerdict;
import org.mailstack.main.account.Account;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.address.AddressRejected;
import org.mailstack.main.address.Destination;
import org.mailstack.main.limits.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the proxy, up to its login: CAPABILITY, NOOP, ID, LOGOUT, STARTTLS (RFC 9051 §6.2.1), LOGIN
 * (§6.2.3) and AUTHENTICATE PLAIN (§6.2.2, RFC 4616). Credentials are accepted only under TLS (LOGINDISABLED before
 * it). The login name {@code box@<user>.<domain>} picks the container; the login limits for this client and account
 * are applied here (ADR 18); the proxy vouches to the container for the client's address, the container checks the
 * password, and its tagged answer goes back to the client. On success the two connections are spliced; the proxy
 * never sees the password again and cannot reach any other account from this session.
 *
 * <p>After the splice the proxy reads nothing: the container's extensions pass as opaque bytes, COMPRESS=DEFLATE
 * (RFC 4978) and the compressed stream after it included, and its {@code CAPABILITY} code in the login answer
 * reaches the client unchanged, so the client is offered exactly what the container offers (ADR 23).
 */
final class ProxySession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxySession.class);
    private static final int PRE_LOGIN_TIMEOUT = 60_000;
    /** Longer than the 29 minutes a client may IDLE (RFC 2177). */
    private static final int SPLICED_TIMEOUT = 31 * 60_000;
    private static final int MAX_COMMANDS = 40;

    private final ProxyContext ctx;
    private final ExecutorService pool;
    private final String protocol;
    private Socket client;
    private boolean tls;
    private InputStream in;
    private OutputStream out;
    private ImapCommandReader reader;

    ProxySession(Socket client, boolean implicitTls, ProxyContext ctx, ExecutorService pool, String protocol) {
        this.client = client;
        this.tls = implicitTls;
        this.ctx = ctx;
        this.pool = pool;
        this.protocol = protocol;
    }

    @Override
    public void run() {
        boolean spliced = false;
        try {
            client.setSoTimeout(PRE_LOGIN_TIMEOUT);
            streams();
            send("* OK [CAPABILITY " + capabilities() + "] " + ctx.hostname() + " IMAP proxy ready");
            for (int i = 0; i < MAX_COMMANDS && !spliced; i++) {
                ImapCommandReader.Command c;
                try {
                    c = reader.read();
                } catch (ImapCommandReader.BadCommand bad) {
                    send(bad.tag + " BAD " + bad.getMessage());
                    continue;
                }
                if (c == null) {
                    return;
                }
                if ("LOGOUT".equals(c.name())) {
                    send("* BYE Logging out");
                    send(c.tag() + " OK LOGOUT completed");
                    return;
                }
                spliced = handle(c);
            }
            if (!spliced) {
                send("* BYE Too many commands before login");
            }
        } catch (IOException e) {
            LOG.debug("IMAP proxy session ended: {}", e.toString());
        } finally {
            if (!spliced) {
                close();
            }
        }
    }

    /** Handles one pre-login command; true once the session is spliced to a backend. */
    private boolean handle(ImapCommandReader.Command c) throws IOException {
        if (c.lists() > 0 && !"ID".equals(c.name())) {
            send(c.tag() + " BAD Unexpected list");
            return false;
        }
        switch (c.name()) {
            case "CAPABILITY" -> {
                send("* CAPABILITY " + capabilities());
                send(c.tag() + " OK CAPABILITY completed");
            }
            case "NOOP" -> send(c.tag() + " OK NOOP completed");
            case "ID" -> {
                send("* ID NIL");
                send(c.tag() + " OK ID completed");
            }
            case "STARTTLS" -> startTls(c.tag());
            case "LOGIN" -> {
                if (!tls) {
                    send(c.tag() + " NO [PRIVACYREQUIRED] Use STARTTLS first");
                } else if (c.args().size() != 2) {
                    send(c.tag() + " BAD LOGIN needs a user name and a password");
                } else {
                    return login(c.tag(), c.arg(0), c.args().get(1));
                }
            }
            case "AUTHENTICATE" -> {
                return authenticate(c);
            }
            default -> send(c.tag() + " BAD Command not allowed before login");
        }
        return false;
    }

    private void startTls(String tag) throws IOException {
        if (tls) {
            send(tag + " BAD TLS already active");
            return;
        }
        send(tag + " OK Begin TLS negotiation now");
        SSLSocket s = (SSLSocket) ctx.serverTls().getSocketFactory()
                .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        client = s;
        tls = true;
        streams();
    }

    private boolean authenticate(ImapCommandReader.Command c) throws IOException {
        if (!tls) {
            send(c.tag() + " NO [PRIVACYREQUIRED] Use STARTTLS first");
            return false;
        }
        if (c.args().isEmpty() || !"PLAIN".equalsIgnoreCase(c.arg(0))) {
            send(c.tag() + " NO [CANNOT] Only AUTHENTICATE PLAIN is supported");
            return false;
        }
        String response;
        if (c.args().size() > 1) {
            response = c.arg(1);
        } else {
            send("+ ");
            byte[] line = reader.readLine();
            if (line == null) {
                return false;
            }
            response = new String(line, StandardCharsets.US_ASCII).trim();
        }
        if ("*".equals(response)) {
            send(c.tag() + " BAD Authentication cancelled");
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            send(c.tag() + " BAD Invalid base64");
            return false;
        }
        String[] parts = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || !(parts[0].isEmpty() || parts[0].equalsIgnoreCase(parts[1]))) {
            send(c.tag() + " NO [AUTHENTICATIONFAILED] Authentication failed");
            return false;
        }
        return login(c.tag(), parts[1], parts[2].getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Routes by login name, applies the login limits, replays the login at the account's container after vouching
     * for the client's address there, and splices on success.
     */
    private boolean login(String tag, String user, byte[] password) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) client.getRemoteSocketAddress();
        String clientKey = ClientAddress.of(peer);
        Optional<Account> account;
        String address;
        try {
            Destination d = ctx.rules().recipient(user, false);
            address = d.address();
            account = d instanceof Destination.Local l ? ctx.accounts().find(l.user().value()) : Optional.empty();
        } catch (AddressRejected e) {
            account = Optional.empty();
            address = null;
        } catch (DirectoryUnavailableException e) {
            send(tag + " NO [UNAVAILABLE] Try again later");
            return false;
        }
        String limitKey = ctx.rules().accountOf(user);
        LoginVerdict verdict = ctx.limiter().before(peer.getAddress(), limitKey);
        if (verdict.refused()) {
            send(tag + " NO [UNAVAILABLE] Too many failed logins, try again later");
            return false;
        }
        try {
            verdict.sleep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (account.isEmpty()) {
            return failed(tag, peer, limitKey);
        }
        ImapBackend backend;
        try {
            backend = ImapBackend.open(account.get().serviceName(), ctx.backendPort(), ctx.backendTls(), 15_000);
        } catch (IOException e) {
            LOG.info("IMAP backend {} unreachable: {}", account.get().serviceName(), e.toString());
            send(tag + " NO [UNAVAILABLE] Mailbox temporarily unavailable");
            return false;
        }
        ImapBackend.LoginResult r;
        try {
            backend.vouch(ctx.relayKey().originProof(account.get().user()), peer);
            r = backend.login(tag, address.getBytes(StandardCharsets.UTF_8), password);
        } catch (IOException e) {
            LOG.info("IMAP login at {} failed: {}", account.get().serviceName(), e.toString());
            backend.close();
            send(tag + " NO [UNAVAILABLE] Mailbox temporarily unavailable");
            return false;
        }
        if (!r.ok()) {
            backend.close();
            if (r.tagged().startsWith(tag + " NO [UNAVAILABLE]")) {
                send(r.tagged());
                return false;
            }
            return failed(tag, peer, limitKey);
        }
        ctx.limiter().succeeded(peer.getAddress(), limitKey);
        for (String u : r.untagged()) {
            send(u);
        }
        send(r.tagged());
        LOG.info("IMAP {} login for {} from {} spliced to {}", protocol, address, clientKey,
                account.get().serviceName());
        client.setSoTimeout(SPLICED_TIMEOUT);
        backend.socket().setSoTimeout(SPLICED_TIMEOUT);
        Splice.run(client, in, backend.socket(), backend.input(), pool);
        return true;
    }

    private boolean failed(String tag, InetSocketAddress peer, String limitKey) throws IOException {
        ctx.limiter().failed(peer.getAddress(), limitKey);
        ctx.metrics().authFailure("imap");
        send(tag + " NO [AUTHENTICATIONFAILED] Authentication failed");
        return false;
    }

    private String capabilities() {
        return tls ? "IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ ID" : "IMAP4rev1 STARTTLS LOGINDISABLED ID";
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(client.getInputStream());
        out = client.getOutputStream();
        reader = new ImapCommandReader(in, out);
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
