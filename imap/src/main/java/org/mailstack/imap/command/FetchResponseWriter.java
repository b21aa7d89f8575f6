package org.mailstack.imap.command;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.imap.mime.MimePart;
import org.mailstack.imap.parse.FetchItem;
import org.mailstack.imap.parse.ImapDates;
import org.mailstack.imap.response.BodyStructureWriter;
import org.mailstack.imap.response.EnvelopeWriter;
import org.mailstack.imap.response.ImapWriter;
import org.mailstack.imap.session.FlagNames;
import org.mailstack.imap.session.ImapSession;

/**
 * Writes one {@code * n FETCH (...)} response (RFC 3501 section 7.4.2) for a list of fetch items.
 *
 * <p>A response is never cut. Everything that can fail is done before its first octet is written: the message
 * file is opened (once) when an item streams from it, the structure and the top-level header come from the shared
 * caches or from that file, header fields are filtered and every literal's length is known. What is written then
 * comes from memory or from the open file, which stays readable when another session expunges the message
 * meanwhile; a read error pads the literal to its announced length. A message that cannot be served (its file gone
 * and what the items need not cached) gets no response at all, and FETCH answers NO [EXPUNGEISSUED]
 * (RFC 2180 section 4.1.3); whatever can be served is served (section 4.1.1).
 */
final class FetchResponseWriter {
    private static final FetchItem.Section WHOLE = section(FetchItem.SectionText.ALL);
    private static final FetchItem.Section HEADER = section(FetchItem.SectionText.HEADER);
    private static final FetchItem.Section TEXT = section(FetchItem.SectionText.TEXT);
    private static final byte[] EMPTY = new byte[0];

    private final ImapSession session;
    private final MailboxView view;
    private final List<FetchItem> items;
    private final boolean streams;
    private boolean damaged;

    FetchResponseWriter(ImapSession session, List<FetchItem> items) {
        this.session = session;
        this.view = session.selected().view();
        this.items = items;
        this.streams = items.stream().anyMatch(FetchResponseWriter::streams);
    }

    /** Whether a file read failed while a literal was written, so that it was padded. */
    boolean damaged() {
        return damaged;
    }

    /**
     * Writes the response of one message.
     *
     * @throws org.mailstack.core.maildir.MessageGoneException before anything is written, when the message
     *         cannot be served
     */
    void write(int seq, MessageInfo m, boolean addFlags) throws IOException, BinarySection.UnknownCteException {
        try (Message message = new Message(m)) {
            if (streams) {
                message.file();
            }
            List<Prepared> parts = new ArrayList<>(items.size() + 2);
            boolean flagsWritten = false;
            if (addFlags) { // \Seen was just set: FLAGS first, as Dovecot sends it
                parts.add(simple(FetchItem.Simple.FLAGS, message));
                flagsWritten = true;
            }
            for (FetchItem item : items) {
                if (item instanceof FetchItem.Simple simple) {
                    flagsWritten |= simple == FetchItem.Simple.FLAGS;
                    parts.add(simple(simple, message));
                } else if (item instanceof FetchItem.Binary b) {
                    parts.add(binary(b, message));
                } else {
                    FetchItem.Section s = (FetchItem.Section) item;
                    parts.add(section("BODY[" + s.spec() + "]" + (s.partialStart() >= 0 ? "<" + s.partialStart()
                            + ">" : ""), s, message));
                }
            }
            if (session.condstore() && flagsWritten && !items.contains(FetchItem.Simple.MODSEQ)) {
                parts.add(simple(FetchItem.Simple.MODSEQ, message));
            }
            ImapWriter w = session.writer();
            w.untagged().number(seq).atom("FETCH").open();
            for (Prepared p : parts) {
                p.write(w);
            }
            w.close().crlf();
            damaged |= message.file != null && message.file.failed();
        }
    }

    /** One item, ready: writing it can fail only on the connection. */
    @FunctionalInterface
    private interface Prepared {
        void write(ImapWriter w) throws IOException;
    }

    private Prepared simple(FetchItem.Simple item, Message message) throws IOException {
        MessageInfo m = message.info;
        String name = item.responseName();
        return switch (item) {
            case UID -> w -> w.atom(name).number(m.uid());
            case FLAGS -> w -> w.atom(name).atomList(FlagNames.toImap(m.flags(), session.selected().shownRecent(m.uid())));
            case INTERNALDATE -> {
                String date = ImapDates.formatDateTime(m.internalDate().toEpochMilli());
                yield w -> w.atom(name).string(date);
            }
            case RFC822_SIZE -> w -> w.atom(name).number(m.size());
            case MODSEQ -> w -> w.atom(name).open().number(m.modSeq()).close();
            case ENVELOPE -> {
                MimePart structure = message.structure();
                yield w -> EnvelopeWriter.write(w.atom(name), structure.envelope());
            }
            case BODY, BODYSTRUCTURE -> {
                MimePart structure = message.structure();
                yield w -> BodyStructureWriter.write(w.atom(name), structure, item == FetchItem.Simple.BODYSTRUCTURE);
            }
            case RFC822 -> section(name, WHOLE, message);
            case RFC822_HEADER -> section(name, HEADER, message);
            case RFC822_TEXT -> section(name, TEXT, message);
        };
    }

