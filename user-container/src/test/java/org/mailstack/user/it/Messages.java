package org.mailstack.user.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbered test messages that can be recognised, and checked for completeness, in a Maildir file. */
final class Messages {
    private static final Pattern SEQ = Pattern.compile("\r\nX-Seq: (\\d+)\r\n");

    private Messages() {}

    /** Message number {@code n}; its class (0, 1, 2) decides where the IT's rules file it. */
    static String numbered(int n, int bodyLines) {
        String subject = switch (n % 3) {
            case 0 -> "[lists] digest " + n;
            case 1 -> "report " + n;
            default -> "hello " + n;
        };
        String priority = n % 3 == 1 ? "X-Class: low\r\n" : "";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < bodyLines; i++) {
            body.append("line ").append(i).append(" of message ").append(n).append(" .......................\r\n");
        }
        return "From: sender" + n % 7 + "@example.org\r\n"
                + "To: box@bob.example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + n + "@it.example.org>\r\n"
                + "X-Seq: " + n + "\r\n"
                + priority
                + "\r\n" + body + "END " + n + "\r\n";
    }

    /** The number in a stored message, or -1. */
    static int seqOf(String stored) {
        Matcher m = SEQ.matcher(stored);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Whether a stored message ends with its end marker, i.e. was written completely. */
    static boolean complete(String stored, int n, int bodyLines) {
        return stored.endsWith(numbered(n, bodyLines));
    }
}
