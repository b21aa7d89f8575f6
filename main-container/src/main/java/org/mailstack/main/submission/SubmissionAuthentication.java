package org.mailstack.main.submission;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginVerdict;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.smtp.SubmissionIdentity;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

/**
 * AUTH PLAIN and LOGIN (RFC 4954) through SubEthaSMTP's handlers, under the login limits (ADR 18): a client refused
 * for the account it names gets {@code 454 4.7.0} before any check, otherwise the answer waits the limiter's delay
 * (this thread is the session's own); a check that cannot be answered now is {@code 454 4.7.0} too; and the
 * session's identity is a {@link SubmissionIdentity}.
 */
public final class SubmissionAuthentication implements AuthenticationHandlerFactory {
    /** The limiter refused the client for this account: no check was made. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("login limit", null, false, false);
        }
    }

    private final EasyAuthenticationHandlerFactory delegate;
    private final SubmissionLogin logins;

    public SubmissionAuthentication(SubmissionLogin logins, LoginLimiter limiter, Metrics metrics, String protocol) {
        this.logins = logins;
        this.delegate = new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
            InetSocketAddress client = ctx.getRemoteAddress() instanceof InetSocketAddress inet ? inet : null;
            InetAddress address = client == null ? null : client.getAddress();
            String account = logins.accountOf(user);
            LoginVerdict verdict = limiter.before(address, account);
            if (verdict.refused()) {
                throw new Refused();
            }
            try {
                verdict.sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SubmissionLogin.Unavailable("interrupted");
            }
            if (logins.login(user, password, client).isEmpty()) {
                limiter.failed(address, account);
                metrics.authFailure(protocol);
                throw new LoginFailedException();
            }
            limiter.succeeded(address, account);
        });
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
        return delegate.getAuthenticationMechanisms();
    }

    @Override
    public AuthenticationHandler create() {
        AuthenticationHandler inner = delegate.create();
        return new AuthenticationHandler() {
            @Override
            public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
                try {
                    return inner.auth(clientInput, context);
                } catch (Refused e) {
                    throw new RejectException(454, "4.7.0 Too many failed authentications, try again later");
                } catch (SubmissionLogin.Unavailable e) {
                    throw new RejectException(454, "4.7.0 Temporary authentication failure, try again later");
                }
            }

            @Override
            public Object getIdentity() {
                return logins.identityOf(String.valueOf(inner.getIdentity()));
            }
        };
    }
}
