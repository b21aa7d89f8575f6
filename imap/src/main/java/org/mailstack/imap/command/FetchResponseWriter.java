package org.mailstack.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.MimePart;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.parse.ImapDates;
import org.mailstack.imap.response.BodyStructureWriter;
import org.mailstack.imap.response.EnvelopeWriter;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.FlagNames;
import org.mailstack.imap.session.ImapSession;

/** Writes one {@code * n FETCH (...)} response (RFC 3501 section 7.4.2) for a list of fetch items. */
final class FetchResponseWriter {
    private static final FetchItem.Section WHOLE = section(FetchItem.SectionText.ALL);
    private static final FetchItem.Section HEADER = section(FetchItem.SectionText.HEADER);
    private static final FetchItem.Section TEXT = section(FetchItem.SectionText.TEXT);

    private final ImapSession session;
    private final MailboxView view;
    private final List<FetchItem> items;
    private final boolean needsStructure;
    private final boolean readsBody;
    private boolean gone;

    FetchResponseWriter(ImapSession session, List<FetchItem> items) {
        this.session = session;
        this.view = session.selected().view();
        this.items = items;
        this.needsStructure = items.stream().anyMatch(FetchResponseWriter::needsStructure);
        this.readsBody = items.stream().anyMatch(i -> i instanceof FetchItem.Section || i instanceof FetchItem.Binary
                || i == FetchItem.Simple.RFC822);
    }

    /** Whether a message vanished while its response was being written. */
    boolean sawExpunged() {
        return gone;
    }

    void write(int seq, MessageInfo m, boolean addFlags) throws IOException, BinarySection.UnknownCteException {
        MimePart structure = needsStructure ? session.server().structures().get(session.account(), view, m.uid())
                : null;
        if (readsBody) {
            // fails with MessageGoneException before any of the response is written (the structure may be cached)
            view.openBody(m.uid()).close();
        }
        java.util.Map<FetchItem.Binary, BinarySection> binaries = new java.util.HashMap<>();
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Binary b) { // located first: an unknown encoding writes nothing
                binaries.put(b, BinarySection.of(structure, m.size(), b.section(), () -> view.openBody(m.uid())));
            }
        }
        ImapWriter w = session.writer();
        w.untagged().number(seq).atom("FETCH").open();
        boolean flagsWritten = false;
        if (addFlags) { // \Seen was just set: FLAGS first, as Dovecot sends it
            simple(w, FetchItem.Simple.FLAGS, m, structure);
            flagsWritten = true;
        }
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Simple simple) {
                flagsWritten |= simple == FetchItem.Simple.FLAGS;
                simple(w, simple, m, structure);
            } else if (item instanceof FetchItem.Binary b) {
                w.atom(b.responseName());
                if (b.sizeOnly()) {
                    w.number(binaries.get(b).size());
                } else {
                    binaries.get(b).write(w, b.section().partialStart(), b.section().partialLength());
                }
            } else {
                FetchItem.Section s = (FetchItem.Section) item;
                w.atom("BODY[" + s.spec() + "]"
                        + (s.partialStart() >= 0 ? "<" + s.partialStart() + ">" : ""));
                section(w, m, structure, s);
            }
        }
        if (session.condstore() && flagsWritten && !items.contains(FetchItem.Simple.MODSEQ)) {
            simple(w, FetchItem.Simple.MODSEQ, m, structure);
        }
        w.close().crlf();
    }

    private void simple(ImapWriter w, FetchItem.Simple item, MessageInfo m, MimePart structure) throws IOException {
        w.atom(item.responseName());
        switch (item) {
            case UID -> w.number(m.uid());
            case FLAGS -> w.atomList(FlagNames.toImap(m.flags(), view.isRecent(m.uid())));
            case INTERNALDATE -> w.string(ImapDates.formatDateTime(m.internalDate().toEpochMilli()));
            case RFC822_SIZE -> w.number(m.size());
            case MODSEQ -> w.open().number(m.modSeq()).close();
            case ENVELOPE -> EnvelopeWriter.write(w, structure.envelope());
            case BODY -> BodyStructureWriter.write(w, structure, false);
            case BODYSTRUCTURE -> BodyStructureWriter.write(w, structure, true);
            case RFC822 -> section(w, m, structure, WHOLE);
            case RFC822_HEADER -> section(w, m, structure, HEADER);
            case RFC822_TEXT -> section(w, m, structure, TEXT);
            default -> throw new IllegalStateException(item.name());
        }
    }

    private void section(ImapWriter w, MessageInfo m, MimePart structure, FetchItem.Section s) throws IOException {
        SectionReader.Opener opener = () -> view.openBody(m.uid());
        SectionReader.Content c = SectionReader.locate(structure, m.size(), s, opener);
        if (c == null) {
            w.literal(new byte[0]); // a part that does not exist reads as empty, as in Dovecot
            return;
        }
        long length = c.length();
        long from = 0;
        long count = length;
        if (s.partialStart() >= 0) {
            from = Math.min(s.partialStart(), length);
            count = Math.min(s.partialLength(), length - from);
        }
        if (c.bytes() != null) {
            w.literal(java.util.Arrays.copyOfRange(c.bytes(), (int) from, (int) (from + count)));
            return;
        }
        InputStream in;
        try {
            in = opener.open();
        } catch (MessageGoneException e) {
            w.literal(new byte[0]); // expunged since the check above: keep the response well-formed
            gone = true;
            return;
        }
        try (in) {
            in.skipNBytes(c.start() + from);
            w.literal(in, count);
        }
    }

    /** Whether an item needs the parsed structure; flags, sizes, dates and the whole message do not. */
    private static boolean needsStructure(FetchItem item) {
        if (item instanceof FetchItem.Section s) {
            return !s.part().isEmpty() || s.text() != FetchItem.SectionText.ALL;
        }
        if (item instanceof FetchItem.Binary) {
            return true;
        }
        return switch ((FetchItem.Simple) item) {
            case UID, FLAGS, INTERNALDATE, RFC822_SIZE, MODSEQ, RFC822 -> false;
            default -> true;
        };
    }

    private static FetchItem.Section section(FetchItem.SectionText text) {
        return new FetchItem.Section(true, List.of(), text, List.of(), -1, -1);
    }
}
