package org.mailstack.core.mail;

/**
 * The outcome of {@link MessageContent#copy}, with the SMTP reply (RFC 5321 code, RFC 3463 enhanced code) that
 * refuses a message for it. Both receivers answer with these texts, so a refusal reads the same wherever it happens.
 */
public enum ContentVerdict {
    OK(250, "2.0.0 Ok"),
    /** More octets than the receiver's size limit (RFC 1870). */
    TOO_BIG(552, "5.3.4 Message too big"),
    /** A CR or LF that is not part of a CRLF pair (RFC 5321 section 2.3.8). */
    BARE_NEWLINE(554, "5.6.0 Message contains a bare CR or LF"),
    /** A line longer than 998 octets before its CRLF (RFC 5321 section 4.5.3.1.6, RFC 5322 section 2.1.1). */
    LINE_TOO_LONG(554, "5.6.0 Message contains a line over 998 octets"),
    /** A NUL octet, which RFC 5322 text excludes and an IMAP literal cannot carry (RFC 3501 section 4.3). */
    NUL(554, "5.6.0 Message contains a NUL octet");

    private final int code;
    private final String text;

    ContentVerdict(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The SMTP reply code. */
    public int code() {
        return code;
    }

    /** The reply text, starting with the enhanced status code; generic, nothing from the message. */
    public String text() {
        return text;
    }
}
