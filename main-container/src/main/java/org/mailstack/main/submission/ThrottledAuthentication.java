package org.mailstack.main.submission;

import java.util.List;
import java.util.Optional;

import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.smtp.SubmissionIdentity;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

/**
 * AUTH PLAIN and LOGIN (RFC 4954) through SubEthaSMTP's handlers, with three additions: a client address over its
 * failed-login budget gets {@code 454 4.7.0} before any check; a check that cannot be answered now is
 * {@code 454 4.7.0} too; and the session's identity is a {@link SubmissionIdentity}.
 */
public final class ThrottledAuthentication implements AuthenticationHandlerFactory {
    private final EasyAuthenticationHandlerFactory delegate;
    private final SubmissionLogin logins;
    private final RateLimiter failures;
    private final Metrics metrics;
    private final String protocol;

    public ThrottledAuthentication(SubmissionLogin logins, RateLimiter failures, Metrics metrics, String protocol) {
        this.logins = logins;
        this.failures = failures;
        this.metrics = metrics;
        this.protocol = protocol;
        this.delegate = new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
            if (logins.login(user, password).isEmpty()) {
                throw new LoginFailedException();
            }
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
                String client = org.mailstack.main.smtp.ClientAddress.of(context.getRemoteAddress());
                if (failures.exhausted(client)) {
                    throw new RejectException(454, "4.7.0 Too many failed authentications, try again later");
                }
                try {
                    return inner.auth(clientInput, context);
                } catch (RejectException e) {
                    if (e.getCode() == 535) {
                        failures.tryAcquire(client);
                        metrics.authFailure(protocol);
                    }
                    throw e;
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
