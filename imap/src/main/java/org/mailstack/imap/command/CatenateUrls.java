package org.mailstack.imap.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.FolderNotFoundException;
import org.mailstack.core.maildir.IncomingMessage;
import org.mailstack.core.maildir.InvalidFolderNameException;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.MimePart;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.parse.FetchParser;
import org.mailstack.imap.parse.ImapUrl;
import org.mailstack.imap.parse.ParseException;
import org.mailstack.imap.session.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The URL parts of CATENATE (RFC 4469 section 3): each {@link ImapUrl} is resolved in the session's own store only
 * (an absolute path names one of the account's mailboxes, a relative one the selected mailbox), its UIDVALIDITY
 * checked, and the octets of the message, or of its section as {@code BODY[section]} would give them, with the
 * partial range applied, are copied into the message being built. Anything that does not resolve is
 * {@code NO [BADURL url]}; a result over the size limit is {@code NO [TOOBIG]}. Views opened on the way are
 * read-only (no \Recent is claimed) and closed with this object.
 */
final class CatenateUrls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatenateUrls.class);
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ECHO = 256;

    private final ImapSession session;
    private final Map<FolderName, MailboxView> views = new HashMap<>();

    CatenateUrls(ImapSession session) {
        this.session = session;
    }

    /**
     * Appends what {@code url} references to {@code out}, at most {@code room} octets; returns the octets copied.
     *
     * @throws NoException {@code BADURL} or {@code TOOBIG}
     */
    long copy(String url, IncomingMessage out, long room) throws IOException {
        ImapUrl u;
        try {
            u = ImapUrl.parse(url);
        } catch (ImapUrl.BadUrlException e) {
            throw badUrl(url, e.getMessage());
        }
        MailboxView view = view(url, u);
        if (u.uidValidity() != 0 && u.uidValidity() != view.uidValidity()) {
            throw badUrl(url, "UIDVALIDITY does not match");
        }
        Optional<MessageInfo> m = view.byUid(u.uid());
        if (m.isEmpty()) {
            throw badUrl(url, "no such message");
        }
        long uid = u.uid();
        long size = m.get().size();
        SectionReader.Content content;
        try {
            content = locate(view, uid, size, u.section());
        } catch (MessageGoneException e) {
            throw badUrl(url, "message expunged meanwhile");
        } catch (ParseException e) {
            throw badUrl(url, "invalid section");
        }
        if (content == null) {
            throw badUrl(url, "no such section");
        }
        long length = Math.max(0, content.length());
        long from = 0;
        long count = length;
        if (u.partialStart() >= 0) {
            from = Math.min(u.partialStart(), length);
            count = u.partialLength() < 0 ? length - from : Math.min(u.partialLength(), length - from);
        }
        if (count > room) {
            throw new NoException("TOOBIG", "Resulting message too big");
        }
        if (content.bytes() != null) {
            out.write(content.bytes(), (int) from, (int) count);
            return count;
        }
        try (FileChannel ch = view.openFile(uid)) {
            copyRange(ch, content.start() + from, count, out);
        } catch (MessageGoneException e) {
            throw badUrl(url, "message expunged meanwhile");
        }
        return count;
    }

    private SectionReader.Content locate(MailboxView view, long uid, long size, String spec) throws IOException {
        if (spec == null) {
            return new SectionReader.Content(0, size, null);
        }
        FetchItem.Section section = FetchParser.sectionSpec(spec);
        MimePart structure = session.server().structures().get(session.account(), view, uid);
        return SectionReader.locate(structure, size, section, () -> view.openBody(uid));
    }

    private static void copyRange(FileChannel ch, long start, long count, IncomingMessage out) throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, count))];
        long position = start;
        long left = count;
        while (left > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, left));
            int n = ch.read(bb, position);
            if (n < 0) {
                throw new IOException("message file shorter than its recorded size");
            }
            out.write(buf, 0, n);
            position += n;
            left -= n;
        }
    }

    private MailboxView view(String url, ImapUrl u) throws IOException {
        FolderName folder;
        if (u.mailbox() == null) {
            if (session.selected() == null) {
                throw badUrl(url, "relative to the selected mailbox, but none is selected");
            }
            folder = session.selected().view().folder();
        } else {
            try {
                folder = FolderName.of(u.mailbox());
            } catch (InvalidFolderNameException e) {
                throw badUrl(url, "invalid mailbox name");
            }
        }
        MailboxView view = views.get(folder);
        if (view == null) {
            try {
                if (!session.store().exists(folder)) {
                    throw badUrl(url, "no such mailbox");
                }
                view = session.store().openView(folder, true);
            } catch (FolderNotFoundException | InvalidPathException e) {
                throw badUrl(url, "no such mailbox");
            }
            views.put(folder, view);
        }
        return view;
    }

    private static NoException badUrl(String url, String reason) {
        LOG.info("CATENATE URL refused: {}", reason);
        return new NoException("BADURL " + echo(url), "Bad URL");
    }

    /**
     * The URL as the response code may carry it (RFC 4469 section 6, {@code url-resp-text}): no CR, LF, NUL or
     * {@code ]}, ASCII only; other octets are %-encoded, and a long one is cut.
     */
    static String echo(String url) {
        StringBuilder sb = new StringBuilder();
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (sb.length() >= MAX_ECHO) {
                break;
            }
            if (c < 0x20 || c >= 0x7f || c == ']') {
                sb.append('%').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.length() == 0 ? "\"\"" : sb.toString();
    }

    @Override
    public void close() {
        for (MailboxView v : views.values()) {
            v.close();
        }
        views.clear();
    }
}
