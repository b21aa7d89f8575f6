package org.mailstack.swarmtests;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A line-based TCP conversation on 127.0.0.1 for SMTP (RFC 5321 §4.2: replies of one or more {@code NNN-} lines ending
 * with {@code NNN }) and IMAP (RFC 9051 §2.2.2: untagged lines up to the tagged completion). Every read has a timeout
 * and every loop a bound.
 */
final class LineClient implements Closeable {
    private static final int MAX_LINES = 500;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    LineClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends one line, CRLF added. */
    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line; fails when the peer closed the connection. */
    String line() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed by the peer");
        }
        return line;
    }

    /** One complete SMTP reply, its lines joined with newlines. */
    String smtpReply() throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < MAX_LINES; i++) {
            String line = line();
            reply.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString().strip();
            }
        }
        throw new IOException("SMTP reply longer than " + MAX_LINES + " lines");
    }

    /** Sends an SMTP command and returns its reply. */
    String smtp(String command) throws IOException {
        send(command);
        return smtpReply();
    }

    /** Sends {@code tag + " " + command} and returns every line up to and including the tagged completion. */
    String imap(String tag, String command) throws IOException {
        send(tag + " " + command);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < MAX_LINES; i++) {
            String line = line();
            lines.append(line).append('\n');
            if (line.startsWith(tag + " ")) {
                return lines.toString().strip();
            }
        }
        throw new IOException("no tagged completion for " + tag + " within " + MAX_LINES + " lines");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
