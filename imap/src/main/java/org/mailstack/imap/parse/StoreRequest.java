package org.mailstack.imap.parse;

import java.util.List;
import java.util.Locale;

/**
 * STORE arguments (RFC 3501 section 6.4.6) with CONDSTORE's {@code UNCHANGEDSINCE} (RFC 7162 section 3.1.3;
 * -1 when absent).
 */
public record StoreRequest(SequenceSet set, Mode mode, boolean silent, List<String> flags, long unchangedSince) {

    public enum Mode { REPLACE, ADD, REMOVE }

    public StoreRequest {
        flags = List.copyOf(flags);
    }

    public static StoreRequest parse(ImapReader r) {
        SequenceSet set = r.sequenceSet();
        r.sp();
        long unchangedSince = -1;
        if (r.consume('(')) {
            if (!r.consumeWord("UNCHANGEDSINCE ")) {
                throw new ParseException("Unknown STORE modifier");
            }
            unchangedSince = r.number();
            r.expect(')');
            r.sp();
        }
        Mode mode = Mode.REPLACE;
        if (r.consume('+')) {
            mode = Mode.ADD;
        } else if (r.consume('-')) {
            mode = Mode.REMOVE;
        }
        String item = r.atom().toUpperCase(Locale.ROOT);
        boolean silent;
        if (item.equals("FLAGS")) {
            silent = false;
        } else if (item.equals("FLAGS.SILENT")) {
            silent = true;
        } else {
            throw new ParseException("Invalid STORE data item");
        }
        r.sp();
        List<String> flags = r.flagList();
        for (String f : flags) {
            if (f.equals("\\*") || f.equalsIgnoreCase("\\Recent")) {
                throw new ParseException("Flag cannot be stored");
            }
        }
        r.end();
        return new StoreRequest(set, mode, silent, flags, unchangedSince);
    }
}
