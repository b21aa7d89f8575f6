package org.mailstack.system;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw SMTP conversation over a socket: send a line, read the (possibly multi-line) reply. */
final class SmtpClient implements Closeable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    SmtpClient(String host, int port) throws IOException {
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** Reads one reply; returns all its lines joined by '\n'. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + reply);
            }
            reply.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** Sends a message body after DATA's 354, dot-stuffed, and returns the final reply. */
    String data(String message) throws IOException {
        String go = send("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            body.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        body.append(".\r\n");
        out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
