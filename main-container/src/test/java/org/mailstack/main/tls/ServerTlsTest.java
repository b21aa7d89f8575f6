package org.mailstack.main.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedPairIsKeptAcrossRestartsAndAMountedPairReplacesItOnReload() throws Exception {
        ServerTls first = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mail.example.test");
        Instant selfSigned = first.notAfter();
        assertEquals(selfSigned, new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mail.example.test")
                .notAfter(), "the self-signed pair is generated once");
        // an operator drops a Let's Encrypt style pair into the TLS directory (here: another generated one)
        ServerTls other = new ServerTls(dir.resolve("none"), dir.resolve("other-state"), "other.example.test");
        Files.createDirectories(dir.resolve("tls"));
        Files.copy(dir.resolve("other-state/tls-self-signed/fullchain.pem"), dir.resolve("tls/fullchain.pem"));
        Files.copy(dir.resolve("other-state/tls-self-signed/privkey.pem"), dir.resolve("tls/privkey.pem"));
        first.reloadIfChanged();
        assertEquals(other.notAfter(), first.notAfter());
        assertNotEquals(Instant.EPOCH, first.notAfter());
    }
}
