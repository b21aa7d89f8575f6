package org.mailstack.mailctl.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.Terminal;

/** Reads a new password from a pipe or, twice, from the terminal: never from an argument that {@code ps} shows. */
final class PasswordInput {
    private static final int MAX_BYTES = 1024;

    private PasswordInput() {}

    static char[] read(boolean fromStdin, InputStream stdin, Terminal terminal) {
        return fromStdin ? firstLine(stdin) : prompt(terminal);
    }

    /** The first line of the stream, without its line ending. */
    static char[] firstLine(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (buf.size() >= MAX_BYTES) {
                    throw MailctlException.usage("the password on stdin is longer than " + MAX_BYTES + " bytes");
                }
                buf.write(b);
            }
        } catch (IOException e) {
            throw MailctlException.usage("could not read the password from stdin: " + e.getMessage());
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, len));
        Arrays.fill(bytes, (byte) 0);
        char[] password = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        if (password.length == 0) {
            throw MailctlException.usage("no password on stdin: pipe one line, e.g. printf '%s\\n' \"$PW\" | ...");
        }
        return password;
    }

    static char[] prompt(Terminal terminal) {
        char[] first = terminal.readPassword("New password: ");
        if (first == null) {
            throw MailctlException.usage("no terminal to prompt for the password: pipe it with --password-stdin");
        }
        char[] second = terminal.readPassword("Repeat it: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw MailctlException.usage("the two passwords differ; nothing was changed");
            }
            return first;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
