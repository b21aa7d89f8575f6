package org.mailstack.main.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.io.Lines;
import org.mailstack.main.queue.Reply;

/**
 * A minimal SMTP client (RFC 5321) for the relay's own deliveries: implicit TLS (RFC 8314) or STARTTLS (RFC 3207),
 * EHLO, AUTH PLAIN (RFC 4954, RFC 4616) or LOGIN, MAIL, RCPT, DATA with dot-stuffing (RFC 5321 §4.5.2) and line ends
 * normalised to CRLF. One reply per command; no pipelining.
 */
final class SmtpClient implements Closeable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final List<String> extensions = new ArrayList<>();

    private SmtpClient(Socket socket) throws IOException {
        attach(socket);
    }

    /** Connect timeout: a stopped container or a dead MX should fail fast and leave the worker to the next entry. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Connects and returns the client; {@link #reply()} then reads the greeting. */
    static SmtpClient connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, (int) Math.min(CONNECT_TIMEOUT_MILLIS, timeout.toMillis()));
            s.setSoTimeout((int) timeout.toMillis());
            return new SmtpClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = new BufferedOutputStream(s.getOutputStream());
    }

    /** Reads one (possibly multi-line) reply. */
    Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = Lines.read(in, 4096);
            if (line.length() < 3) {
                throw new IOException("malformed reply");
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("malformed reply", e);
            }
            String rest = line.length() > 4 ? line.substring(4) : "";
            lines.add(rest);
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(rest);
            if (line.length() < 4 || line.charAt(3) != '-') {
                lastLines = lines;
                return new Reply(code, text.toString());
            }
        }
    }

    private List<String> lastLines = List.of();

    /** Sends a command line and reads the reply. */
    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** EHLO; remembers the advertised extensions. */
    Reply ehlo(String name) throws IOException {
        Reply r = command("EHLO " + name);
        extensions.clear();
        if (r.success()) {
            for (int i = 1; i < lastLines.size(); i++) {
                extensions.add(lastLines.get(i).toUpperCase(Locale.ROOT));
            }
        }
        return r;
    }

    boolean supports(String extension) {
        String e = extension.toUpperCase(Locale.ROOT);
        return extensions.stream().anyMatch(x -> x.equals(e) || x.startsWith(e + " "));
    }

    /** The SASL mechanisms the last EHLO advertised ({@code AUTH PLAIN LOGIN}, or the old {@code AUTH=PLAIN}). */
    Set<String> authMechanisms() {
        Set<String> m = new LinkedHashSet<>();
        for (String x : extensions) {
            if (x.startsWith("AUTH ") || x.startsWith("AUTH=")) {
                for (String name : x.substring(5).trim().split(" +")) {
                    if (!name.isEmpty()) {
                        m.add(name);
                    }
                }
            }
        }
        return m;
    }

    /** STARTTLS, then the TLS handshake; the caller sends EHLO again (RFC 3207 §4.2). */
    Reply startTls(SSLSocketFactory factory, String host) throws IOException {
        Reply r = command("STARTTLS");
        if (r.code() != 220) {
            return r;
        }
        handshake(factory, host);
        return r;
    }

    /**
     * The TLS handshake over the connection as it is: at once for implicit TLS, after the {@code 220} to STARTTLS.
     * {@code host} is the name the factory may verify. Nothing the server sent before is kept (RFC 3207 §4.2).
     */
    void handshake(SSLSocketFactory factory, String host) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
        extensions.clear();
    }

    /** Whether the connection is encrypted now. */
    boolean encrypted() {
        return socket instanceof SSLSocket;
    }

    /** AUTH PLAIN with an initial response (RFC 4616). */
    Reply authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /**
     * AUTH LOGIN (draft-murchison-sasl-login): the user and the password, each base64 in answer to a {@code 334};
     * for servers that offer no PLAIN. Returns the first reply that is not {@code 334}.
     */
    Reply authLogin(String user, String password) throws IOException {
        Reply r = command("AUTH LOGIN");
        if (r.code() != 334) {
            return r;
        }
        r = command(Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        if (r.code() != 334) {
            return r;
        }
        return command(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** DATA: sends the message (prefix first, e.g. a DKIM-Signature header) dot-stuffed, and returns the final reply. */
    Reply data(byte[] prefix, InputStream message) throws IOException {
        Reply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        DotStuffer stuffer = new DotStuffer(out);
        stuffer.write(prefix, 0, prefix.length);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = message.read(buf)) != -1) {
            stuffer.write(buf, 0, n);
        }
        stuffer.finish();
        out.flush();
        return reply();
    }

    /** QUIT, ignoring any failure: the transaction is already decided. */
    void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the peer may close first
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
