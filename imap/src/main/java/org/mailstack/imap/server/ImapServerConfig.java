package org.mailstack.imap.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.imap.spi.Authenticator;
import org.mailstack.imap.spi.StoreProvider;

/**
 * Everything {@link ImapServer#start} needs. Build with {@link #builder(Authenticator, StoreProvider)}.
 *
 * @param bindAddress       the address to listen on
 * @param plainPort         the port for plain IMAP with STARTTLS (143-like), 0 for an ephemeral port, -1 for none
 * @param tlsPort           the port for implicit TLS (993-like), 0 for ephemeral, -1 for none
 * @param sslContext        server TLS context; null disables STARTTLS and the TLS port
 * @param allowPlainLogin   allow LOGIN/AUTHENTICATE without TLS (tests and internal links only)
 * @param authenticator     checks passwords
 * @param stores            opens an account's store
 * @param maxLineLength     longest command line accepted (octets)
 * @param maxLiteralSize    largest literal (APPEND message) accepted (octets)
 * @param idleTimeout       autologout timer (RFC 3501 section 5.4: at least 30 minutes)
 * @param loginLimiter      limits failed logins per client and account (ADR 18)
 * @param relayProof        the proof a relay must give to report its client's address in ID; null: trust none
 * @param workerThreads     threads that run commands (disk I/O happens there, not on the network threads)
 * @param greeting          the host name in the greeting
 */
public record ImapServerConfig(InetAddress bindAddress, int plainPort, int tlsPort, SSLContext sslContext,
                               boolean allowPlainLogin, Authenticator authenticator, StoreProvider stores,
                               int maxLineLength, long maxLiteralSize, Duration idleTimeout,
                               LoginLimiter loginLimiter, OriginProof relayProof, int workerThreads,
                               String greeting) {

    public ImapServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(loginLimiter, "loginLimiter");
        if (tlsPort >= 0 && sslContext == null) {
            throw new IllegalArgumentException("a TLS port needs an SSLContext");
        }
    }

    public static Builder builder(Authenticator authenticator, StoreProvider stores) {
        return new Builder(authenticator, stores);
    }

    /**
     * Defaults: 127.0.0.1, ports 1143 and 1993, 64 KiB lines, 64 MiB literals, 30 minutes, the default login limits,
     * no trusted relay.
     */
    public static final class Builder {
        private final Authenticator authenticator;
        private final StoreProvider stores;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int plainPort = 1143;
        private int tlsPort = -1;
        private SSLContext sslContext;
        private boolean allowPlainLogin;
        private int maxLineLength = 64 * 1024;
        private long maxLiteralSize = 64L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private LoginLimiter loginLimiter;
        private OriginProof relayProof;
        private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        private String greeting = "mailstack";

        private Builder(Authenticator authenticator, StoreProvider stores) {
            this.authenticator = authenticator;
            this.stores = stores;
        }

        public Builder bindAddress(InetAddress a) {
            bindAddress = a;
            return this;
        }

        public Builder plainPort(int p) {
            plainPort = p;
            return this;
        }

        public Builder tlsPort(int p) {
            tlsPort = p;
            return this;
        }

        public Builder sslContext(SSLContext c) {
            sslContext = c;
            return this;
        }

        public Builder allowPlainLogin(boolean b) {
            allowPlainLogin = b;
            return this;
        }

        public Builder maxLineLength(int n) {
            maxLineLength = n;
            return this;
        }

        public Builder maxLiteralSize(long n) {
            maxLiteralSize = n;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            idleTimeout = d;
            return this;
        }

        public Builder loginLimiter(LoginLimiter limiter) {
            loginLimiter = limiter;
            return this;
        }

        /** Lets a relay that proves itself with {@code proof} report the address of the client it logs in for. */
        public Builder relayProof(OriginProof proof) {
            relayProof = proof;
            return this;
        }

        public Builder workerThreads(int n) {
            workerThreads = n;
            return this;
        }

        public Builder greeting(String hostName) {
            greeting = hostName;
            return this;
        }

        public ImapServerConfig build() {
            return new ImapServerConfig(bindAddress, plainPort, tlsPort, sslContext, allowPlainLogin, authenticator,
                    stores, maxLineLength, maxLiteralSize, idleTimeout,
                    loginLimiter == null ? LoginLimiter.withDefaults() : loginLimiter, relayProof, workerThreads,
                    greeting);
        }
    }
}
