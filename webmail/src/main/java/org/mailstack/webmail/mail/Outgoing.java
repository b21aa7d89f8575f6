package org.mailstack.webmail.mail;

import java.util.List;

/**
 * A message composed in the webmail, to send or to save as a draft.
 *
 * @param to          recipient addresses as typed (parsed strictly by the adapter)
 * @param cc          Cc addresses as typed
 * @param bcc         Bcc addresses as typed
 * @param subject     the subject
 * @param text        the plain-text body
 * @param inReplyTo   the Message-ID this answers, or {@code null} (RFC 5322 §3.6.4)
 * @param references  the References of the answered message, or {@code null}
 * @param attachments files to attach
 */
public record Outgoing(String to, String cc, String bcc, String subject, String text, String inReplyTo,
                       String references, List<AttachmentData> attachments) {
    public Outgoing {
        attachments = List.copyOf(attachments);
    }
}
