package org.mailstack.main.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimSignerTest {
    @TempDir
    Path dir;
    static final String MESSAGE = "From: box@alice.example.test\r\nTo: x@elsewhere.example\r\n"
            + "Subject: signed\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n\r\n"
            + "Hello  there \r\n\r\n\r\n";

    static byte[] signed(DkimKeys keys, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new DkimSigner(keys).sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))));
        out.write(message.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static DKIMVerifier verifier(DkimKeys keys) {
        PublicKeyRecordRetriever dns = (method, selector, domain) -> {
            assertEquals(keys.selector(), selector.toString());
            assertEquals(keys.domain(), domain.toString());
            return List.of(keys.dnsRecord());
        };
        return new DKIMVerifier(dns);
    }

    @Test
    void signatureVerifiesAgainstThePublishedRecord() throws Exception {
        DkimKeys keys = DkimKeys.loadOrCreate(dir, "example.test", "mailstack");
        byte[] msg = signed(keys, MESSAGE);
        assertTrue(new String(msg, StandardCharsets.US_ASCII).startsWith("DKIM-Signature:"));
        var records = verifier(keys).verify(new ByteArrayInputStream(msg));
        assertEquals(1, records.size());
        assertEquals("example.test", records.get(0).getDToken().toString());
    }

    @Test
    void relaxedCanonicalisationToleratesWhitespaceChangesButNotContentChanges() throws Exception {
        DkimKeys keys = DkimKeys.loadOrCreate(dir, "example.test", "mailstack");
        String msg = new String(signed(keys, MESSAGE), StandardCharsets.US_ASCII);
        String rewrapped = msg.replace("Subject: signed", "Subject:   signed").replace("Hello  there", "Hello there");
        assertEquals(1, verifier(keys).verify(new ByteArrayInputStream(rewrapped.getBytes(StandardCharsets.US_ASCII)))
                .size());
        String tampered = msg.replace("Hello  there", "Hello thief");
        assertThrows(FailException.class,
                () -> verifier(keys).verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theKeyIsGeneratedOnceAndReloaded() throws Exception {
        DkimKeys first = DkimKeys.loadOrCreate(dir, "example.test", "mailstack");
        DkimKeys again = DkimKeys.loadOrCreate(dir, "example.test", "mailstack");
        assertEquals(first.dnsRecord(), again.dnsRecord());
        byte[] msg = signed(first, MESSAGE);
        assertEquals(1, verifier(again).verify(new ByteArrayInputStream(msg)).size());
    }
}
