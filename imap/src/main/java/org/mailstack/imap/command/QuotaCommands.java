package org.mailstack.imap.command;

import java.io.IOException;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.QuotaUsage;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.ImapSession;

/**
 * QUOTA (RFC 9208) over the account's byte quota: one quota root {@code ""} holds every mailbox, with the STORAGE
 * resource in units of 1024 octets (usage rounded up, limit down). An account without a limit has no quota root.
 * Quotas are the administrator's: SETQUOTA is refused (no QUOTASET capability).
 */
final class QuotaCommands {
    /** The name of the account's only quota root. */
    static final String ROOT = "";

    private QuotaCommands() {
    }

    /** Octets as 1024-octet units, rounded up (RFC 9208 section 3.1.1 STORAGE, and DELETED-STORAGE). */
    static long kib(long bytes) {
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
    }

    /** {@code * QUOTA "" (STORAGE used limit)} (RFC 9208 section 5.1). */
    private static void writeQuota(ImapWriter w, QuotaUsage q) {
        w.untagged().atom("QUOTA").string(ROOT).open().atom("STORAGE").number(kib(q.usedBytes()))
                .number(q.limitBytes() / 1024).close().crlf();
    }

    /** GETQUOTAROOT mailbox (RFC 9208 section 4.2): QUOTAROOT, then QUOTA for each root. */
    static final class GetQuotaRoot implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            FolderName folder = Args.folder(r.args());
            r.args().end();
            if (!s.store().exists(folder)) {
                return Completion.no("NONEXISTENT", "Mailbox does not exist");
            }
            QuotaUsage q = s.store().quota();
            ImapWriter w = s.writer();
            w.untagged().atom("QUOTAROOT").mailbox(folder.name());
            if (q.isLimited()) {
                w.string(ROOT);
            }
            w.crlf();
            if (q.isLimited()) {
                writeQuota(w, q);
            }
            return Completion.ok("Getquotaroot completed.");
        }
    }

    /** GETQUOTA root (RFC 9208 section 4.1). */
    static final class GetQuota implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) throws IOException {
            String root = r.args().astring();
            r.args().end();
            QuotaUsage q = s.store().quota();
            if (!root.equals(ROOT) || !q.isLimited()) {
                return Completion.no("NONEXISTENT", "No such quota root");
            }
            writeQuota(s.writer(), q);
            return Completion.ok("Getquota completed.");
        }
    }

    /**
     * SETQUOTA root (resource limit ...) (RFC 9208 section 4.3): parsed, then refused with {@code NO [NOPERM]}, as
     * a server may for a user that is not an administrator.
     */
    static final class SetQuota implements ImapCommand {
        @Override
        public Completion execute(ImapSession s, Request r) {
            ImapReader a = r.args();
            a.astring();
            a.sp();
            a.expect('(');
            if (!a.consume(')')) {
                do {
                    a.atom(); // resource name
                    a.sp();
                    a.number();
                } while (a.consume(' '));
                a.expect(')');
            }
            a.end();
            return Completion.no("NOPERM", "Quotas are set by the administrator.");
        }
    }
}
