package org.mailstack.user.testing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain IMAP conversation, one line at a time (commands without literals): for servers allowing plain LOGIN. */
public final class ImapLines implements Closeable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    public ImapLines(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new IOException("no greeting: " + greeting);
        }
    }

    /** Sends one command; returns every line up to and including its tagged answer. */
    public List<String> command(String command) throws IOException {
        String t = "a" + (++tag);
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(t + " ")) {
                return lines;
            }
        }
        throw new IOException("connection closed after " + lines);
    }

    /** The tagged answer of a command, which must be OK. */
    public String ok(String command) throws IOException {
        List<String> lines = command(command);
        String last = lines.get(lines.size() - 1);
        if (!last.contains(" OK")) {
            throw new IOException(command + ": " + lines);
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
