package org.mailstack.main.tls;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners' certificate: {@code fullchain.pem} + {@code privkey.pem} from the TLS directory (the Let's Encrypt
 * layout), else a self-signed pair kept in the state directory. The {@link SSLContext} holds a key manager that
 * delegates to the current pair, so {@link #reload()} changes the certificate for new handshakes without closing
 * open connections. Local stand-in for {@code core}'s TLS material.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    private final Path dir;
    private final Path selfSignedDir;
    private final String hostname;
    private final AtomicReference<X509ExtendedKeyManager> current = new AtomicReference<>();
    private final AtomicReference<X509Certificate> leaf = new AtomicReference<>();
    private final SSLContext context;
    private volatile FileTime loadedStamp = FileTime.fromMillis(0);

    public ServerTls(Path dir, Path stateDir, String hostname) throws IOException, GeneralSecurityException {
        this.dir = dir;
        this.selfSignedDir = stateDir.resolve("tls-self-signed");
        this.hostname = hostname;
        reload();
        context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new Delegating()}, null, null);
    }

    /** The server context: its key manager always serves the last loaded pair. */
    public SSLContext context() {
        return context;
    }

    /** Not-after of the serving certificate (for the expiry metric). */
    public Instant notAfter() {
        return leaf.get().getNotAfter().toInstant();
    }

    /** Re-reads the PEM pair (or keeps the self-signed one); a broken pair is logged and the old one kept. */
    public synchronized void reload() throws IOException, GeneralSecurityException {
        Path chain = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Path useChain = chain;
        Path useKey = key;
        if (!Files.isReadable(chain) || !Files.isReadable(key)) {
            useChain = selfSignedDir.resolve("fullchain.pem");
            useKey = selfSignedDir.resolve("privkey.pem");
            if (!Files.exists(useChain) || !Files.exists(useKey)) {
                writeSelfSigned(useChain, useKey);
            }
        }
        FileTime stamp = Files.getLastModifiedTime(useChain);
        List<X509Certificate> certs = readChain(useChain);
        PrivateKey pk = readKey(useKey);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", pk, new char[0], certs.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        current.set((X509ExtendedKeyManager) kmf.getKeyManagers()[0]);
        leaf.set(certs.get(0));
        loadedStamp = stamp;
        LOG.info("TLS certificate {} loaded, valid until {}", certs.get(0).getSubjectX500Principal().getName(),
                notAfter());
    }

    /** Reloads when the PEM files changed since the last load (polled by the caller). */
    public void reloadIfChanged() {
        try {
            Path chain = dir.resolve("fullchain.pem");
            if (Files.isReadable(chain) && !Files.getLastModifiedTime(chain).equals(loadedStamp)) {
                reload();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("TLS reload failed, keeping the current certificate: {}", e.toString());
        }
    }

    private static List<X509Certificate> readChain(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                }
            }
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file.getFileName());
        }
        return certs;
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
        }
        throw new GeneralSecurityException("no private key in " + file.getFileName());
    }

    private void writeSelfSigned(Path chain, Path key) throws IOException, GeneralSecurityException {
        Files.createDirectories(chain.getParent());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair kp = gen.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + hostname);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))), name,
                kp.getPublic());
        try {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            writePem(key, kp.getPrivate());
            writePem(chain, cert);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        LOG.info("no certificate in the TLS directory: generated a self-signed pair for {}", hostname);
    }

    private static void writePem(Path file, Object o) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII))) {
            w.writeObject(o);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Key manager that asks the current pair each time: the point of reloading without a restart. */
    private final class Delegating extends X509ExtendedKeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return current.get().getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return current.get().chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return current.get().getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return current.get().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return current.get().chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return current.get().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return current.get().getPrivateKey(alias);
        }
    }
}
