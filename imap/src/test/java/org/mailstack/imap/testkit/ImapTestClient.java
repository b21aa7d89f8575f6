package org.mailstack.imap.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw-socket IMAP client for conversation tests: sends bytes exactly as given and reads responses line by line,
 * folding literals ({@code {n}}) into the line that announced them. Every read has a socket timeout.
 */
public final class ImapTestClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tagCounter;

    public ImapTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** Sends text as UTF-8 bytes, without adding CRLF. */
    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads one response line with any literals inlined (literal bytes decoded as UTF-8); null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                String text = new String(b, 0, len, StandardCharsets.UTF_8);
                int n = literalLength(text);
                if (n < 0) {
                    return text;
                }
                line.reset();
                line.write(b, 0, len);
                line.write('\r');
                line.write('\n');
                line.write(in.readNBytes(n));
                continue;
            }
            line.write(c);
        }
    }

    private static int literalLength(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(open + 1, line.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads lines until one starts with {@code tag + " "}; returns all of them, the tagged one last. */
    public List<String> readUntilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = readLine();
            if (l == null) {
                throw new IOException("connection closed; got " + lines);
            }
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** Sends {@code tag command CRLF} with a fresh tag and returns the responses up to the tagged one. */
    public List<String> command(String command) throws IOException {
        String tag = "t" + (++tagCounter);
        send(tag + " " + command + "\r\n");
        return readUntilTagged(tag);
    }

    /** The tagged line of {@link #command}. */
    public static String tagged(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    public String greeting() throws IOException {
        return readLine();
    }

    public void login() throws IOException {
        greeting();
        String t = tagged(command("LOGIN alice secret"));
        if (!t.contains("OK")) {
            throw new IOException("login failed: " + t);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
