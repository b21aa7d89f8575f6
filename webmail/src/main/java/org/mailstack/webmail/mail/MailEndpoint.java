package org.mailstack.webmail.mail;

import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.mailstack.core.auth.OriginProof;

/**
 * Where the webmail connects for one account: a user container's IMAP server, or the submission service.
 *
 * @param host             host name or address
 * @param port             TCP port
 * @param security         how the connection is protected
 * @param tls              the socket factory carrying the trust settings for {@link Security#TLS} and
 *                         {@link Security#STARTTLS}; {@code null} means the JVM's default trust store
 * @param checkServerIdentity whether the server certificate must name {@code host} (RFC 6125)
 * @param originProof      for an account's own IMAP server that trusts this process as a relay: the proof with which
 *                         the webmail tells it the browser's address before logging in (ADR 18); null for none
 */
public record MailEndpoint(String host, int port, Security security, SSLSocketFactory tls, boolean checkServerIdentity,
                           OriginProof originProof) {

    /** Transport protection of a mail connection. */
    public enum Security {
        /** No TLS at all: only for tests or a trusted private network. */
        PLAIN,
        /** Plain connection upgraded with STARTTLS (RFC 3501 §6.2.1, RFC 3207); the upgrade is required. */
        STARTTLS,
        /** TLS from the first byte (RFC 8314). */
        TLS
    }

    public MailEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** An endpoint that is told nothing of the browser. */
    public MailEndpoint(String host, int port, Security security, SSLSocketFactory tls, boolean checkServerIdentity) {
        this(host, port, security, tls, checkServerIdentity, null);
    }

    /** A plain endpoint, for tests. */
    public static MailEndpoint plain(String host, int port) {
        return new MailEndpoint(host, port, Security.PLAIN, null, false);
    }
}
