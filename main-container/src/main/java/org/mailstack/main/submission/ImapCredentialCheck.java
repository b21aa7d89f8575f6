package org.mailstack.main.submission;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.account.Account;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.proxy.ImapBackend;

/**
 * Asks the account's own IMAP server whether a password is right: the same STARTTLS, ID vouching for the client
 * (ADR 18) and LOGIN the IMAP proxy replays ({@link ImapBackend}); tagged {@code OK} means right, {@code NO} wrong,
 * anything else (also {@code NO [UNAVAILABLE]}, the container's own login limit) is a temporary failure.
 */
public final class ImapCredentialCheck implements CredentialCheck {
    private final int port;
    private final SSLSocketFactory tls;
    private final int timeoutMillis;
    private final RelayKeyFile relayKey;

    public ImapCredentialCheck(int port, SSLSocketFactory tls, int timeoutMillis, RelayKeyFile relayKey) {
        this.port = port;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.relayKey = relayKey;
    }

    @Override
    public boolean check(Account account, String login, String password, InetSocketAddress client)
            throws IOException {
        try (ImapBackend imap = ImapBackend.open(account.serviceName(), port, tls, timeoutMillis)) {
            imap.vouch(relayKey.originProof(account.user()), client);
            ImapBackend.LoginResult r = imap.login("c1", login.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
            if (r.ok()) {
                return true;
            }
            if (r.tagged().startsWith("c1 NO") && !r.tagged().startsWith("c1 NO [UNAVAILABLE]")) {
                return false;
            }
            throw new IOException("unexpected LOGIN answer");
        }
    }
}
