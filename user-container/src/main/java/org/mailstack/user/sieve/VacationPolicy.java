package org.mailstack.user.sieve;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a {@code vacation} reply may be sent at all (RFC 5230 sections 4.5 and 4.6, RFC 3834 section 2). The
 * per-sender {@code :days} memory belongs to whoever sends the reply.
 */
public final class VacationPolicy {
    private static final Set<String> RECIPIENT_FIELDS = Set.of("to", "cc", "bcc", "resent-to", "resent-cc");

    private VacationPolicy() {}

    /**
     * @param ownAddresses the account's addresses, lower case; the reply's {@code :addresses} are added to them
     * @return why no reply may be sent, or empty if one may
     */
    public static Optional<String> reasonNotToReply(VacationReply reply, Envelope envelope, HeaderBlock headers,
                                                    Set<String> ownAddresses) {
        String sender = envelope.from().toLowerCase(Locale.ROOT);
        if (sender.isEmpty()) {
            return Optional.of("null sender (a bounce)");
        }
        Set<String> own = Stream.concat(ownAddresses.stream(), reply.addresses().stream())
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (own.contains(sender)) {
            return Optional.of("the sender is the account itself");
        }
        String local = sender.substring(0, Math.max(0, sender.lastIndexOf('@')));
        if (local.equals("mailer-daemon") || local.equals("listserv") || local.equals("majordomo")
                || local.startsWith("owner-") || local.endsWith("-request")) {
            return Optional.of("the sender is a mailing list or system address");
        }
        String autoSubmitted = headers.first("Auto-Submitted").toLowerCase(Locale.ROOT);
        if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
            return Optional.of("the message is automatic (Auto-Submitted)");
        }
        String precedence = headers.first("Precedence").toLowerCase(Locale.ROOT);
        if (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk")
                || headers.has("List-Id") || headers.has("List-Unsubscribe")) {
            return Optional.of("the message comes from a list or bulk sender");
        }
        if (!addressedToUs(headers, own)) {
            return Optional.of("the account is not in To, Cc or Bcc");
        }
        return Optional.empty();
    }

    private static boolean addressedToUs(HeaderBlock headers, Set<String> own) {
        for (String name : headers.names()) {
            if (!RECIPIENT_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : headers.values(name)) {
                String lower = value.toLowerCase(Locale.ROOT);
                for (String address : own) {
                    if (containsAddress(lower, address)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code address} as a whole address in a header value: not preceded or followed by an address character. */
    private static boolean containsAddress(String value, String address) {
        int from = 0;
        int at;
        while ((at = value.indexOf(address, from)) >= 0) {
            int end = at + address.length();
            boolean startOk = at == 0 || !isAddressChar(value.charAt(at - 1));
            boolean endOk = end == value.length() || !isAddressChar(value.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    private static boolean isAddressChar(char c) {
        return Character.isLetterOrDigit(c) || ".-_+@".indexOf(c) >= 0;
    }
}
