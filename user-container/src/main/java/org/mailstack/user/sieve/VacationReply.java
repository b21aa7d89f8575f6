package org.mailstack.user.sieve;

import java.util.List;

/**
 * An auto-reply requested by the {@code vacation} action (RFC 5230 section 4).
 *
 * @param to the address to answer (the envelope sender)
 * @param subject the reply's subject, or null for the default ("Auto: " + original subject)
 * @param reason the reply body
 * @param days minimum days between two replies to the same sender
 * @param handle identifies the vacation text for the reply-tracking (RFC 5230 section 4.2)
 * @param addresses extra addresses of the user (RFC 5230 section 4.5)
 */
public record VacationReply(String to, String subject, String reason, int days, String handle,
                            List<String> addresses) {
}
