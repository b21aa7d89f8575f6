package org.mailstack.mailctl.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    /** A file entry: header, data, padding. */
    static byte[] file(String name, String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(TarWriter.fileHeader(name, bytes.length, 0));
        out.writeBytes(bytes);
        out.writeBytes(new byte[TarReader.padding(bytes.length)]);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsEntriesTheirDataAndTheEnd() throws IOException {
        byte[] tar = concat(TarWriter.header("box/", '5', 0, "", 02770, 0), file("box/a", "hello"),
                TarWriter.header("box/l", '2', 0, "a", 0777, 0), file("box/b", "x".repeat(600)), TarWriter.end());
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        TarEntry dir = r.next();
        assertEquals(new TarEntry("box/", '5', 0, "", 02770), dir);
        TarEntry a = r.next();
        assertEquals(1024, r.position(), "the data's offset");
        assertEquals("hello", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("a", r.next().linkName());
        TarEntry b = r.next();
        assertEquals(600, b.size());
        assertTrue(a.isFile() && b.isFile());
        assertNull(r.next(), "b's data is skipped unread");
        r.requireEnd();
    }

    @Test
    void paxAndGnuLongNamesAndBase256SizesAreApplied() throws IOException {
        String longName = "box/Maildir/" + "f".repeat(150);
        byte[] paxData = paxRecord("path", longName);
        byte[] gnuName = (longName + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] big = TarWriter.fileHeader("big", 077777777777L + 1, 0);
        assertEquals((byte) 0x80, big[124]);
        byte[] tar = concat(TarWriter.header("PaxHeaders/x", 'x', paxData.length, "", 0644, 0), paxData,
                new byte[TarReader.padding(paxData.length)], file("short", "1"),
                TarWriter.header("././@LongLink", 'L', gnuName.length, "", 0644, 0), gnuName,
                new byte[TarReader.padding(gnuName.length)], file("cut", "2"));
        TarReader r = new TarReader(new ByteArrayInputStream(concat(tar, big)));
        assertEquals(longName, r.next().name());
        assertEquals(longName, r.next().name());
        assertEquals(077777777777L + 1, r.next().size());
    }

    static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + 1;
        while (Integer.toString(length).length() + body.length() != length) {
            length++;
        }
        return (length + body).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anArchiveCutAnywhereFailsInsteadOfEndingQuietly() throws IOException {
        byte[] whole = concat(file("box/a", "x".repeat(700)), file("box/b", "y"), TarWriter.end());
        for (int cut : new int[] {0, 100, 512, 800, 1536, 2047, 2048, 2560, 3072, 3583}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThrows(TarFormatException.class, () -> readAll(part), "cut at " + cut);
        }
        readAll(whole);
    }

    @Test
    void bytesThatAreNoTarAreRefused() {
        byte[] text = "From: someone\r\n\r\nnot a tar".repeat(40).getBytes(StandardCharsets.US_ASCII);
        TarFormatException e = assertThrows(TarFormatException.class, () -> readAll(text));
        assertTrue(e.getMessage().contains("no valid tar header at byte 0"), e.getMessage());
        byte[] damaged = file("box/a", "hello");
        damaged[3] ^= 1;
        assertThrows(TarFormatException.class, () -> readAll(damaged));
    }

    @Test
    void firstFileIsTheArchiveApisAnswerForOnePath() {
        byte[] tar = concat(TarWriter.header("d/", '5', 0, "", 0755, 0), file("d/key.txt", "k=v"), TarWriter.end());
        assertArrayEquals("k=v".getBytes(StandardCharsets.US_ASCII),
                TarReader.firstFile(new ByteArrayInputStream(tar), 100).orElseThrow());
        assertEquals(Optional.empty(), TarReader.firstFile(new ByteArrayInputStream(tar), 2), "too big");
        assertEquals(Optional.empty(), TarReader.firstFile(new ByteArrayInputStream(new byte[10]), 100));
    }

    private static void readAll(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        while (r.next() != null) {
            r.content().readAllBytes();
        }
        r.requireEnd();
    }
}
