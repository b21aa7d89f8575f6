package org.mailstack.main.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.account.AccountName;
import org.mailstack.main.address.NextHop;

class SpoolTest {
    @TempDir
    Path dir;
    final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

    private List<Envelope> commitOne(Spool spool, String body) throws Exception {
        Map<NextHop, List<String>> dest = new LinkedHashMap<>();
        dest.put(new NextHop.Local(AccountName.of("alice")), List.of("box@alice.example.test"));
        dest.put(new NextHop.Remote("elsewhere.example"), List.of("a@elsewhere.example", "b@elsewhere.example"));
        try (Spool.Incoming in = spool.begin()) {
            in.out().write(body.getBytes(StandardCharsets.US_ASCII));
            return spool.commit(in, "sender@example.org", dest, t0);
        }
    }

    @Test
    void committedEntriesSurviveReopeningWithTheirEnvelopeAndBytes() throws Exception {
        List<Envelope> written = commitOne(Spool.open(dir), "Subject: x\r\n\r\nbody\r\n");
        Spool reopened = Spool.open(dir);
        List<Envelope> recovered = reopened.recover();
        assertEquals(written.stream().map(Envelope::id).sorted().toList(),
                recovered.stream().map(Envelope::id).sorted().toList());
        for (Envelope e : recovered) {
            Envelope w = written.stream().filter(x -> x.id().equals(e.id())).findFirst().orElseThrow();
            assertEquals(w, e);
            try (InputStream in = reopened.open(e)) {
                assertArrayEquals("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
            }
        }
    }

    @Test
    void entriesShareTheMessageBytesByHardLink() throws Exception {
        List<Envelope> written = commitOne(Spool.open(dir), "x");
        Path a = dir.resolve("queue").resolve(written.get(0).id() + ".msg");
        Path b = dir.resolve("queue").resolve(written.get(1).id() + ".msg");
        assertEquals(Files.getAttribute(a, "unix:ino"), Files.getAttribute(b, "unix:ino"));
        assertFalse(Files.list(dir.resolve("tmp")).findAny().isPresent(), "tmp/ is empty after commit");
    }

    @Test
    void anAbortedOrHalfWrittenMessageIsNeverRecovered() throws Exception {
        Spool spool = Spool.open(dir);
        try (Spool.Incoming in = spool.begin()) {
            in.out().write("partial".getBytes(StandardCharsets.US_ASCII));
            // closed without commit, as when the client disconnects or the size limit is hit
        }
        // a crash between linking the message and renaming its envelope leaves a .msg without .env
        Files.writeString(dir.resolve("queue").resolve("orphan.0.msg"), "never acknowledged");
        Files.writeString(dir.resolve("tmp").resolve("crashed.msg"), "half");
        Spool reopened = Spool.open(dir);
        assertEquals(List.of(), reopened.recover());
        assertFalse(Files.exists(dir.resolve("queue").resolve("orphan.0.msg")));
        assertFalse(Files.exists(dir.resolve("tmp").resolve("crashed.msg")));
    }

    @Test
    void updateReplacesTheEnvelopeAndRemoveDeletesBothFiles() throws Exception {
        Spool spool = Spool.open(dir);
        Envelope e = commitOne(spool, "x").get(1);
        Envelope retried = e.retryAt(t0.plusSeconds(60), "451 4.4.1 down\r\ninjected", List.of("b@elsewhere.example"));
        spool.update(retried);
        Envelope back = Spool.open(dir).recover().stream().filter(x -> x.id().equals(e.id())).findFirst().orElseThrow();
        assertEquals(1, back.attempts());
        assertEquals(List.of("b@elsewhere.example"), back.recipients());
        assertEquals("451 4.4.1 down  injected", back.lastError());
        spool.remove(back);
        assertEquals(1, Spool.open(dir).recover().size());
        assertFalse(Files.exists(dir.resolve("queue").resolve(e.id() + ".msg")));
        assertTrue(Files.exists(dir.resolve("queue").resolve(commitOne(spool, "y").get(0).id() + ".msg")));
    }

    @Test
    void nullSenderRoundTrips() throws Exception {
        Spool spool = Spool.open(dir);
        Envelope dsn = spool.enqueue("x".getBytes(StandardCharsets.US_ASCII), "", new NextHop.Local(AccountName.of("bob")),
                List.of("box@bob.example.test"), t0);
        assertEquals("", Spool.open(dir).recover().get(0).sender());
        assertEquals(dsn, Spool.open(dir).recover().get(0));
    }

    @Test
    void aRewriteBeforeTheCommitReplacesTheBytesAndLeavesNothingBehindInTmp() throws Exception {
        Spool spool = Spool.open(dir);
        Map<NextHop, List<String>> dest = Map.of(new NextHop.Local(AccountName.of("alice")),
                List.of("box@alice.example.test"));
        List<Envelope> written;
        try (Spool.Incoming in = spool.begin()) {
            in.out().write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream seen = in.written()) {
                assertArrayEquals("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), seen.readAllBytes());
            }
            assertEquals(20, in.size());
            in.rewrite((current, next) -> {
                next.write("X-Spam: Yes\r\n".getBytes(StandardCharsets.US_ASCII));
                current.transferTo(next);
            });
            in.out().write("more\r\n".getBytes(StandardCharsets.US_ASCII));
            written = spool.commit(in, "s@example.org", dest, t0);
        }
        try (InputStream in = spool.open(written.get(0))) {
            assertEquals("X-Spam: Yes\r\nSubject: x\r\n\r\nbody\r\nmore\r\n",
                    new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertFalse(Files.list(dir.resolve("tmp")).findAny().isPresent(), "tmp/ is empty after commit");
    }

    @Test
    void aFailedRewriteKeepsTheMessageAsItWas() throws Exception {
        Spool spool = Spool.open(dir);
        try (Spool.Incoming in = spool.begin()) {
            in.out().write("Subject: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThrowsIo(() -> in.rewrite((current, next) -> {
                next.write('!');
                throw new IOException("disk full");
            }));
            try (InputStream seen = in.written()) {
                assertEquals("Subject: x\r\n", new String(seen.readAllBytes(), StandardCharsets.US_ASCII));
            }
            assertEquals(1, Files.list(dir.resolve("tmp")).count(), "only the message itself in tmp/");
        }
        assertFalse(Files.list(dir.resolve("tmp")).findAny().isPresent(), "closing without commit discards it");
    }

    private static void assertThrowsIo(Executable e) {
        Assertions.assertThrows(IOException.class, e);
    }
}
