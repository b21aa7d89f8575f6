package org.mailstack.main.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.core.auth.OriginProof;
import org.mailstack.main.io.Lines;

/**
 * The connection to an account's own IMAP server: greeting, STARTTLS (RFC 9051 §6.2.1; the container refuses LOGIN in
 * plain text), the client's address vouched for in ID (RFC 2971, ADR 18), then LOGIN (§6.2.3) under the caller's tag
 * with the credentials as literals (§4.3), so no character of a password needs escaping and the tagged answer can go
 * back to a proxied client unchanged.
 */
public final class ImapBackend implements AutoCloseable {
    /** The backend's answer to the replayed login: its untagged lines and the tagged line. */
    public record LoginResult(boolean ok, List<String> untagged, String tagged) {
    }

    private static final Pattern NONCE = Pattern.compile(
            "^\\* ID .*\"" + Pattern.quote(OriginProof.NONCE) + "\" \"([A-Za-z0-9_-]{16,64})\"");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ImapBackend(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, reads the greeting and upgrades with STARTTLS. */
    public static ImapBackend open(String host, int port, SSLSocketFactory tls, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            ImapBackend b = new ImapBackend(plain);
            if (!b.line().startsWith("* OK")) {
                throw new IOException("unexpected IMAP greeting");
            }
            b.write("p0 STARTTLS\r\n");
            if (!b.tagged("p0", new ArrayList<>()).startsWith("p0 OK")) {
                throw new IOException("backend refused STARTTLS");
            }
            SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
            s.setUseClientMode(true);
            s.startHandshake();
            return new ImapBackend(s);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Tells the account's server which client the coming login is for: asks for this connection's nonce
     * ({@code ID NIL}), then sends the client's address and port with the proof over it. A server that gives no nonce
     * trusts no relay; then nothing more is sent and the login counts under this container's address there.
     */
    public void vouch(OriginProof proof, InetSocketAddress client) throws IOException {
        write("p1 ID NIL\r\n");
        List<String> untagged = new ArrayList<>();
        if (!tagged("p1", untagged).startsWith("p1 OK")) {
            throw new IOException("backend refused ID");
        }
        Optional<String> nonce = untagged.stream().map(NONCE::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst();
        if (nonce.isEmpty()) {
            return;
        }
        String fields = proof.fields(client, nonce.get()).entrySet().stream()
                .map(f -> "\"" + f.getKey() + "\" \"" + f.getValue() + "\"").collect(Collectors.joining(" "));
        write("p2 ID (" + fields + ")\r\n");
        if (!tagged("p2", new ArrayList<>()).startsWith("p2 OK")) {
            throw new IOException("backend refused ID");
        }
    }

    public LoginResult login(String tag, byte[] user, byte[] password) throws IOException {
        write(tag + " LOGIN {" + user.length + "}\r\n");
        continuation();
        out.write(user);
        write(" {" + password.length + "}\r\n");
        continuation();
        out.write(password);
        write("\r\n");
        List<String> untagged = new ArrayList<>();
        String t = tagged(tag, untagged);
        return new LoginResult(t.startsWith(tag + " OK"), untagged, t);
    }

    Socket socket() {
        return socket;
    }

    /** Bytes the backend sent that were buffered while reading the login answer. */
    InputStream input() {
        return in;
    }

    private void continuation() throws IOException {
        if (!line().startsWith("+")) {
            throw new IOException("backend refused a literal");
        }
    }

    private String tagged(String tag, List<String> untagged) throws IOException {
        for (int i = 0; i < 50; i++) {
            String l = line();
            if (l.startsWith(tag + " ")) {
                return l;
            }
            untagged.add(l);
        }
        throw new IOException("no tagged answer from the backend");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String line() throws IOException {
        return Lines.read(in, ImapCommandReader.MAX_LINE);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
