package org.mailstack.imap.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.mailstack.core.maildir.Flags;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.parse.ParseException;

/** Flags between their IMAP spelling (RFC 3501 section 2.3.2) and the store's {@link Flags}. */
public final class FlagNames {

    private FlagNames() {
    }

    /** The IMAP flags of a message, with \Recent when it is recent in this session. */
    public static List<String> toImap(Flags flags, boolean recent) {
        List<String> out = new ArrayList<>();
        for (SystemFlag f : SystemFlag.values()) {
            if (flags.contains(f)) {
                out.add(f.imapName());
            }
        }
        if (recent) {
            out.add("\\Recent");
        }
        out.addAll(flags.keywords());
        return out;
    }

    /**
     * Parses client flags: system flags by name, keywords as atoms.
     *
     * @throws ParseException for an unknown system flag
     */
    public static Flags fromImap(List<String> names) {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String n : names) {
            if (n.startsWith("\\")) {
                Optional<SystemFlag> f = SystemFlag.fromImapName(n);
                if (f.isEmpty()) {
                    if (n.equalsIgnoreCase("\\Recent")) {
                        continue;
                    }
                    throw new ParseException("Invalid system flag");
                }
                system.add(f.get());
            } else {
                keywords.add(n);
            }
        }
        return new Flags(system, keywords);
    }
}
