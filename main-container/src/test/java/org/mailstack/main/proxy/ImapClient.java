package org.mailstack.main.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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

import javax.net.ssl.SSLSocket;

import org.mailstack.main.tls.ClientTls;

/** A raw IMAP client for proxy conversation tests: send a tagged command, collect lines up to its tagged answer. */
final class ImapClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long compressedRead;

    ImapClient(int port, boolean implicitTls) throws IOException {
        this(port, implicitTls, "127.0.0.1");
    }

    /** Connects from {@code from}, a loopback address other than 127.0.0.1 to stand for another client. */
    ImapClient(int port, boolean implicitTls, String from) throws IOException {
        Socket s = implicitTls ? ClientTls.unverified().createSocket() : new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        attach(s);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /**
     * After a tagged OK to {@code COMPRESS DEFLATE}: raw DEFLATE both ways from here (RFC 4978; {@code java.util.zip}
     * with {@code nowrap}), every write ending in a sync flush.
     */
    void compress() {
        InputStream counting = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                compressedRead += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                compressedRead += Math.max(n, 0);
                return n;
            }
        };
        in = new BufferedInputStream(new InflaterInputStream(counting, new Inflater(true)));
        out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
    }

    /** Octets read off the socket since {@link #compress}. */
    long compressedRead() {
        return compressedRead;
    }

    /** The next line (UTF-8) without its CRLF. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed");
            }
            line.write(c);
        }
        String l = line.toString(StandardCharsets.UTF_8);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends {@code tag + " " + command} and returns every line up to and including the tagged one. */
    List<String> command(String tag, String command) throws IOException {
        write(tag + " " + command + "\r\n");
        return until(tag);
    }

    List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String l = line();
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("no tagged answer");
    }

    static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    void startTls() throws IOException {
        List<String> r = command("s", "STARTTLS");
        if (!last(r).startsWith("s OK")) {
            throw new IOException("STARTTLS refused: " + r);
        }
        SSLSocket s = (SSLSocket) ClientTls.unverified().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.startHandshake();
        attach(s);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
