package org.mailstack.imap.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.imap.testkit.StrictResponseReader.Response;

/**
 * A client that parses every response with {@link StrictResponseReader}: any framing error fails the read with
 * {@link StrictResponseReader.MalformedResponseException}. Every read has a socket timeout.
 */
public final class StrictImapClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final StrictResponseReader reader;
    private int tagCounter;

    public StrictImapClient(int port) throws IOException {
        this(port, 0);
    }

    /** A client whose socket asks for a receive buffer of {@code receiveBuffer} octets (0: the system's). */
    public StrictImapClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        reader = new StrictResponseReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    /** Connects, reads the greeting and logs in as the test user. */
    public static StrictImapClient loggedIn(int port) throws IOException {
        return loggedIn(new StrictImapClient(port));
    }

    /** Reads the greeting of a connected client and logs it in as the test user. */
    public static StrictImapClient loggedIn(StrictImapClient c) throws IOException {
        Response greeting = c.reader.read();
        if (greeting == null || !greeting.kind().equals("OK")) {
            throw new IOException("no greeting: " + greeting);
        }
        c.expectOk("LOGIN " + TestImapServer.USER + " " + TestImapServer.PASSWORD);
        return c;
    }

    /** Sends {@code tag command CRLF} and returns the responses up to the tagged one, which is last. */
    public List<Response> command(String command) throws IOException {
        String tag = "s" + (++tagCounter);
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readUntil(tag);
    }

    /** As {@link #command}, failing unless the tagged response is OK. */
    public List<Response> expectOk(String command) throws IOException {
        List<Response> r = command(command);
        if (!tagged(r).kind().equals("OK")) {
            throw new IOException(command + " failed: " + r);
        }
        return r;
    }

    /** APPEND with a non-synchronising literal (LITERAL+, RFC 7888). */
    public List<Response> append(String mailbox, byte[] message) throws IOException {
        String tag = "s" + (++tagCounter);
        out.write((tag + " APPEND " + mailbox + " {" + message.length + "+}\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(message);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntil(tag);
    }

    /** APPEND with a synchronising literal8 (RFC 3516 section 4.4): the bytes follow the server's go-ahead. */
    public List<Response> appendBinary(String mailbox, byte[] message) throws IOException {
        String tag = "s" + (++tagCounter);
        out.write((tag + " APPEND " + mailbox + " ~{" + message.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        Response go = reader.read();
        if (go == null || !go.tag().equals("+")) {
            throw new IOException("no continuation for the literal8: " + go);
        }
        out.write(message);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntil(tag);
    }

    /** Sends raw octets (a command of the test's own tag, or a line for a continuation). */
    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads the next response, whatever it is (unsolicited ones between commands); null at the end of stream. */
    public Response read() throws IOException {
        return reader.read();
    }

    /** Accepts UTF-8 in quoted strings from now on: call after ENABLE IMAP4rev2 (RFC 9051 section 9). */
    public void rev2() {
        reader.utf8Quoted(true);
    }

    /** The socket, for tests that change its timeout or buffers. */
    public Socket socket() {
        return socket;
    }

    private List<Response> readUntil(String tag) throws IOException {
        List<Response> lines = new ArrayList<>();
        while (true) {
            Response r = reader.read();
            if (r == null) {
                throw new IOException("connection closed; got " + lines);
            }
            lines.add(r);
            if (r.tag().equals(tag)) {
                return lines;
            }
            if (r.isTagged()) {
                throw new StrictResponseReader.MalformedResponseException("tag " + r.tag() + " while waiting for "
                        + tag + ": " + r);
            }
        }
    }

    public static Response tagged(List<Response> responses) {
        return responses.get(responses.size() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
