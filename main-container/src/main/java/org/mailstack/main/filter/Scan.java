package org.mailstack.main.filter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mailstack.main.address.NextHop;

/**
 * What rspamd is told about one SMTP transaction besides the message (its protocol headers {@code IP}, {@code Helo},
 * {@code User}, {@code From}, {@code Rcpt}).
 *
 * @param listener   the listener that received it ({@code smtp}, {@code submission}, {@code submissions})
 * @param client     the client's own address, empty when unknown
 * @param helo       the EHLO/HELO argument as the client gave it (client input), empty when none
 * @param user       the authenticated account on the submission ports; empty on the MX
 * @param sender     the envelope sender, empty string for the null sender
 * @param recipients the accepted envelope recipients
 */
public record Scan(String listener, Optional<InetAddress> client, Optional<String> helo, Optional<String> user,
                   String sender, List<String> recipients) {

    public Scan {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
    }

    /** From the values an SMTP handler holds: the recipients grouped by destination, as the spool takes them. */
    public static Scan of(String listener, SocketAddress remote, String helo, Optional<String> user, String sender,
                          Map<NextHop, List<String>> byDestination) {
        Optional<InetAddress> client = remote instanceof InetSocketAddress inet
                ? Optional.ofNullable(inet.getAddress()) : Optional.empty();
        return new Scan(listener, client, Optional.ofNullable(helo).filter(h -> !h.isEmpty()), user,
                sender == null ? "" : sender, byDestination.values().stream().flatMap(List::stream).toList());
    }

    /** Outbound mail: sent by an authenticated account (rspamd applies its outbound settings, no marking). */
    public boolean outbound() {
        return user.isPresent();
    }
}
