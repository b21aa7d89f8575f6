package org.mailstack.webmail.mail;

import java.time.Instant;

/**
 * One line of a message list.
 *
 * @param uid     the message's UID in its folder (RFC 3501 §2.3.1.1)
 * @param from    the sender as shown (display name, else address)
 * @param to      the first recipient as shown
 * @param subject the decoded subject, empty when none
 * @param date    the sent date, else the arrival date; {@code null} when neither is known
 * @param size    the size in octets
 */
public record MessageSummary(long uid, String from, String to, String subject, Instant date, long size,
                             boolean seen, boolean flagged, boolean answered) {
}
