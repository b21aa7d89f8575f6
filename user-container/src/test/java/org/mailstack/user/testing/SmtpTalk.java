package org.mailstack.user.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A raw SMTP client for tests: sends exact bytes (so framing errors can be provoked) and reads one reply at a time,
 * multi-line replies joined with '\n'. Every read has a timeout.
 */
public final class SmtpTalk implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public SmtpTalk(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Opens a session, reads the banner and says EHLO; returns the EHLO reply. */
    public static SmtpTalk open(String host, int port) throws IOException {
        SmtpTalk talk = new SmtpTalk(host, port);
        String banner = talk.reply();
        if (!banner.startsWith("220")) {
            talk.close();
            throw new IOException("unexpected banner: " + banner);
        }
        talk.command("EHLO test.client");
        return talk;
    }

    /** Authenticates as the relay with AUTH PLAIN; returns the reply. */
    public String authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /** Sends one command line (CRLF appended) and returns the reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Sends raw text as ISO-8859-1 bytes, exactly as given. */
    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * MAIL, RCPT, DATA and the message (dot-stuffed here; it must use CRLF line ends); returns the final reply, or
     * the first refusal.
     */
    public String sendMail(String from, String to, String message) throws IOException {
        String reply = command("MAIL FROM:<" + from + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = command("RCPT TO:<" + to + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = command("DATA");
        if (!reply.startsWith("354")) {
            return reply;
        }
        String body = message.endsWith("\r\n") ? message : message + "\r\n";
        send(body.replace("\r\n.", "\r\n..") + ".\r\n");
        return reply();
    }

    /** Stops sending (a half close): the server reads the end of the stream, replies can still be read. */
    public void stopSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one complete reply; null when the server closed the connection. */
    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return all.length() == 0 ? null : all.toString();
            }
            if (all.length() > 0) {
                all.append('\n');
            }
            all.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString();
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = buffer.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            buffer.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
