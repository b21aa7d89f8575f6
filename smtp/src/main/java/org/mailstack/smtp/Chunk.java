package org.mailstack.smtp;

/**
 * One BDAT command's arguments (RFC 3030 section 2): {@code chunk-size [LAST]}, the size in ASCII digits.
 *
 * @param size octets of message data that follow the command line
 * @param last whether this chunk ends the message
 */
record Chunk(long size, boolean last) {
    private static final int MAX_SIZE_DIGITS = 18;

    /**
     * Parses {@code arguments} (what follows {@code BDAT}) for a message that has received {@code received} octets
     * and may have {@code max} in all. A size that is no number is {@code 501}; one that would take the message over
     * {@code max}, however many digits it has, is {@code 552}; so is an empty chunk that is not the last (it would
     * let a client send BDAT lines without end).
     */
    static Chunk parse(String arguments, long received, long max) throws ChunkRefusal {
        String[] words = arguments.trim().split(" +");
        if (words.length < 1 || words.length > 2 || !words[0].matches("[0-9]+")
                || words.length == 2 && !words[1].equalsIgnoreCase("LAST")) {
            throw ChunkRefusal.syntax();
        }
        boolean last = words.length == 2;
        long size = octets(words[0]);
        if (size > max - received) {
            throw ChunkRefusal.tooBig();
        }
        if (size == 0 && !last) {
            throw ChunkRefusal.syntax();
        }
        return new Chunk(size, last);
    }

    /**
     * A size in ASCII digits, as BDAT and MAIL's {@code SIZE=} give it, in octets; one too long for a {@code long}
     * is {@link Long#MAX_VALUE}, which is over any limit.
     */
    static long octets(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > MAX_SIZE_DIGITS ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
