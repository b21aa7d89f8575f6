package org.mailstack.main.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw-socket SMTP client for conversation tests: send a line, read a (multi-line) reply. */
public final class SmtpConversation implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpConversation(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
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
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) org.mailstack.main.tls.ClientTls.unverified()
                .createSocket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new SmtpConversation(s);
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

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
