package org.mailstack.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.core.maildir.AppendItem;
import org.mailstack.core.maildir.AppendResult;
import org.mailstack.core.maildir.Flags;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.IncomingMessage;
import org.mailstack.imap.parse.AppendRequest;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.response.UidSets;
import org.mailstack.imap.session.FlagNames;
import org.mailstack.imap.session.ImapSession;
import org.mailstack.imap.session.SpooledMessage;

/**
 * APPEND (RFC 3501 section 6.3.11) with MULTIAPPEND (RFC 3502) and CATENATE (RFC 4469), answering APPENDUID
 * (RFC 4315 section 3) with the UIDs of all the messages. The data literals normally arrive already written to the
 * Maildir's {@code tmp/} ({@link SpooledMessage}, one per literal); literals that came inline are stored from memory.
 * A CATENATE message is built in a new {@code tmp/} file from its TEXT literals (read back from theirs) and the
 * octets its URLs reference ({@link CatenateUrls}). The messages are then stored all at once or not at all
 * ({@link org.mailstack.core.maildir.MaildirStore#appendAll}): any failure leaves the mailbox as it was.
 */
final class AppendCommand implements ImapCommand {
    private static final int CHUNK = 64 * 1024;

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        try {
            return append(s, r);
        } finally {
            for (SpooledMessage m : s.spooled()) {
                m.close(); // before the tagged response: what it refused is gone from tmp/ when the client hears it
            }
        }
    }

    private static Completion append(ImapSession s, Request r) throws IOException {
        AppendRequest request = AppendRequest.parse(r.args());
        FolderName folder = Args.folder(request.mailbox());
        List<Flags> flags = new ArrayList<>();
        for (AppendRequest.Message m : request.messages()) {
            flags.add(m.flags() == null ? Flags.NONE : FlagNames.fromImap(m.flags()));
        }
        List<SpooledMessage> spooled = s.spooled();
        checkLiterals(request, spooled);
        if (!s.store().exists(folder)) {
            return Completion.no("TRYCREATE", "Mailbox does not exist");
        }
        List<IncomingMessage> built = new ArrayList<>();
        try (CatenateUrls urls = new CatenateUrls(s)) {
            List<AppendItem> items = new ArrayList<>();
            for (int i = 0; i < request.messages().size(); i++) {
                AppendRequest.Message m = request.messages().get(i);
                IncomingMessage message = m.catenate() ? catenate(s, m, spooled, urls, built)
                        : data(s, (AppendRequest.Part.Data) m.parts().get(0), spooled, built);
                if (message.size() == 0) {
                    return Completion.no(null, "Can't save a zero byte message.");
                }
                Instant date = m.date() == null ? null : m.date().toInstant();
                items.add(new AppendItem(message, flags.get(i), date));
            }
            List<AppendResult> results = s.store().appendAll(folder, items);
            List<Long> uids = results.stream().map(AppendResult::uid).toList();
            return Completion.ok("APPENDUID " + results.get(0).uidValidity() + " " + UidSets.format(uids),
                    "Append completed.");
        } finally {
            for (IncomingMessage m : built) {
                m.close();
            }
        }
    }

    /** Every data literal was received to disk, one file each, or every one came inline. */
    private static void checkLiterals(AppendRequest request, List<SpooledMessage> spooled) {
        int count = 0;
        boolean inline = false;
        for (AppendRequest.Message m : request.messages()) {
            for (AppendRequest.Part p : m.parts()) {
                if (p instanceof AppendRequest.Part.Data d) {
                    count++;
                    inline |= d.inline().length > 0;
                }
            }
        }
        if (!spooled.isEmpty() && (spooled.size() != count || inline)) {
            throw new ParseException("Literals do not match the command");
        }
    }

    /** A data literal as a received message: its spooled file, or (inline) a new one written from memory. */
    private static IncomingMessage data(ImapSession s, AppendRequest.Part.Data d, List<SpooledMessage> spooled,
                                        List<IncomingMessage> built) throws IOException {
        if (!spooled.isEmpty()) {
            return spooled.get(d.index()).message();
        }
        IncomingMessage m = s.store().receive();
        built.add(m);
        m.write(d.inline(), 0, d.inline().length);
        return m;
    }

    /** Builds a CATENATE message (RFC 4469 section 3) in a new file, its parts in order. */
    private static IncomingMessage catenate(ImapSession s, AppendRequest.Message m, List<SpooledMessage> spooled,
                                            CatenateUrls urls, List<IncomingMessage> built) throws IOException {
        long max = s.server().maxMessageSize();
        IncomingMessage out = s.store().receive();
        built.add(out);
        for (AppendRequest.Part p : m.parts()) {
            long room = max - out.size();
            if (p instanceof AppendRequest.Part.Url u) {
                urls.copy(u.url(), out, room);
            } else {
                AppendRequest.Part.Data d = (AppendRequest.Part.Data) p;
                if (spooled.isEmpty()) {
                    if (d.inline().length > room) {
                        throw new NoException("TOOBIG", "Resulting message too big");
                    }
                    out.write(d.inline(), 0, d.inline().length);
                } else {
                    IncomingMessage text = spooled.get(d.index()).message();
                    if (text.size() > room) {
                        throw new NoException("TOOBIG", "Resulting message too big");
                    }
                    try (InputStream in = text.openReceived()) {
                        copy(in, out);
                    }
                }
            }
        }
        return out;
    }

    private static void copy(InputStream in, IncomingMessage out) throws IOException {
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }
}
