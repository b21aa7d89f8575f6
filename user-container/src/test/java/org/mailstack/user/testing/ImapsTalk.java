package org.mailstack.user.testing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;

/** One IMAPS session with a user container, trusting its own certificate: commands return every line up to their tagged one. */
public final class ImapsTalk implements Closeable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public ImapsTalk(UserContainerUnderTest container) throws IOException {
        this(container.trustingItsCertificate(), container.getMappedPort(UserContainerUnderTest.IMAPS));
    }

    /** A session with the IMAPS port {@code port} on 127.0.0.1, trusting what {@code trust} trusts. */
    public ImapsTalk(SSLContext trust, int port) throws IOException {
        socket = trust.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new IOException("no IMAP greeting: " + greeting);
        }
    }

    /** Sends {@code command} (which starts with its tag) and returns all lines up to the tagged one. */
    public String command(String command) throws IOException {
        send(command);
        return untilTagged(command.substring(0, command.indexOf(' ') + 1));
    }

    /** The tagged line that ends {@code command}. */
    public String lastLine(String command) throws IOException {
        String all = command(command).strip();
        return all.substring(all.lastIndexOf('\n') + 1);
    }

    /** APPEND with a synchronising literal; returns all lines up to the tagged one. */
    public String append(String tag, String mailbox, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        send(tag + " APPEND " + mailbox + " {" + body.length + "}");
        String go = in.readLine();
        if (go == null || !go.startsWith("+")) {
            throw new IOException("literal refused: " + go);
        }
        out.write(body);
        send("");
        return untilTagged(tag + " ");
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String untilTagged(String tag) throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String line = in.readLine();
            if (line == null) {
                break;
            }
            all.append(line).append('\n');
            if (line.startsWith(tag)) {
                break;
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
