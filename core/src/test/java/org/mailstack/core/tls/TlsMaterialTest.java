package org.mailstack.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void generatesAndPersistsASelfSignedPairWhenAbsent() throws Exception {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        TlsMaterial tls = TlsMaterial.loadOrGenerate(dir, "mail.example.test", Clock.fixed(now, ZoneOffset.UTC));
        assertTrue(tls.isSelfSigned());
        assertEquals(now.plus(SelfSigned.VALIDITY).getEpochSecond(), tls.notAfter().getEpochSecond());
        assertTrue(tls.certificate().getSubjectX500Principal().getName().contains("CN=mail.example.test"));
        assertTrue(tls.certificate().getSubjectAlternativeNames().stream()
                .anyMatch(san -> san.get(1).equals("mail.example.test")));
        assertTrue(Files.readString(dir.resolve(TlsMaterial.KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve(TlsMaterial.KEY_FILE)));

        TlsMaterial again = TlsMaterial.loadOrGenerate(dir, "other.example.test");
        assertEquals(tls.certificate(), again.certificate(), "an existing pair is loaded, not replaced");
    }

    /** The directory may be writable by the account's owner, who could plant links at the temporary names. */
    @Test
    void linksAtTheTemporaryNamesAreNeverWrittenThrough() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim"), "not a certificate");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        Files.createSymbolicLink(tls.resolve(TlsMaterial.CHAIN_FILE + ".tmp"), victim);
        Files.createSymbolicLink(tls.resolve(TlsMaterial.KEY_FILE + ".tmp"), outside.resolve("stolen-key"));

        TlsMaterial.loadOrGenerate(tls, "mail.example.test");

        assertEquals("not a certificate", Files.readString(victim));
        assertFalse(Files.exists(outside.resolve("stolen-key"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(tls.resolve(TlsMaterial.KEY_FILE), LinkOption.NOFOLLOW_LINKS));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(tls.resolve(TlsMaterial.KEY_FILE)));
    }

    /** Keys as openssl writes them: {@code EC PRIVATE KEY} (SEC1) and {@code RSA PRIVATE KEY} (PKCS#1). */
    @Test
    void loadsPkcs1RsaAndSec1EcKeysWrittenByOpenssl() throws Exception {
        for (String name : new String[] {"rsa-pkcs1", "ec-sec1"}) {
            Path d = dir.resolve(name);
            Files.createDirectories(d);
            for (String f : List.of(TlsMaterial.CHAIN_FILE, TlsMaterial.KEY_FILE)) {
                try (InputStream in = getClass().getResourceAsStream("/tls/" + name + "/" + f)) {
                    Files.copy(in, d.resolve(f));
                }
            }
            String algorithm = name.startsWith("rsa") ? "RSA" : "EC";
            assertTrue(Files.readString(d.resolve(TlsMaterial.KEY_FILE)).contains("BEGIN " + algorithm + " PRIVATE KEY"));
            TlsMaterial tls = TlsMaterial.load(d);
            assertTrue(tls.isSelfSigned());
            assertEquals(algorithm, tls.keyManager().getPrivateKey(
                    tls.keyManager().chooseServerAlias(algorithm, null, null)).getAlgorithm());
            assertEquals(null, tls.keyManager().chooseServerAlias(algorithm.equals("RSA") ? "EC" : "RSA", null, null));
        }
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheCertificate() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        TlsMaterial.loadOrGenerate(a, "a.test");
        TlsMaterial.loadOrGenerate(b, "b.test");
        Files.copy(b.resolve(TlsMaterial.KEY_FILE), a.resolve(TlsMaterial.KEY_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> TlsMaterial.load(a));
        assertTrue(e.getMessage().contains("does not match"));
    }

    @Test
    void halfAPairIsAnErrorAndNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve(TlsMaterial.CHAIN_FILE), "not a certificate");
        assertThrows(TlsMaterialException.class, () -> TlsMaterial.loadOrGenerate(dir, "x.test"));
        assertEquals("not a certificate", Files.readString(dir.resolve(TlsMaterial.CHAIN_FILE)));
        assertFalse(Files.exists(dir.resolve(TlsMaterial.KEY_FILE)));
    }

    @Test
    void reloadServesTheNewCertificateToNewHandshakesWithoutDroppingOpenConnections() throws Exception {
        TlsMaterial tls = TlsMaterial.loadOrGenerate(dir, "old.test");
        SSLContext context = tls.sslContext();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20_000);
            Future<?> serving = pool.submit(() -> {
                for (int i = 0; i < 2; i++) {
                    SSLSocket s = (SSLSocket) server.accept();
                    pool.submit(() -> echo(s));
                }
                return null;
            });
            try (SSLSocket first = connect(server.getLocalPort())) {
                assertEquals("CN=old.test", peer(first).getSubjectX500Principal().getName());
                assertEquals('a', roundTrip(first, 'a'));

                Path fresh = dir.resolve("fresh");
                TlsMaterial.loadOrGenerate(fresh, "new.test");
                for (String f : List.of(TlsMaterial.KEY_FILE, TlsMaterial.CHAIN_FILE)) {
                    Files.copy(fresh.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
                assertTrue(tls.reload());
                assertFalse(tls.reload(), "same files: nothing changes");
                assertSame(context, tls.sslContext());

                try (SSLSocket second = connect(server.getLocalPort())) {
                    assertEquals("CN=new.test", peer(second).getSubjectX500Principal().getName());
                    assertEquals('b', roundTrip(second, 'b'));
                }
                assertEquals('c', roundTrip(first, 'c'), "the open connection still works");
                assertEquals("CN=new.test", tls.certificate().getSubjectX500Principal().getName());
            }
            serving.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedReloadKeepsTheCurrentCertificate() throws Exception {
        TlsMaterial tls = TlsMaterial.loadOrGenerate(dir, "keep.test");
        X509Certificate before = tls.certificate();
        Files.writeString(dir.resolve(TlsMaterial.CHAIN_FILE), "garbage");
        assertThrows(TlsMaterialException.class, tls::reload);
        assertEquals(before, tls.certificate());
        assertNotEquals(null, tls.keyManagerFactory().getKeyManagers()[0]);
        assertTrue(tls.notAfter().isAfter(Instant.now().plus(Duration.ofDays(800))));
    }

    private static void echo(SSLSocket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                out.flush();
            }
        } catch (Exception e) {
            // the client closed
        }
    }

    private static SSLSocket connect(int port) throws Exception {
        SSLSocket s = (SSLSocket) TlsProbes.anyServer().createSocket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(20_000);
        s.startHandshake();
        return s;
    }

    private static X509Certificate peer(SSLSocket s) throws Exception {
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }

    private static char roundTrip(SSLSocket s, char c) throws Exception {
        s.getOutputStream().write(String.valueOf(c).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return (char) s.getInputStream().read();
    }
}
