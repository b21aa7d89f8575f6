package org.mailstack.main.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.proxy.ImapBackend;

/**
 * Asks the account's own IMAP server whether a password is right: the same STARTTLS + LOGIN the IMAP proxy replays
 * ({@link ImapBackend}); tagged {@code OK} means right, {@code NO} wrong, anything else is a temporary failure.
 */
public final class ImapCredentialCheck implements CredentialCheck {
    private final int port;
    private final SSLSocketFactory tls;
    private final int timeoutMillis;

    public ImapCredentialCheck(int port, SSLSocketFactory tls, int timeoutMillis) {
        this.port = port;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean check(String host, String login, String password) throws IOException {
        try (ImapBackend imap = ImapBackend.open(host, port, tls, timeoutMillis)) {
            ImapBackend.LoginResult r = imap.login("c1", login.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
            if (r.ok()) {
                return true;
            }
            if (r.tagged().startsWith("c1 NO")) {
                return false;
            }
            throw new IOException("unexpected LOGIN answer");
        }
    }
}
