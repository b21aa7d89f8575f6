package org.mailstack.imap.parse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names on the wire in modified UTF-7 (RFC 3501 section 5.1.3): printable ASCII stands for itself,
 * {@code &} is written {@code &-}, and other characters are UTF-16 in modified base64 between {@code &} and {@code -}.
 */
public final class ModifiedUtf7 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    /** Encodes a Unicode name for the wire. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int j = i;
                while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                    j++;
                }
                byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
                out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
                i = j;
            }
        }
        return out.toString();
    }

    /**
     * Decodes a wire name.
     *
     * @throws IllegalArgumentException when the name is not valid modified UTF-7
     */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("8-bit or control character in mailbox name");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated base64 in mailbox name");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                String b64 = wire.substring(i + 1, end).replace(',', '/');
                byte[] utf16;
                try {
                    utf16 = DECODER.decode(b64);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid base64 in mailbox name", e);
                }
                if (utf16.length % 2 != 0 || utf16.length == 0) {
                    throw new IllegalArgumentException("invalid UTF-16 in mailbox name");
                }
                String decoded = new String(utf16, StandardCharsets.UTF_16BE);
                for (int k = 0; k < decoded.length(); k++) {
                    char d = decoded.charAt(k);
                    if (d >= 0x20 && d <= 0x7e) {
                        throw new IllegalArgumentException("printable ASCII encoded in base64");
                    }
                }
                out.append(decoded);
            }
            i = end + 1;
        }
        return out.toString();
    }
}
