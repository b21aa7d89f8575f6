package org.mailstack.mailctl.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailstack.mailctl.account.AccountView;

/** The text renderings of accounts: a column table for {@code list}, key/value lines for {@code show}. */
final class AccountTable {
    static final String UNKNOWN = "-";
    private static final String[] HEADERS =
            {"USER", "ADDRESS", "NODE", "ARCH", "STATE", "HEALTH", "MAILDIR", "MESSAGES", "SSH", "IMAGE", "CREATED"};

    private AccountTable() {}

    static String table(List<AccountView> views) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (AccountView v : views) {
            rows.add(new String[] {v.user(), v.address(), or(v.node()), or(v.arch()), or(v.state()),
                    or(v.health()), size(v.maildirBytes()), count(v.messages()), port(v.sshPort()), image(v),
                    or(v.created())});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", row[i])).append(i < row.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String details(AccountView v) {
        return "user:      " + v.user() + "\n"
                + "address:   " + v.address() + "\n"
                + "service:   " + or(v.service()) + "\n"
                + "node:      " + or(v.node()) + " (" + or(v.arch()) + ")\n"
                + "state:     " + or(v.state()) + "\n"
                + "health:    " + or(v.health()) + "\n"
                + "maildir:   " + size(v.maildirBytes()) + ", " + count(v.messages()) + " messages\n"
                + "ssh:       " + (v.sshPort() == null ? "not published (created before SSH; recreate the account)"
                        : "port " + v.sshPort() + " on node " + or(v.node())) + "\n"
                + "image:     " + or(v.image()) + (v.imageCurrent() ? " (current)" : " (out of date: mailctl upgrade "
                        + v.user() + ")") + "\n"
                + "created:   " + or(v.created()) + "\n";
    }

    /** The image's tag (its version), marked when the account does not run the stack's current image. */
    static String image(AccountView v) {
        if (v.image() == null) {
            return UNKNOWN;
        }
        int colon = v.image().lastIndexOf(':');
        String version = colon > v.image().lastIndexOf('/') ? v.image().substring(colon + 1) : v.image();
        return v.imageCurrent() ? version : version + " (out of date)";
    }

    private static String port(Integer port) {
        return port == null ? UNKNOWN : port.toString();
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
    }

    private static String count(Long n) {
        return n == null ? UNKNOWN : Long.toString(n);
    }

    private static String or(String s) {
        return s == null ? UNKNOWN : s;
    }
}
