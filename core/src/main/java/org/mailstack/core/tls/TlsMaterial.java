package org.mailstack.core.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's TLS certificate and key from a directory holding {@code fullchain.pem} (leaf first) and
 * {@code privkey.pem} (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted), the layout certbot writes.
 *
 * <p>{@link #sslContext()}, {@link #keyManager()} and {@link #keyManagerFactory()} stay the same objects for the
 * life of this instance; {@link #reload()} swaps the certificate inside them, so new handshakes get the new one and
 * open connections carry on. Callers decide when to reload (SIGUSR1, a file watch, a timer). Thread-safe.
 */
public final class TlsMaterial {
    public static final String CHAIN_FILE = "fullchain.pem";
    public static final String KEY_FILE = "privkey.pem";
    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

    private final Path directory;
    private final ReloadableKeyManager keyManager;
    private final SSLContext sslContext;

    private TlsMaterial(Path directory, KeyMaterial initial) throws TlsMaterialException {
        this.directory = directory;
        this.keyManager = new ReloadableKeyManager(initial);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            this.sslContext = TlsPolicy.server(context);
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new TlsMaterialException("this JVM cannot create a TLS context", e);
        }
    }

    /**
     * Loads {@code fullchain.pem} and {@code privkey.pem} from {@code directory}.
     *
     * @throws TlsMaterialException if a file is missing or unusable, or the key does not match the certificate
     */
    public static TlsMaterial load(Path directory) throws IOException {
        return new TlsMaterial(directory, read(directory, 1));
    }

    /**
     * Loads the PEM files, or, when neither exists, generates a self-signed certificate for {@code hostName}
     * (EC P-256, valid 825 days), writes it there (key mode 0600) and loads it. A directory with only one of the two
     * files is an error: it is never overwritten.
     */
    public static TlsMaterial loadOrGenerate(Path directory, String hostName) throws IOException {
        return loadOrGenerate(directory, hostName, Clock.systemUTC());
    }

    static TlsMaterial loadOrGenerate(Path directory, String hostName, Clock clock) throws IOException {
        boolean chain = Files.exists(directory.resolve(CHAIN_FILE));
        boolean key = Files.exists(directory.resolve(KEY_FILE));
        if (!chain && !key) {
            try {
                SelfSigned.Generated g = SelfSigned.generate(hostName, clock.instant());
                PemFiles.write(directory, CHAIN_FILE, KEY_FILE, List.of(g.certificate()), g.keyPair().getPrivate());
                LOG.info("generated a self-signed certificate for {} in {}", hostName, directory);
            } catch (GeneralSecurityException e) {
                throw new TlsMaterialException("cannot generate a self-signed certificate", e);
            }
        }
        return load(directory);
    }

    /**
     * Reads the files again and, if they form a valid pair, serves them to new handshakes. On failure the current
     * certificate stays in use and the exception says why.
     *
     * @return true if the certificate changed
     */
    public synchronized boolean reload() throws IOException {
        KeyMaterial next = read(directory, keyManager.material().generation() + 1);
        if (next.leaf().equals(keyManager.material().leaf())) {
            return false;
        }
        keyManager.swap(next);
        LOG.info("TLS certificate reloaded from {}: {} valid until {}", directory,
                next.leaf().getSubjectX500Principal().getName(), next.leaf().getNotAfter().toInstant());
        return true;
    }

    private static KeyMaterial read(Path directory, long generation) throws IOException {
        List<X509Certificate> chain = PemFiles.readChain(directory.resolve(CHAIN_FILE));
        PrivateKey key = PemFiles.readKey(directory.resolve(KEY_FILE));
        checkPair(chain.get(0).getPublicKey(), key);
        return new KeyMaterial(generation, chain, key);
    }

    /** Signs and verifies a probe: a certificate with the wrong key would fail every handshake later. */
    private static void checkPair(PublicKey publicKey, PrivateKey key) throws TlsMaterialException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new TlsMaterialException("unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] probe = "mailstack key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(sig)) {
                throw new TlsMaterialException("the private key does not match the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("the private key does not match the certificate", e);
        }
    }

    /** The TLS server context, with {@link TlsPolicy}'s protocols and suites; the same object across reloads. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The reloadable key manager, for frameworks that build their own context. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /**
     * A factory that always hands out {@link #keyManager()} (Netty's {@code SslContextBuilder.forServer(kmf)}). A
     * context built from it does not carry {@link TlsPolicy}: servers use {@link #sslContext()}.
     */
    public KeyManagerFactory keyManagerFactory() {
        return new FixedKeyManagerFactory(keyManager);
    }

    /** The current chain, leaf first. */
    public List<X509Certificate> chain() {
        return keyManager.material().chain();
    }

    /** The current leaf certificate. */
    public X509Certificate certificate() {
        return keyManager.material().leaf();
    }

    /** When the current certificate expires (for a metric such as {@code mailstack_tls_cert_expiry_seconds}). */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** Whether the current certificate signed itself. */
    public boolean isSelfSigned() {
        X509Certificate c = certificate();
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    public Path directory() {
        return directory;
    }

    private static final class FixedKeyManagerFactory extends KeyManagerFactory {
        FixedKeyManagerFactory(X509ExtendedKeyManager km) {
            super(new Spi(km), null, "mailstack");
        }
    }

    private static final class Spi extends KeyManagerFactorySpi {
        private final KeyManager[] managers;

        Spi(X509ExtendedKeyManager km) {
            this.managers = new KeyManager[] {km};
        }

        @Override
        protected void engineInit(KeyStore ks, char[] password) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {
        }

        @Override
        protected KeyManager[] engineGetKeyManagers() {
            return Arrays.copyOf(managers, managers.length);
        }
    }
}
