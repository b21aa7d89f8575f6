package org.mailstack.main.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
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
 */
public final class TestDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> names = ConcurrentHashMap.newKeySet();
    public final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public TestDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Adds a TXT record (SPF, DMARC, DKIM key) for {@code name}. */
    public TestDns txt(String name, String text) throws TextParseException {
        Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
        names.add(n);
        records.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(new TXTRecord(n, DClass.IN, 60, text));
        return this;
    }

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
        questions.add(question.getName() + " " + Type.string(question.getType()));
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
        return r.toWire(512);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
