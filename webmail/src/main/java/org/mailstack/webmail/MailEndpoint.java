package org.mailstack.webmail;

import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where the webmail connects for one account: a user container's IMAP server, or the submission service.
 *
 * @param host             host name or address
 * @param port             TCP port
 * @param security         how the connection is protected
 * @param tls              the socket factory carrying the trust settings for {@link Security#TLS} and
 *                         {@link Security#STARTTLS}; {@code null} means the JVM's default trust store
 * @param checkServerIdentity whether the server certificate must name {@code host} (RFC 6125)
 */
public record MailEndpoint(String host, int port, Security security, SSLSocketFactory tls, boolean checkServerIdentity) {

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

    /** A plain endpoint, for tests. */
    public static MailEndpoint plain(String host, int port) {
        return new MailEndpoint(host, port, Security.PLAIN, null, false);
    }
}
