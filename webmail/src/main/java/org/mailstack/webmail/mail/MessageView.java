package org.mailstack.webmail.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message opened for reading. Every text field is untrusted: the web layer escapes or sanitises it.
 *
 * @param folder      the folder it was read from
 * @param uid         its UID there
 * @param from        sender addresses, formatted
 * @param replyTo     Reply-To addresses (RFC 5322 §3.6.2), formatted; empty when absent
 * @param to          To addresses, formatted
 * @param cc          Cc addresses, formatted
 * @param subject     decoded subject
 * @param date        sent date, or {@code null}
 * @param messageId   Message-ID header, or {@code null}
 * @param references  References header, or {@code null}
 * @param text        the text/plain body, or {@code null}
 * @param html        the raw, unsanitised text/html body, or {@code null}
 * @param attachments the attachments
 * @param inlineImages images referenced by Content-ID (RFC 2392), as {@code data:} URIs keyed by the bare id
 */
public record MessageView(String folder, long uid, List<String> from, List<String> replyTo, List<String> to,
                          List<String> cc, String subject, Instant date, String messageId, String references,
                          String text, String html, List<AttachmentInfo> attachments,
                          Map<String, String> inlineImages, boolean seen, boolean flagged) {
}
