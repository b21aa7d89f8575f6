package org.mailstack.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A reference to a stored message or part of one, as CATENATE takes it (RFC 4469 section 3, IMAP URL syntax of
 * RFC 5092 section 9). Only references within the session's own account are accepted, in the two relative forms:
 * <ul>
 * <li>an absolute path, {@code /mailbox[;UIDVALIDITY=n]/;UID=n[/;SECTION=s][/;PARTIAL=o[.l]]}, the mailbox
 *     %-encoded UTF-8;</li>
 * <li>a path relative to the selected mailbox, {@code ;UID=n[/;SECTION=s][/;PARTIAL=o[.l]]}
 *     ({@link #mailbox} is then null).</li>
 * </ul>
 * A URL with a scheme or a server ({@code imap://host/...}, {@code //host/...}), a search ({@code ?...}), URLAUTH,
 * or anything else is refused with {@link BadUrlException}; the caller answers {@code NO [BADURL]}. Keys are
 * case-insensitive.
 *
 * @param mailbox the decoded mailbox name, or null for the selected mailbox
 * @param uidValidity the UIDVALIDITY the URL requires, or 0
 * @param section the decoded section spec (as in {@code BODY[...]}), or null for the whole message
 * @param partialStart the first octet of {@code ;PARTIAL=}, or -1
 * @param partialLength the octets of {@code ;PARTIAL=}, or -1 for the rest
 */
public record ImapUrl(String mailbox, long uidValidity, long uid, String section, long partialStart,
                      long partialLength) {
    private static final int MAX_LENGTH = 2048;

    /** A URL this server does not take: not the syntax, or not a reference into the session's own account. */
    public static final class BadUrlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadUrlException(String reason) {
            super(reason, null, false, false);
        }
    }

    public static ImapUrl parse(String url) {
        if (url.isEmpty() || url.length() > MAX_LENGTH) {
            throw new BadUrlException("empty or too long");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new BadUrlException("a character that must be %-encoded");
            }
        }
        if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            throw new BadUrlException("a search or fragment");
        }
        Cursor c = new Cursor(url);
        String mailbox = null;
        long uidValidity = 0;
        if (url.startsWith("//") || !url.startsWith("/") && !url.startsWith(";")) {
            // imap://server/..., //server/..., or a path relative to a base this server does not define
            throw new BadUrlException("only references within this account (/mailbox/;UID=n or ;UID=n) are taken");
        }
        if (c.consume("/")) {
            int semi = url.indexOf(';', c.pos);
            if (semi < 0) {
                throw new BadUrlException("no UID");
            }
            String encoded = url.substring(c.pos, semi);
            c.pos = semi;
            if (c.consumeKey(";UIDVALIDITY=")) {
                uidValidity = c.nzNumber();
                if (!c.consume("/")) {
                    throw new BadUrlException("expected /;UID=");
                }
            } else if (encoded.endsWith("/")) {
                encoded = encoded.substring(0, encoded.length() - 1);
            } else {
                throw new BadUrlException("expected /;UID=");
            }
            if (encoded.isEmpty()) {
                throw new BadUrlException("no mailbox");
            }
            mailbox = Mailboxes.normaliseInbox(decode(encoded));
        }
        if (!c.consumeKey(";UID=")) {
            throw new BadUrlException("only a message or part of one can be referenced (;UID= is needed)");
        }
        long uid = c.nzNumber();
        String section = null;
        if (c.consumeKey("/;SECTION=")) {
            int end = url.indexOf(';', c.pos);
            end = end < 0 ? url.length() : end;
            String encoded = url.substring(c.pos, end);
            if (end < url.length()) {
                if (!encoded.endsWith("/")) {
                    throw new BadUrlException("expected /;PARTIAL=");
                }
                encoded = encoded.substring(0, encoded.length() - 1);
            }
            c.pos = end < url.length() ? end - 1 : end;
            section = decode(encoded);
            if (section.isEmpty()) {
                throw new BadUrlException("empty section");
            }
        }
        long partialStart = -1;
        long partialLength = -1;
        if (c.consumeKey("/;PARTIAL=")) {
            partialStart = c.number();
            if (c.consume(".")) {
                partialLength = c.nzNumber();
            }
        }
        if (c.pos != url.length()) {
            throw new BadUrlException("unexpected " + (url.regionMatches(true, c.pos, ";URLAUTH=", 0, 9)
                    ? "URLAUTH (not supported)" : "characters after the reference"));
        }
        return new ImapUrl(mailbox, uidValidity, uid, section, partialStart, partialLength);
    }

    /** %-decodes to UTF-8 text; refuses malformed escapes, invalid UTF-8 and control characters. */
    static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new BadUrlException("a cut %-escape");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadUrlException("a malformed %-escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(ch);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadUrlException("not UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw new BadUrlException("a control character");
            }
        }
        return text;
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean consume(String text) {
            if (s.startsWith(text, pos)) {
                pos += text.length();
                return true;
            }
            return false;
        }

        boolean consumeKey(String key) {
            if (s.regionMatches(true, pos, key, 0, key.length())) {
                pos += key.length();
                return true;
            }
            return false;
        }

        long number() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start || pos - start > 10) {
                throw new BadUrlException("expected a number");
            }
            long n = Long.parseLong(s.substring(start, pos));
            if (n > 0xFFFFFFFFL) {
                throw new BadUrlException("number out of range");
            }
            return n;
        }

        long nzNumber() {
            long n = number();
            if (n == 0) {
                throw new BadUrlException("expected a non-zero number");
            }
            return n;
        }
    }
}
