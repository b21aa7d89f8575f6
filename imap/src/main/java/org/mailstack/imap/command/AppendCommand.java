package org.mailstack.imap.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.mailstack.core.maildir.AppendResult;
import org.mailstack.core.maildir.Flags;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.imap.parse.ImapDates;
import org.mailstack.imap.parse.ImapReader;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.FlagNames;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SpooledMessage;

/**
 * APPEND (RFC 3501 section 6.3.11) answering APPENDUID (RFC 4315 section 3). The message literal normally arrives
 * already written to the Maildir's {@code tmp/} ({@link SpooledMessage}); a literal that came inline is stored from
 * memory.
 */
final class AppendCommand implements ImapCommand {

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        ImapReader a = r.args();
        FolderName folder = Args.folder(a);
        a.sp();
        Flags flags = Flags.NONE;
        if (a.peek() == '(') {
            List<String> names = a.flagList();
            flags = FlagNames.fromImap(names);
            a.sp();
        }
        Instant date = null;
        if (a.peek() == '"') {
            date = ImapDates.parseDateTime(a.string()).toInstant();
            a.sp();
        }
        byte[] message = a.stringBytes();
        a.end();
        SpooledMessage spooled = s.spooled();
        if (message.length == 0 && (spooled == null || spooled.size() == 0)) {
            return Completion.no(null, "Can't save a zero byte message.");
        }
        if (!s.store().exists(folder)) {
            return Completion.no("TRYCREATE", "Mailbox does not exist");
        }
        AppendResult result = spooled != null ? spooled.appendTo(folder, flags, date)
                : s.store().append(folder, new ByteArrayInputStream(message), flags, date);
        return Completion.ok("APPENDUID " + result.uidValidity() + " " + result.uid(), "Append completed.");
    }
}