    private Prepared section(String name, FetchItem.Section s, Message message) throws IOException {
        SectionReader.Content c = locate(s, message);
        if (c == null) {
            return w -> w.atom(name).literal(EMPTY); // a part that does not exist reads as empty, as in Dovecot
        }
        long length = Math.max(0, c.length());
        long from = 0;
        long count = length;
        if (s.partialStart() >= 0) {
            from = Math.min(s.partialStart(), length);
            count = Math.min(s.partialLength(), length - from);
        }
        if (c.bytes() != null) {
            byte[] bytes = from == 0 && count == c.bytes().length ? c.bytes()
                    : Arrays.copyOfRange(c.bytes(), (int) from, (int) (from + count));
            return w -> w.atom(name).literal(bytes);
        }
        MessageFile file = message.file();
        long start = c.start() + from;
        long n = count;
        return w -> w.atom(name).literal(file.from(start), n);
    }

    /**
     * The octets of a section. The top-level header and the sections made of it come from the header cache (or
     * the start of the file), so header fields need neither the structure nor, once cached, the file; the rest
     * from the structure's offsets.
     */
    private SectionReader.Content locate(FetchItem.Section s, Message message) throws IOException {
        long size = message.info.size();
        if (s.part().isEmpty()) {
            switch (s.text()) {
                case ALL:
                    return new SectionReader.Content(0, size, null);
                case TEXT:
                    return new SectionReader.Content(message.bodyStart(), size, null);
                case HEADER:
                case HEADER_FIELDS:
                case HEADER_FIELDS_NOT:
                    byte[] header = message.topHeader();
                    if (header.length >= MessageText.MAX_HEADER) {
                        break; // cut: the structure knows where it ends
                    }
                    if (s.text() == FetchItem.SectionText.HEADER) {
                        return new SectionReader.Content(0, 0, header);
                    }
                    return new SectionReader.Content(0, 0, SectionReader.filter(header, s.fields(),
                            s.text() == FetchItem.SectionText.HEADER_FIELDS));
                default:
                    break;
            }
        }
        return SectionReader.locate(message.structure(), size, s, message::stream);
    }

    private Prepared binary(FetchItem.Binary b, Message message) throws IOException, BinarySection.UnknownCteException {
        BinarySection content = BinarySection.of(message.structure(), message.info.size(), b.section(),
                message::stream);
        long length = content.size();
        String name = b.responseName();
        if (b.sizeOnly()) {
            return w -> w.atom(name).number(length);
        }
        long partialStart = b.section().partialStart();
        long from = partialStart >= 0 ? Math.min(partialStart, length) : 0;
        long count = partialStart >= 0 ? Math.min(b.section().partialLength(), length - from) : length;
        boolean literal8 = content.needsLiteral8(from, count);
        return w -> content.write(w.atom(name), from, count, literal8);
    }

    /** Whether an item reads the body from the file (rather than only the caches' header or structure). */
    private static boolean streams(FetchItem item) {
        if (item instanceof FetchItem.Binary) {
            return true;
        }
        if (item instanceof FetchItem.Section s) {
            return !s.part().isEmpty() || s.text() == FetchItem.SectionText.ALL
                    || s.text() == FetchItem.SectionText.TEXT || s.text() == FetchItem.SectionText.MIME;
        }
        return item == FetchItem.Simple.RFC822 || item == FetchItem.Simple.RFC822_TEXT;
    }

    private static FetchItem.Section section(FetchItem.SectionText text) {
        return new FetchItem.Section(true, List.of(), text, List.of(), -1, -1);
    }

    /** What one message's items need, each obtained at most once: the open file, the structure, the header. */
    private final class Message implements AutoCloseable {
        private final MessageInfo info;
        private MessageFile file;
        private MimePart structure;
        private byte[] topHeader;

        Message(MessageInfo info) {
            this.info = info;
        }

        MessageFile file() throws IOException {
            if (file == null) {
                file = MessageFile.open(view, info.uid());
            }
            return file;
        }

        /** The file from its start, buffered, for scans (the structure, a part's header, decoding). */
        InputStream stream() throws IOException {
            return new BufferedInputStream(file().from(0), 16 * 1024);
        }

        MimePart structure() throws IOException {
            if (structure == null) {
                structure = session.server().structures().get(session.account(), view, info.uid(),
                        () -> file().from(0));
            }
            return structure;
        }

        byte[] topHeader() throws IOException {
            if (topHeader == null) {
                topHeader = session.server().headers().raw(session.account(), view, info.uid(),
                        () -> MessageText.readTopHeader(file().from(0)));
            }
            return topHeader;
        }

        /** Where the top-level body starts: after the header, or where the structure says for a huge header. */
        long bodyStart() throws IOException {
            byte[] header = topHeader();
            return header.length < MessageText.MAX_HEADER ? header.length : structure().bodyStart();
        }

        @Override
        public void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
