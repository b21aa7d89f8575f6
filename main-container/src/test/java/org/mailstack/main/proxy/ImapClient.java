package org.mailstack.main.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.mailstack.main.tls.ClientTls;

/** A raw IMAP client for proxy conversation tests: send a tagged command, collect lines up to its tagged answer. */
final class ImapClient implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

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
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
    }

    String line() throws IOException {
        String l = in.readLine();
        if (l == null) {
            throw new IOException("closed");
        }
        return l;
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
