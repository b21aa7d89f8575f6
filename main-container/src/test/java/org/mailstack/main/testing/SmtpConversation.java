package org.mailstack.main.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.mailstack.main.tls.ClientTls;

/** A raw-socket SMTP client for conversation tests: send a line, read a (multi-line) reply. */
public final class SmtpConversation implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private SmtpConversation(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        this.out = s.getOutputStream();
    }

    /** Connects with a 10 s timeout on connect and on every read. */
    public static SmtpConversation open(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(10_000);
        return new SmtpConversation(s);
    }

    /** Connects with implicit TLS (no certificate check: the test's own self-signed server). */
    public static SmtpConversation openTls(String host, int port) throws IOException {
        return openTls(host, port, "127.0.0.1");
    }

    /** Connects with implicit TLS from {@code from}, another loopback address standing for another client. */
    public static SmtpConversation openTls(String host, int port, String from) throws IOException {
        SSLSocket s = (SSLSocket) ClientTls.unverified()
                .createSocket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new SmtpConversation(s);
    }

    /**
     * Sends STARTTLS and, on its 220, makes the TLS handshake over this connection (no certificate check; the
     * client's protocols and suites as {@code configure} sets them); returns the reply to STARTTLS.
     */
    public String startTls(Consumer<SSLSocket> configure) throws IOException {
        String reply = send("STARTTLS");
        if (reply.startsWith("220")) {
            handshake(configure);
        }
        return reply;
    }

    /** The TLS handshake over this connection, once the server said 220 to STARTTLS. */
    public void handshake(Consumer<SSLSocket> configure) throws IOException {
        SSLSocket tls = (SSLSocket) ClientTls.unverified()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        configure.accept(tls);
        tls.startHandshake();
        use(tls);
    }

    /** {@link #startTls(java.util.function.Consumer)} with the JDK's client defaults. */
    public String startTls() throws IOException {
        return startTls(tls -> { });
    }

    /** Reads one reply; multi-line replies are joined with '\n'. */
    public String reply() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after: " + sb);
            }
            sb.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return sb.toString();
            }
            sb.append('\n');
        }
    }

    /** Sends {@code line} + CRLF and returns the reply. */
    public String send(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    /** Writes raw text, no CRLF added, no reply read. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Whether the server closed the connection without a further reply (waits up to the read timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Stops sending (a half close): the server reads the end of the stream, this side can still read. */
    public void stopSending() throws IOException {
        socket.shutdownOutput();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
