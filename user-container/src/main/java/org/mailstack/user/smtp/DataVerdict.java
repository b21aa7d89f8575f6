package org.mailstack.user.smtp;

/** What {@link DataReader} found in a DATA stream. Anything but {@link #OK} refuses the whole message. */
enum DataVerdict {
    OK,
    /** More bytes than the receiver's size limit. */
    TOO_BIG,
    /** A CR or LF that is not part of a CRLF pair (RFC 5321 section 2.3.8). */
    BARE_NEWLINE,
    /** A line longer than 998 octets before its CRLF (RFC 5321 section 4.5.3.1.6). */
    LINE_TOO_LONG
}
