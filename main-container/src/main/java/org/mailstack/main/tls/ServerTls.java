package org.mailstack.main.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.mailstack.core.tls.TlsMaterial;
import org.mailstack.core.tls.TlsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners' certificate, from core's {@link TlsMaterial}: {@code fullchain.pem} + {@code privkey.pem} in the TLS
 * directory (the Let's Encrypt layout, mounted read-only), else a self-signed pair generated once in the state
 * volume. The {@link SSLContext} given to the listeners delegates to whichever material is current, so a reload, or
 * a pair appearing in the TLS directory later, changes the certificate for new handshakes without closing open
 * connections.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    private final Path dir;
    private final Path selfSignedDir;
    private final String hostname;
    private final AtomicReference<TlsMaterial> current = new AtomicReference<>();
    private final SSLContext context;
    private volatile FileTime mountedStamp = FileTime.fromMillis(0);

    public ServerTls(Path dir, Path stateDir, String hostname) throws IOException, GeneralSecurityException {
        this.dir = dir;
        this.selfSignedDir = stateDir.resolve("tls-self-signed");
        this.hostname = hostname;
        reload();
        SSLContext base = SSLContext.getInstance("TLS");
        base.init(new KeyManager[] {new Delegating()}, null, null);
        context = TlsPolicy.server(base);
    }

    /**
     * The server context of every listener (SMTP, submission, IMAP proxy, webmail): its key manager always serves
     * the current material, and core's {@link TlsPolicy} sets its protocols and suites.
     */
    public SSLContext context() {
        return context;
    }

    /** Not-after of the serving certificate (for the expiry metric). */
    public Instant notAfter() {
        return current.get().notAfter();
    }

    /** Re-reads the mounted pair, or keeps (or makes) the self-signed one; a broken pair leaves the old one in use. */
    public synchronized void reload() throws IOException {
        boolean mounted = Files.isReadable(dir.resolve(TlsMaterial.CHAIN_FILE))
                && Files.isReadable(dir.resolve(TlsMaterial.KEY_FILE));
        TlsMaterial now = current.get();
        if (mounted) {
            FileTime stamp = Files.getLastModifiedTime(dir.resolve(TlsMaterial.CHAIN_FILE));
            if (now != null && now.directory().equals(dir)) {
                now.reload();
            } else {
                current.set(TlsMaterial.load(dir));
            }
            mountedStamp = stamp;
        } else if (now == null) {
            current.set(TlsMaterial.loadOrGenerate(selfSignedDir, hostname));
        }
        LOG.info("TLS certificate {} in use, valid until {}",
                current.get().certificate().getSubjectX500Principal().getName(), notAfter());
    }

    /** Reloads when the mounted PEM files appeared or changed since the last load (polled by the caller). */
    public void reloadIfChanged() {
        try {
            Path chain = dir.resolve(TlsMaterial.CHAIN_FILE);
            if (Files.isReadable(chain) && !Files.getLastModifiedTime(chain).equals(mountedStamp)) {
                reload();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("TLS reload failed, keeping the current certificate: {}", e.toString());
        }
    }

    /** Key manager that asks the current material each time: the point of reloading without a restart. */
    private final class Delegating extends X509ExtendedKeyManager {
        private X509ExtendedKeyManager km() {
            return current.get().keyManager();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return km().getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return km().chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return km().getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return km().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return km().chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return km().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return km().getPrivateKey(alias);
        }
    }
}
