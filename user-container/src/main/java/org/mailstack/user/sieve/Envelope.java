package org.mailstack.user.sieve;

/**
 * The SMTP envelope of one delivery (RFC 5228 section 5.4): the reverse-path ({@code ""} for a bounce) and the
 * recipient as given in RCPT TO.
 */
public record Envelope(String from, String to) {
    public Envelope {
        from = from == null ? "" : from;
    }
}
