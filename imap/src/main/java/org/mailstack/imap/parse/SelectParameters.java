package org.mailstack.imap.parse;

/**
 * The optional parameters of SELECT and EXAMINE: {@code CONDSTORE} (RFC 7162 section 3.1.8) and
 * {@code QRESYNC (uidvalidity modseq [known-uids] [(known-sequence-set known-uid-set)])} (section 3.2.5).
 *
 * @param condstore whether CONDSTORE was given
 * @param qresync   the QRESYNC parameter, or null
 */
public record SelectParameters(boolean condstore, Qresync qresync) {
    public static final SelectParameters NONE = new SelectParameters(false, null);

    /**
     * What the client knew of the mailbox.
     *
     * @param knownUids     the UIDs the client knows, or null for all (RFC 7162: {@code 1:*} then)
     * @param knownSequence the seq-match-data sequence numbers, or null
     * @param knownSeqUids  the UIDs those sequence numbers had, or null
     */
    public record Qresync(long uidValidity, long modSeq, SequenceSet knownUids, SequenceSet knownSequence,
                          SequenceSet knownSeqUids) {
    }

    /** Parses {@code [SP "(" select-param *(SP select-param) ")"]} after the mailbox name, and the line end. */
    public static SelectParameters parse(ImapReader r) {
        if (!r.consume(' ')) {
            r.end();
            return NONE;
        }
        r.expect('(');
        boolean condstore = false;
        Qresync qresync = null;
        do {
            if (r.consumeWord("CONDSTORE")) {
                condstore = true;
            } else if (qresync == null && r.consumeWord("QRESYNC ")) {
                qresync = qresync(r);
            } else {
                throw new ParseException("Unknown SELECT parameter");
            }
        } while (r.consume(' '));
        r.expect(')');
        r.end();
        return new SelectParameters(condstore, qresync);
    }

    private static Qresync qresync(ImapReader r) {
        r.expect('(');
        long uidValidity = r.nzNumber();
        r.sp();
        long modSeq = r.number();
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet seqUids = null;
        if (r.consume(' ')) {
            if (r.peek() != '(') {
                known = noStar(r.sequenceSet());
            }
            if (known == null || r.consume(' ')) {
                r.expect('(');
                seqs = noStar(r.sequenceSet());
                r.sp();
                seqUids = noStar(r.sequenceSet());
                r.expect(')');
                if (count(seqs) != count(seqUids)) {
                    throw new ParseException("seq-match-data sets differ in size");
                }
            }
        }
        r.expect(')');
        return new Qresync(uidValidity, modSeq, known, seqs, seqUids);
    }

    private static SequenceSet noStar(SequenceSet set) {
        for (SequenceSet.Range range : set.ranges()) {
            if (range.from() == SequenceSet.STAR || range.to() == SequenceSet.STAR) {
                throw new ParseException("No * in QRESYNC parameter");
            }
        }
        return set;
    }

    private static long count(SequenceSet set) {
        long n = 0;
        for (SequenceSet.Range range : set.ranges()) {
            n += Math.abs(range.to() - range.from()) + 1;
        }
        return n;
    }
}
