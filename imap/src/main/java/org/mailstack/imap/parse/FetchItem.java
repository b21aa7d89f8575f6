package org.mailstack.imap.parse;

import java.util.List;
import java.util.Locale;

/** One fetch attribute of RFC 3501 section 6.4.5. */
public sealed interface FetchItem {

    /** The attributes without arguments. */
    enum Simple implements FetchItem {
        ENVELOPE, FLAGS, INTERNALDATE, RFC822, RFC822_HEADER, RFC822_SIZE, RFC822_TEXT, BODY, BODYSTRUCTURE, UID, MODSEQ;

        /** The name in a FETCH response. */
        public String responseName() {
            return name().replace('_', '.');
        }
    }

    /**
     * {@code BINARY[section]<partial>}, {@code BINARY.PEEK[...]} or {@code BINARY.SIZE[section]} (RFC 3516 section
     * 4.2): the section's content with its Content-Transfer-Encoding undone, or its size so decoded.
     */
    record Binary(Section section, boolean sizeOnly) implements FetchItem {
        /** The name in the response, e.g. {@code BINARY[1]<0>} or {@code BINARY.SIZE[1]}. */
        public String responseName() {
            return (sizeOnly ? "BINARY.SIZE[" : "BINARY[") + section.spec() + "]"
                    + (section.partialStart() >= 0 ? "<" + section.partialStart() + ">" : "");
        }
    }

    /** What part of a body section is wanted ({@code section-msgtext} / {@code section-text}). */
    enum SectionText { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /**
     * {@code BODY[section]<partial>} or {@code BODY.PEEK[...]}, and {@code BINARY[...]} (RFC 3516) forms.
     *
     * @param part part numbers, empty for the whole message
     * @param fields header field names for the HEADER.FIELDS forms, validated as field-name characters
     * @param partialStart -1 when no partial was asked
     */
    record Section(boolean peek, List<Integer> part, SectionText text, List<String> fields, long partialStart,
                   long partialLength) implements FetchItem {
        public Section {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
        }

        /** The section spec as echoed in the response, e.g. {@code 1.HEADER.FIELDS (FROM)} (names upper-cased, as Dovecot does). */
        public String spec() {
            StringBuilder sb = new StringBuilder();
            for (int p : part) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(p);
            }
            if (text != SectionText.ALL) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(text.name().replace('_', '.'));
            }
            if (text == SectionText.HEADER_FIELDS || text == SectionText.HEADER_FIELDS_NOT) {
                sb.append(" (");
                for (int i = 0; i < fields.size(); i++) {
                    sb.append(i == 0 ? "" : " ").append(atomOrQuoted(fields.get(i).toUpperCase(Locale.ROOT)));
                }
                sb.append(')');
            }
            return sb.toString();
        }

        private static String atomOrQuoted(String field) {
            for (int i = 0; i < field.length(); i++) {
                if (!ImapReader.isAstringChar(field.charAt(i))) {
                    return '"' + field.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
                }
            }
            return field;
        }
    }
}
