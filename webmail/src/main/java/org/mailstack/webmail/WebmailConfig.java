package org.mailstack.webmail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.webmail.mail.MailEndpoint;

/**
 * Everything the webmail needs from the process that embeds it. Build with {@link #builder()}.
 *
 * <p>The two routes are the only way the webmail learns where an account's mail lives: they are called with the
 * account of the address that signed in, never with anything taken from a request. The IMAP route is empty for an
 * account that does not exist: sign-in then fails as for a wrong password.
 *
 * @param bindAddress       address to listen on
 * @param port              port to listen on (0: any free port)
 * @param sslContext        the HTTPS server context (e.g. {@code TlsMaterial.sslContext()}); {@code null} only with
 *                          {@code plainHttp}
 * @param plainHttp         serve plain HTTP: for tests, or behind a TLS-terminating proxy
 * @param mailDomain        the system's mail domain: accounts sign in as {@code box@<account>.<mailDomain>}
 * @param imapRoute         the IMAP endpoint of an account's container, empty when there is no such account; it
 *                          may throw {@link org.mailstack.webmail.mail.MailException} when it cannot tell now
 * @param submissionRoute   the submission endpoint where the account sends with its own credentials (AUTH PLAIN)
 * @param idleTimeout       a session ends after this long without a request
 * @param absoluteTimeout   a session ends this long after sign-in, busy or not
 * @param pageSize          messages per page of a folder
 * @param loginLimiter      the login limits (ADR 18), shared with the embedding process's other entry points
 */
public record WebmailConfig(
        String bindAddress,
        int port,
        SSLContext sslContext,
        boolean plainHttp,
        String mailDomain,
        Function<AccountName, Optional<MailEndpoint>> imapRoute,
        Function<AccountName, MailEndpoint> submissionRoute,
        Duration idleTimeout,
        Duration absoluteTimeout,
        int pageSize,
        LoginLimiter loginLimiter) {

    public WebmailConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(mailDomain, "mailDomain");
        Objects.requireNonNull(imapRoute, "imapRoute");
        Objects.requireNonNull(submissionRoute, "submissionRoute");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
        Objects.requireNonNull(loginLimiter, "loginLimiter");
        if (sslContext == null && !plainHttp) {
            throw new IllegalArgumentException("an SSLContext is required unless plainHttp is set");
        }
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("pageSize out of range: " + pageSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with safe defaults: HTTPS required, 30 min idle, 12 h absolute, 50 messages a page. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 8443;
        private SSLContext sslContext;
        private boolean plainHttp;
        private String mailDomain;
        private Function<AccountName, Optional<MailEndpoint>> imapRoute;
        private Function<AccountName, MailEndpoint> submissionRoute;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration absoluteTimeout = Duration.ofHours(12);
        private int pageSize = 50;
        private LoginLimiter loginLimiter;

        public Builder bind(String address, int listenPort) {
            this.bindAddress = address;
            this.port = listenPort;
            return this;
        }

        public Builder https(SSLContext context) {
            this.sslContext = context;
            this.plainHttp = false;
            return this;
        }

        /** Plain HTTP, for tests only: the session cookie still carries {@code Secure}. */
        public Builder plainHttpForTests() {
            this.plainHttp = true;
            return this;
        }

        public Builder mailDomain(String domain) {
            this.mailDomain = domain;
            return this;
        }

        public Builder imapRoute(Function<AccountName, Optional<MailEndpoint>> route) {
            this.imapRoute = route;
            return this;
        }

        public Builder submissionRoute(Function<AccountName, MailEndpoint> route) {
            this.submissionRoute = route;
            return this;
        }

        public Builder timeouts(Duration idle, Duration absolute) {
            this.idleTimeout = idle;
            this.absoluteTimeout = absolute;
            return this;
        }

        public Builder pageSize(int size) {
            this.pageSize = size;
            return this;
        }

        /** The limiter to share; by default one of the webmail's own with the default policy. */
        public Builder loginLimiter(LoginLimiter limiter) {
            this.loginLimiter = limiter;
            return this;
        }

        public WebmailConfig build() {
            return new WebmailConfig(bindAddress, port, sslContext, plainHttp, mailDomain, imapRoute, submissionRoute,
                    idleTimeout, absoluteTimeout, pageSize,
                    loginLimiter == null ? LoginLimiter.withDefaults() : loginLimiter);
        }
    }
}
