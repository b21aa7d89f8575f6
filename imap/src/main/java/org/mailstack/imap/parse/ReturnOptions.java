package org.mailstack.imap.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code RETURN (...)} options of SEARCH and SORT: MIN MAX ALL COUNT (RFC 4731), SAVE (RFC 5182), UPDATE and
 * CONTEXT (RFC 5267 section 4), PARTIAL with its range (RFC 9394). Names are upper case, in the order given.
 *
 * @param partial the range of PARTIAL, null without it
 */
public record ReturnOptions(List<String> names, PartialRange partial) {
    /** The options that ask for result data; when none of them is given the answer is ALL (RFC 4731 section 3.1). */
    private static final List<String> RESULT_DATA = List.of("MIN", "MAX", "ALL", "COUNT", "SAVE", "PARTIAL");

    public ReturnOptions {
        names = List.copyOf(names);
        if (names.contains("PARTIAL") != (partial != null)) {
            throw new IllegalArgumentException("PARTIAL and its range go together");
        }
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The names with ALL added when no result data was asked for (RETURN (), RETURN (UPDATE), ...). */
    public List<String> effective() {
        if (names.stream().anyMatch(RESULT_DATA::contains)) {
            return names;
        }
        List<String> out = new ArrayList<>(names);
        out.add("ALL");
        return List.copyOf(out);
    }
}
