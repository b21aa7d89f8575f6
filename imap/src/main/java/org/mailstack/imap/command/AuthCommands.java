package org.mailstack.imap.command;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginVerdict;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.spi.Authenticator;
import org.mailstack.imap.session.Continuation;
import org.mailstack.imap.session.ImapSession;

/** LOGIN (RFC 3501 section 6.2.3), AUTHENTICATE PLAIN with SASL-IR (RFC 4959, RFC 4616) and STARTTLS. */
final class AuthCommands {

    private AuthCommands() {
    }

    /**
     * Checks credentials under the login limits of the client and account (ADR 18) and answers, after the limiter's
     * delay when there is one. The delay is decided before the check, so a right and a wrong password wait alike;
     * a connection a trusted relay carries does not wait here, since the relay has waited already.
     */
    static Completion login(ImapSession s, String tag, String user, String password) throws IOException {
        if (!Capabilities.loginAllowed(s)) {
            return Completion.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections.");
        }
        InetAddress client = s.client();
        Authenticator authenticator = s.server().authenticator();
        String key = authenticator.accountOf(user);
        LoginLimiter limiter = s.server().limiter();
        LoginVerdict verdict = limiter.before(client, key);
        if (verdict.refused()) {
            return Completion.no("UNAVAILABLE", "Too many failed logins, try again later.");
        }
        Optional<String> account = authenticator.authenticate(user, password, client);
        Completion done;
        if (account.isPresent()) {
            limiter.succeeded(client, key);
            s.authenticated(account.get(), s.server().stores().storeFor(account.get()));
            done = Completion.ok("CAPABILITY " + Capabilities.of(s), "Logged in");
        } else {
            limiter.failed(client, key);
            done = Completion.no("AUTHENTICATIONFAILED", "Authentication failed.");
        }
        long delay = s.relayed() ? 0 : verdict.delay().toMillis();
        if (delay <= 0) {
            return done;
        }
        s.transport().deferInput(delay, () -> s.finish(tag, false, done));
        return null;
    }

    /** LOGIN userid password. */
    static final class Login implements ImapCommand {

        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            String user = r.args().astring();
            r.args().sp();
            String password = r.args().astring();
            r.args().end();
            return login(s, r.tag(), user, password);
        }
    }

    /** AUTHENTICATE PLAIN [initial-response]. */
    static final class Authenticate implements ImapCommand {

        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            String mechanism = r.args().atom().toUpperCase(Locale.ROOT);
            String initial = null;
            if (r.args().consume(' ')) {
                initial = r.args().atom();
            }
            r.args().end();
            if (!mechanism.equals("PLAIN")) {
                return Completion.no(null, "Unsupported authentication mechanism.");
            }
            if (!Capabilities.loginAllowed(s)) {
                return Completion.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections.");
            }
            if (initial != null) {
                return plain(s, r.tag(), initial);
            }
            s.writer().raw("+ ").crlf();
            String tag = r.tag();
            s.continuation(new Continuation(tag) {
                @Override
                public Completion line(String line) throws IOException {
                    s.continuation(null);
                    if (line.equals("*")) {
                        return Completion.bad("Authentication aborted by client.");
                    }
                    return plain(s, tag, line);
                }
            });
            return null;
        }

        private static Completion plain(ImapSession s, String tag, String base64) throws IOException {
            byte[] decoded;
            try {
                decoded = base64.equals("=") ? new byte[0] : Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                return Completion.bad("Invalid base64 data in continued response");
            }
            String[] parts = new String(decoded, StandardCharsets.UTF_8).split("\u0000", -1);
            if (parts.length != 3) {
                return Completion.no("AUTHENTICATIONFAILED", "Authentication failed.");
            }
            if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
                return Completion.no("AUTHORIZATIONFAILED", "Authorization failed.");
            }
            return login(s, tag, parts[1], parts[2]);
        }
    }

    /** STARTTLS, RFC 3501 section 6.2.1: the capability list changes, so clients ask again. */
    static final class StartTls implements ImapCommand {


        @Override
        public Completion execute(ImapSession s, Request r) {
            r.args().end();
            if (!s.transport().canStartTls()) {
                return Completion.bad("TLS is not available or already active.");
            }
            s.transport().startTls(r.tag() + " OK Begin TLS negotiation now.\r\n");
            return null;
        }
    }
}
