package org.mailstack.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the arguments of FETCH / UID FETCH (RFC 3501 sections 6.4.5 and 9, RFC 7162 section 3.1.4, RFC 9394
 * section 3.2).
 */
public final class FetchParser {
    private static final List<FetchItem> FAST =
            List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE);

    private FetchParser() {
    }

    /** Parses {@code sequence-set SP (macro / att / "(" att *(SP att) ")") [SP modifiers]} and the line end. */
    public static FetchRequest parse(ImapReader r) {
        SequenceSet set = r.sequenceSet();
        r.sp();
        List<FetchItem> items = new ArrayList<>();
        if (r.consume('(')) {
            items.add(item(r));
            while (r.consume(' ')) {
                items.add(item(r));
            }
            r.expect(')');
        } else if (r.consumeWord("ALL")) {
            items.addAll(FAST);
            items.add(FetchItem.Simple.ENVELOPE);
        } else if (r.consumeWord("FAST")) {
            items.addAll(FAST);
        } else if (r.consumeWord("FULL")) {
            items.addAll(FAST);
            items.add(FetchItem.Simple.ENVELOPE);
            items.add(FetchItem.Simple.BODY);
        } else {
            items.add(item(r));
        }
        long changedSince = -1;
        boolean vanished = false;
        PartialRange partial = null;
        if (r.consume(' ')) {
            r.expect('(');
            do {
                if (r.consumeWord("CHANGEDSINCE ")) {
                    changedSince = r.number();
                } else if (r.consumeWord("VANISHED")) {
                    vanished = true;
                } else if (r.consumeWord("PARTIAL ") && partial == null) {
                    partial = PartialRange.parse(r);
                } else {
                    throw new ParseException("Unknown FETCH modifier");
                }
            } while (r.consume(' '));
            r.expect(')');
            if (vanished && changedSince < 0) {
                throw new ParseException("VANISHED needs CHANGEDSINCE");
            }
        }
        r.end();
        return new FetchRequest(set, items, changedSince, vanished, partial);
    }

    /** A parenthesised list of fetch attributes, {@code "(" fetch-att *(SP fetch-att) ")"} (NOTIFY's MessageNew). */
    public static List<FetchItem> attList(ImapReader r) {
        List<FetchItem> items = new ArrayList<>();
        r.expect('(');
        items.add(item(r));
        while (r.consume(' ')) {
            items.add(item(r));
        }
        r.expect(')');
        return items;
    }

    static FetchItem item(ImapReader r) {
        String name = r.fetchAttName().toUpperCase(Locale.ROOT);
        if (r.peek() == '[') {
            return switch (name) {
                case "BODY" -> section(r, false);
                case "BODY.PEEK" -> section(r, true);
                case "BINARY" -> new FetchItem.Binary(section(r, false), false);
                case "BINARY.PEEK" -> new FetchItem.Binary(section(r, true), false);
                case "BINARY.SIZE" -> {
                    FetchItem.Section s = section(r, true);
                    if (s.partialStart() >= 0) {
                        throw new ParseException("BINARY.SIZE takes no partial");
                    }
                    yield new FetchItem.Binary(s, true);
                }
                default -> throw new ParseException("Unknown fetch attribute");
            };
        }
        return switch (name) {
            case "ENVELOPE" -> FetchItem.Simple.ENVELOPE;
            case "FLAGS" -> FetchItem.Simple.FLAGS;
            case "INTERNALDATE" -> FetchItem.Simple.INTERNALDATE;
            case "RFC822" -> FetchItem.Simple.RFC822;
            case "RFC822.HEADER" -> FetchItem.Simple.RFC822_HEADER;
            case "RFC822.SIZE" -> FetchItem.Simple.RFC822_SIZE;
            case "RFC822.TEXT" -> FetchItem.Simple.RFC822_TEXT;
            case "BODY" -> FetchItem.Simple.BODY;
            case "BODYSTRUCTURE" -> FetchItem.Simple.BODYSTRUCTURE;
            case "UID" -> FetchItem.Simple.UID;
            case "MODSEQ" -> FetchItem.Simple.MODSEQ;
            default -> throw new ParseException("Unknown fetch attribute");
        };
    }

    /**
     * A section spec alone, as between the brackets of {@code BODY[...]} (an IMAP URL's {@code ;SECTION=}, RFC 5092
     * section 9); no partial.
     */
    public static FetchItem.Section sectionSpec(String spec) {
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[' || c == ']' || c == '<' || c == '>' || c < 0x20 || c == 0x7f) {
                throw new ParseException("Invalid section");
            }
        }
        ImapReader r = ImapReader.of("[" + spec + "]");
        FetchItem.Section s = section(r, true);
        r.end();
        return s;
    }

    private static FetchItem.Section section(ImapReader r, boolean peek) {
        r.expect('[');
        List<Integer> part = new ArrayList<>();
        FetchItem.SectionText text = FetchItem.SectionText.ALL;
        List<String> fields = List.of();
        while (r.peek() >= '0' && r.peek() <= '9') {
            part.add((int) Math.min(r.number(), Integer.MAX_VALUE)); // 0 names no part: empty, as in Dovecot
            if (!r.consume('.')) {
                break;
            }
        }
        boolean afterDot = !part.isEmpty() && r.peek() != ']';
        if (r.peek() != ']') {
            if (!part.isEmpty() && !afterDot) {
                throw new ParseException("Invalid section");
            }
            String word = r.atom().toUpperCase(Locale.ROOT);
            text = switch (word) {
                case "HEADER" -> FetchItem.SectionText.HEADER;
                case "HEADER.FIELDS" -> FetchItem.SectionText.HEADER_FIELDS;
                case "HEADER.FIELDS.NOT" -> FetchItem.SectionText.HEADER_FIELDS_NOT;
                case "TEXT" -> FetchItem.SectionText.TEXT;
                case "MIME" -> {
                    if (part.isEmpty()) {
                        throw new ParseException("MIME needs a part number");
                    }
                    yield FetchItem.SectionText.MIME;
                }
                default -> throw new ParseException("Invalid section");
            };
            if (text == FetchItem.SectionText.HEADER_FIELDS || text == FetchItem.SectionText.HEADER_FIELDS_NOT) {
                r.sp();
                fields = headerList(r);
            }
        }
        r.expect(']');
        long start = -1;
        long length = -1;
        if (r.consume('<')) {
            start = r.number();
            // <start> alone (to the end) is accepted too, as other servers do
            length = r.consume('.') ? r.nzNumber() : Long.MAX_VALUE;
            r.expect('>');
        }
        return new FetchItem.Section(peek, part, text, fields, start, length);
    }

    /** {@code header-list = "(" header-fld-name *(SP header-fld-name) ")"}; names must be RFC 5322 ftext. */
    static List<String> headerList(ImapReader r) {
        r.expect('(');
        List<String> names = new ArrayList<>();
        do {
            String name = r.astring();
            if (name.isEmpty()) {
                throw new ParseException("Empty header field name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= 32 || c >= 127 || c == ':') {
                    throw new ParseException("Invalid header field name");
                }
            }
            names.add(name);
        } while (r.consume(' '));
        r.expect(')');
        return names;
    }
}
