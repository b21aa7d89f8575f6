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
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.io.Lines;
import org.mailstack.main.queue.Reply;

/**
 * A minimal SMTP client (RFC 5321) for the relay's own deliveries: EHLO, STARTTLS (RFC 3207), AUTH PLAIN (RFC 4954),
 * MAIL, RCPT, DATA with dot-stuffing (RFC 5321 §4.5.2) and line ends normalised to CRLF. One reply per command;
 * no pipelining.
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

    /** STARTTLS, then the TLS handshake; the caller sends EHLO again (RFC 3207 §4.2). */
    Reply startTls(SSLSocketFactory factory, String host) throws IOException {
        Reply r = command("STARTTLS");
        if (r.code() != 220) {
            return r;
        }
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
        return r;
    }

    /** AUTH PLAIN with an initial response (RFC 4616). */
    Reply authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
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
