package org.mailstack.user;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.mailstack.core.auth.OriginProof;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.text.SafeText;
import org.mailstack.imap.spi.Authenticator;
import org.mailstack.imap.server.ImapServer;
import org.mailstack.imap.server.ImapServerConfig;
import org.mailstack.user.auth.PasswordCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the imap module's server to this account: logins are checked against the account's bcrypt hash
 * ({@link PasswordCheck}: {@code box@<user>.<domain>} or the bare user name), and every session gets the one shared
 * {@link MaildirStore} that the SMTP delivery writes to. Every login counts under this account for the login limits,
 * whatever name it gives, and under the client's address: the main container proves it with the account's relay
 * secret when it relays a login (ADR 18).
 */
final class ImapListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapListener.class);

    private final ImapServer server;

    private ImapListener(ImapServer server) {
        this.server = server;
    }

    /**
     * @param tls the TLS context; without one only the plain port listens, and only if plain logins are allowed
     */
    static ImapListener start(UserConfig config, PasswordCheck passwords, MaildirStore store,
                              Optional<SSLContext> tls) throws IOException {
        String account = config.account().value();
        Authenticator authenticator = new Authenticator() {
            @Override
            public Optional<String> authenticate(String user, String password, InetAddress remote) {
                return login(passwords, account, user, password, remote);
            }

            @Override
            public String accountOf(String user) {
                return account;
            }
        };
        ImapServerConfig.Builder builder = ImapServerConfig.builder(authenticator,
                        name -> {
                            if (!account.equals(name)) {
                                throw new IOException("no store for account " + name);
                            }
                            return store;
                        })
                .bindAddress(InetAddress.getByName("0.0.0.0"))
                .plainPort(config.imapPort())
                .tlsPort(tls.isPresent() ? config.imapsPort() : -1)
                .allowPlainLogin(config.imapPlainLogin())
                .relayProof(new OriginProof(config.relaySecret()))
                // commands wait on the disk (fsync); more threads than cores keep one session's wait from
                // holding up the sessions that share its thread
                .workerThreads(16)
                .greeting(config.hostName());
        tls.ifPresent(builder::sslContext);
        try {
            ImapServer server = ImapServer.start(builder.build());
            LOG.info("IMAP listening on port {} (STARTTLS) and {} (TLS)", server.plainPort(), server.tlsPort());
            return new ImapListener(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the IMAP ports", e);
        }
    }

    private static Optional<String> login(PasswordCheck passwords, String account, String user, String password,
                                          InetAddress remote) {
        if (password != null && passwords.check(user, password.toCharArray())) {
            return Optional.of(account);
        }
        LOG.info("failed IMAP login as '{}' from {}", SafeText.logLine(user), remote == null ? "?" : remote.getHostAddress());
        return Optional.empty();
    }

    /** The bound STARTTLS port (useful with port 0). */
    int plainPort() {
        return server.plainPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
