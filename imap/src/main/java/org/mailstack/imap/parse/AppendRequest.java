package org.mailstack.imap.parse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND arguments (RFC 3501 section 6.3.11) with MULTIAPPEND (RFC 3502: several messages in one command) and
 * CATENATE (RFC 4469: a message made of TEXT literals and URLs of stored messages or parts):
 * <pre>
 * append         = "APPEND" SP mailbox 1*append-message
 * append-message = [SP flag-list] [SP date-time] SP append-data
 * append-data    = literal / literal8 / "CATENATE" SP "(" cat-part *(SP cat-part) ")"
 * cat-part       = "TEXT" SP literal / "URL" SP astring
 * </pre>
 * Message and TEXT literals are the command's <em>data literals</em>, numbered in order ({@link Part.Data#index}):
 * the framing layer streams them to disk and hands the command over with each written as {@code {0}}.
 * A command holds at most {@link #MAX_PARTS} messages and catenated parts in all.
 */
public record AppendRequest(String mailbox, List<Message> messages) {
    /** The most messages and CATENATE parts (TEXT and URL) one APPEND may carry in all. */
    public static final int MAX_PARTS = 1000;

    /** Where a literal marker stands in an APPEND command. */
    public enum LiteralKind { MESSAGE, TEXT }

    public AppendRequest {
        messages = List.copyOf(messages);
    }

    /**
     * One message.
     *
     * @param flags the flag list as given, or null when there is none
     * @param date the date-time, or null
     * @param catenate whether the message is a CATENATE list (else {@code parts} is one data literal)
     */
    public record Message(List<String> flags, OffsetDateTime date, boolean catenate, List<Part> parts) {
        public Message {
            flags = flags == null ? null : List.copyOf(flags);
            parts = List.copyOf(parts);
        }
    }

    /** A part of a message: a data literal, or a URL (CATENATE). */
    public sealed interface Part {
        /** The {@code index}th data literal of the command; {@code inline} are its octets as they came in the command. */
        record Data(int index, byte[] inline) implements Part {
        }

        /** An IMAP URL (RFC 5092) as given. */
        record Url(String url) implements Part {
        }
    }

    /** Parses the arguments after {@code APPEND SP}. */
    public static AppendRequest parse(ImapReader r) {
        List<Message> out = new ArrayList<>();
        String mailbox = new Walk(r, false).run(out);
        return new AppendRequest(mailbox, out);
    }

    /**
     * What the literal whose marker ({@code {n}}, {@code {n+}}, {@code ~{n}}) follows {@code prefix} is: a message
     * or a CATENATE TEXT literal of an APPEND command, or null for any other literal (a mailbox name, a URL, or not
     * an APPEND at all). {@code prefix} is the command so far, data literals already written as {@code {0}}.
     */
    public static LiteralKind literalAt(byte[] prefix) {
        ImapReader r = new ImapReader(prefix).utf8Mailboxes(true); // only the shape matters here, not the name
        try {
            r.tag();
            r.sp();
            if (!r.atom().equalsIgnoreCase("APPEND")) {
                return null;
            }
            r.sp();
            Walk w = new Walk(r, true);
            w.run(new ArrayList<>());
            return w.found;
        } catch (RuntimeException e) { // not an APPEND that parses up to here, or a marker elsewhere
            return null;
        }
    }

    /** Whether a command starts with {@code tag APPEND SP}. */
    public static boolean isAppend(byte[] command) {
        ImapReader r = new ImapReader(command);
        try {
            r.tag();
            r.sp();
            return r.atom().equalsIgnoreCase("APPEND") && r.peek() == ' ';
        } catch (ParseException e) {
            return false;
        }
    }

    /** Thrown in prefix mode when the prefix ends where no data literal can be. */
    private static final class AtMarker extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AtMarker() {
            super(null, null, false, false);
        }
    }

    /** One walk over the grammar; in prefix mode it stops where the prefix ends and tells what stands there. */
    private static final class Walk {
        private final ImapReader r;
        private final boolean prefix;
        private LiteralKind found;
        private int dataLiterals;
        private int parts;

        Walk(ImapReader r, boolean prefix) {
            this.r = r;
            this.prefix = prefix;
        }

        String run(List<Message> out) {
            String mailbox = r.mailbox();
            do {
                r.sp();
                List<String> flags = null;
                if (r.peek() == '(') {
                    flags = r.flagList();
                    r.sp();
                }
                OffsetDateTime date = null;
                if (r.peek() == '"') {
                    date = ImapDates.parseDateTime(r.string());
                    r.sp();
                }
                count();
                if (atEnd(LiteralKind.MESSAGE)) {
                    return null;
                }
                if (r.consumeWord("CATENATE")) {
                    r.sp();
                    r.expect('(');
                    List<Part> catenated = new ArrayList<>();
                    do {
                        if (!catenated.isEmpty()) {
                            count();
                        }
                        if (r.consumeWord("TEXT ")) {
                            if (atEnd(LiteralKind.TEXT)) {
                                return null;
                            }
                            catenated.add(data());
                        } else if (r.consumeWord("URL ")) {
                            if (r.peek() == -1) {
                                throw new AtMarker(); // a URL given as a literal: held as usual
                            }
                            catenated.add(new Part.Url(r.astring()));
                        } else {
                            throw new ParseException("Expected TEXT or URL in CATENATE");
                        }
                    } while (r.consume(' '));
                    r.expect(')');
                    out.add(new Message(flags, date, true, catenated));
                } else {
                    out.add(new Message(flags, date, false, List.of(data())));
                }
            } while (r.peek() == ' ');
            if (prefix) {
                throw new AtMarker();
            }
            r.end();
            return mailbox;
        }

        private void count() {
            if (++parts > MAX_PARTS && !prefix) { // the framing layer counts the literals itself
                throw new ParseException("Too many messages or parts in one APPEND");
            }
        }

        /** In prefix mode: whether the prefix ends here, where a data literal of {@code kind} can be. */
        private boolean atEnd(LiteralKind kind) {
            if (prefix && r.peek() == -1) {
                found = kind;
                return true;
            }
            return false;
        }

        private Part.Data data() {
            int c = r.peek();
            if (c != '{' && c != '~') {
                throw new ParseException("Expected a literal");
            }
            return new Part.Data(dataLiterals++, r.stringBytes());
        }
    }
}
