package org.mailstack.main.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailstack.core.mail.HeaderFields;

/**
 * Keeps the header of a message as it streams past (at most {@value #MAX_HEAD} bytes, up to the first empty line),
 * so that submission can check the {@code From} field (RFC 5322 section 3.6.2) once the message is received.
 */
final class HeaderFromCapture extends FilterInputStream {
    static final int MAX_HEAD = 64 * 1024;
    private static final Pattern ANGLE_ADDR = Pattern.compile("<([^<>]*)>");
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean complete;
    private int previous = -1;

    HeaderFromCapture(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n && !complete; i++) {
            keep(buffer[offset + i] & 0xff);
        }
        return n;
    }

    private void keep(int b) {
        if (complete) {
            return;
        }
        if (b == '\r') {
            return; // lines are compared without their CR
        }
        if (b == '\n' && previous == '\n' || head.size() >= MAX_HEAD) {
            complete = true;
            return;
        }
        head.write(b);
        previous = b;
    }

    /**
     * The addresses every {@code From} field names, lower case: the contents of each {@code <angle-addr>}, or the
     * whole unfolded field (core's {@link HeaderFields}) where it has none (so a list, a group or a comment never
     * passes as one plain address). Empty when the header has no {@code From} field.
     */
    List<String> fromAddresses() {
        List<String> addresses = new ArrayList<>();
        for (HeaderFields.Field field : HeaderFields.parse(head.toString(StandardCharsets.ISO_8859_1))) {
            if (!field.name().equalsIgnoreCase("from")) {
                continue;
            }
            String value = field.value();
            Matcher angle = ANGLE_ADDR.matcher(value);
            boolean any = false;
            while (angle.find()) {
                addresses.add(angle.group(1).strip().toLowerCase(Locale.ROOT));
                any = true;
            }
            if (!any) {
                addresses.add(value.toLowerCase(Locale.ROOT));
            }
        }
        return addresses;
    }

}
