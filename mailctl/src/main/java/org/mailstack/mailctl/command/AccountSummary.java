package org.mailstack.mailctl.command;

import java.io.PrintWriter;
import org.mailstack.mailctl.account.AccountCreator;

/** What the administrator passes on to the new user after {@code create}: address, settings, DNS records. */
final class AccountSummary {
    private AccountSummary() {}

    static void print(PrintWriter out, AccountCreator.Created created, String domain, String host) {
        print(out, created, domain, host, "the password just set");
    }

    /** @param password how the new user knows the password */
    static void print(PrintWriter out, AccountCreator.Created created, String domain, String host, String password) {
        out.println();
        out.println("Account " + created.user() + " is ready on node " + created.node().hostname()
                + " (" + created.node().arch() + ")" + (created.volumeReused() ? ", with its previous mail" : "")
                + ".");
        out.println("  Address:  " + created.address());
        out.println("  Login:    " + created.address() + " and " + password);
        out.println("  IMAP:     " + host + " port 993 (TLS) or 143 (STARTTLS)");
        out.println("  SMTP:     " + host + " port 465 (TLS) or 587 (STARTTLS), authentication required");
        if (created.ipv6() != null) {
            out.println("  IPv6:     " + created.ipv6() + " (IMAP 143/993 and SSH 22 directly, once its AAAA is"
                    + " published)");
        }
        if (created.sshPort() > 0) {
            out.println("  SSH:      ssh -p " + created.sshPort() + " box@" + host
                    + "   (the password or the key given; the port is open on node " + created.node().hostname()
                    + ")");
        }
        out.println();
        out.println("DNS records to add (mailctl dns prints the whole zone):");
        ZoneRecords.account(created.user().value(), domain, host, created.ipv6()).forEach(line -> out.println("  " + line));
    }
}
