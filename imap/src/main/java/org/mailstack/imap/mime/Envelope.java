package org.mailstack.imap.mime;

import java.util.List;

/**
 * The ENVELOPE of RFC 3501 section 7.4.2: header values as written (encoded-words untouched), null for NIL.
 * In an address list, a group is opened by an address with a null host and the group name as mailbox, and
 * closed by an address whose fields are all null.
 */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender, List<Address> replyTo,
                       List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo, String messageId,
                       Firsts firsts) {

    /**
     * The first occurrence of each single-valued field, which SORT and THREAD order by (RFC 5256), while ENVELOPE
     * shows the last one when a header repeats a field (and every address of a repeated address field), as other
     * servers do.
     */
    public record Firsts(String date, String subject, String inReplyTo, String messageId) {
    }

    /** One address: {@code (name adl mailbox host)}. */
    public record Address(String name, String adl, String mailbox, String host) {
    }
}
