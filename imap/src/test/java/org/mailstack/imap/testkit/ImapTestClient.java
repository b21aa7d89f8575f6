package org.mailstack.imap.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A raw-socket IMAP client for conversation tests: sends bytes exactly as given and reads responses line by line,
 * folding literals ({@code {n}}) into the line that announced them. Every read has a socket timeout.
 */
public final class ImapTestClient implements AutoCloseable {
    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tagCounter;
    private CountingInput wireIn;
    private CountingOutput wireOut;

    public ImapTestClient(int port) throws IOException {
        this(connect(port));
    }

    /** A client over a connected socket (a TLS one, say); the greeting is not read yet. */
    public ImapTestClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /**
     * After the tagged OK to {@code COMPRESS DEFLATE}: from here on the client sends and reads raw DEFLATE
     * (RFC 4978, RFC 1951 without zlib header) with {@code java.util.zip}, each send ending in a sync flush. Bytes the
     * server sent already and that sit in the buffer are inflated too.
     */
    public void compress() {
        wireIn = new CountingInput(in);
        wireOut = new CountingOutput(out);
        in = new BufferedInputStream(new InflaterInputStream(wireIn, new Inflater(true)));
        out = new DeflaterOutputStream(wireOut, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
    }

    /** The compressed octets read from the socket since {@link #compress}. */
    public long compressedRead() {
        return wireIn.count;
    }

    /** The compressed octets written to the socket since {@link #compress}. */
    public long compressedWritten() {
        return wireOut.count;
    }

    /** The raw compressed octets read since {@link #compress}, as they came. */
    public byte[] compressedBytesRead() {
        return wireIn.seen.toByteArray();
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

    /** Counts what is read and keeps the first MiB of it. */
    private static final class CountingInput extends FilterInputStream {
        private static final int KEEP = 1024 * 1024;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                if (seen.size() < KEEP) {
                    seen.write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                seen.write(b, off, Math.min(n, Math.max(0, KEEP - seen.size())));
            }
            return n;
        }
    }

    /** Counts what is written. */
    private static final class CountingOutput extends FilterOutputStream {
        private long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
