package org.mailstack.imap.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.Continuation;
import org.mailstack.imap.session.ImapSession;

/** LOGIN (RFC 3501 section 6.2.3), AUTHENTICATE PLAIN with SASL-IR (RFC 4959, RFC 4616) and STARTTLS. */
final class AuthCommands {

    private AuthCommands() {
    }

    /** Checks credentials, throttled per remote address, and answers (possibly later). */
    static Completion login(ImapSession s, String tag, String user, String password) throws IOException {
        if (!Capabilities.loginAllowed(s)) {
            return Completion.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections.");
        }
        var address = s.transport().remoteAddress();
        var throttle = s.server().throttle();
        long before = throttle.delayMillis(address);
        Optional<String> account = s.server().authenticator().authenticate(user, password, address);
        Completion done;
        long delay;
        if (account.isPresent()) {
            throttle.succeeded(address);
            s.authenticated(account.get(), s.server().stores().storeFor(account.get()));
            done = Completion.ok("CAPABILITY " + Capabilities.of(s), "Logged in");
            delay = before;
        } else {
            throttle.failed(address);
            done = Completion.no("AUTHENTICATIONFAILED", "Authentication failed.");
            delay = throttle.delayMillis(address);
        }
        if (delay <= 0) {
            return done;
        }
        s.transport().deferInput(delay, () -> Dispatcher.finish(s, tag, false, done));
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
