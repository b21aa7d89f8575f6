package org.mailstack.main.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative-only DNS server on 127.0.0.1 (UDP, ephemeral port) for a test's own names: it answers from what
 * the test put in, NXDOMAIN for every other name, and never asks anyone else. A program under test pointed at it
 * (rspamd's {@code dns.nameserver}) therefore sends no query past this machine. Every question is recorded.
 * <p>
 * TXT values longer than 255 octets (a 2048-bit DKIM key) are served as several character-strings of one record
 * (RFC 1035 section 3.3.14; RFC 6376 section 3.6.2.2: the verifier joins them). Answers fit 512 octets, or the
 * size the question's EDNS0 OPT record offers (RFC 6891), with an OPT record of their own; a larger one is
 * truncated with TC set.
 * <p>
 * {@link #main} runs it on its own (in a container beside a deployed stack): {@code TestDns ADDRESS:PORT FILE}, the
 * file holding one TXT record a line, {@code name<TAB>text}; every question is printed on standard output.
 */
public final class TestDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> names = ConcurrentHashMap.newKeySet();
    public final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public TestDns() throws SocketException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A server on {@code bind} (UDP). */
    public TestDns(InetSocketAddress bind) throws SocketException {
        socket = new DatagramSocket(bind);
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Adds a TXT record (SPF, DMARC, DKIM key) for {@code name}: {@code text} (ASCII) as one character-string, or
     * cut into strings of 255 octets when it is longer.
     */
    public TestDns txt(String name, String text) throws TextParseException {
        Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        if (strings.isEmpty()) {
            strings.add("");
        }
        names.add(n);
        records.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(new TXTRecord(n, DClass.IN, 60, strings));
        return this;
    }

    /**
     * Serves the TXT records of {@code FILE} ({@code name<TAB>text} a line; empty lines and lines starting with
     * {@code #} are skipped) on the UDP address {@code ADDRESS:PORT} until killed, printing every question.
     */
    public static void main(String... args) throws Exception {
        if (args.length != 2 || args[0].lastIndexOf(':') < 1) {
            System.err.println("usage: TestDns ADDRESS:PORT RECORDS-FILE");
            System.exit(2);
        }
        int colon = args[0].lastIndexOf(':');
        TestDns dns = new TestDns(new InetSocketAddress(InetAddress.getByName(args[0].substring(0, colon)),
                Integer.parseInt(args[0].substring(colon + 1))));
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.US_ASCII)) {
            int tab = line.indexOf('\t');
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (tab < 1) {
                throw new IllegalArgumentException("not name<TAB>text: " + line);
            }
            dns.txt(line.substring(0, tab), line.substring(tab + 1));
        }
        dns.printQuestions = true;
        System.out.println("test DNS on " + args[0] + " with " + dns.names.size() + " names");
        System.out.flush();
        dns.thread.join();
    }

    private volatile boolean printQuestions;

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                byte[] answer = answer(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(byte[] query) {
        Message q;
        try {
            q = new Message(query);
        } catch (IOException e) {
            return null;
        }
        Record question = q.getQuestion();
        if (question == null) {
            return null;
        }
        String asked = question.getName() + " " + Type.string(question.getType());
        questions.add(asked);
        if (printQuestions) {
            System.out.println("question " + asked);
            System.out.flush();
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        r.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!names.contains(name)) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            for (Record rec : records.getOrDefault(name, List.of())) {
                if (rec.getType() == question.getType() || question.getType() == Type.ANY) {
                    r.addRecord(rec, Section.ANSWER);
                }
            }
        }
        int max = 512;
        OPTRecord edns = q.getOPT();
        if (edns != null) {
            max = Math.max(512, Math.min(4096, edns.getPayloadSize()));
            r.addRecord(new OPTRecord(max, 0, 0), Section.ADDITIONAL);
        }
        return r.toWire(max);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
