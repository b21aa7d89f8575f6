package org.mailstack.core.maildir;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.TreeSet;

/**
 * Flags in the info part of a {@code cur/} file name: {@code :2,} then letters in ASCII order (maildir(5)).
 * System flags are the uppercase letters of {@link SystemFlag}; keywords are {@code a..z} through the folder's
 * {@link Keywords} table. Letters this store does not know (e.g. {@code P}, "passed", or a keyword letter missing from
 * the table) are kept as they are when flags change, so other tools' information is never lost.
 */
final class FlagCodec {
    private FlagCodec() {
    }

    /** Decoded flags plus the letters kept verbatim. */
    record Decoded(Flags flags, String unknownLetters) {
    }

    static Decoded decode(String letters, Keywords keywords) {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        TreeSet<String> kw = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        StringBuilder unknown = new StringBuilder();
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            var sys = SystemFlag.fromLetter(c);
            if (sys.isPresent()) {
                system.add(sys.get());
                continue;
            }
            String name = c >= 'a' && c <= 'z' ? keywords.nameOf(c) : null;
            if (name != null) {
                kw.add(name);
            } else if (c > ' ' && c < 0x7f && c != '/') {
                unknown.append(c);
            }
        }
        return new Decoded(new Flags(system, kw), unknown.toString());
    }

    static Flags flagsOf(String fileName, Keywords keywords) {
        return decode(MaildirNames.flagLetters(fileName), keywords).flags();
    }

    /** The sorted letters for {@code flags}, defining keyword letters as needed (caller holds the folder lock). */
    static String encode(Flags flags, String unknownLetters, Keywords keywords) throws IOException {
        StringBuilder letters = new StringBuilder(unknownLetters);
        for (SystemFlag f : flags.system()) {
            letters.append(f.letter());
        }
        for (String k : flags.keywords()) {
            letters.append(keywords.letterOrCreate(k));
        }
        char[] sorted = letters.toString().toCharArray();
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder();
        for (char c : sorted) {
            if (out.length() == 0 || out.charAt(out.length() - 1) != c) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The full {@code cur/} name for a base name and letters. */
    static String curName(String baseName, String letters) {
        return baseName + ":2," + letters;
    }
}
