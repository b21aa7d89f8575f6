package org.mailstack.imap.parse;

import java.time.LocalDate;
import java.util.List;

/** A search key of RFC 3501 section 6.4.4 (and MODSEQ of RFC 7162 section 3.1.5), as an immutable tree. */
public sealed interface SearchKey {

    /** ALL. */
    record All() implements SearchKey {
    }

    /** A flag that must be set ({@code set}) or clear: ANSWERED/UNANSWERED, KEYWORD/UNKEYWORD, and so on. */
    record Flag(String flag, boolean set) implements SearchKey {
    }

    /** NEW = RECENT UNSEEN; OLD = NOT RECENT; RECENT. */
    record Recent(boolean recent) implements SearchKey {
    }

    /** HEADER field value, and FROM/TO/CC/BCC/SUBJECT: substring match, case-insensitive. */
    record Header(String field, String value) implements SearchKey {
    }

    /** BODY (text of the message) or TEXT (header and text). */
    record Text(String value, boolean includeHeader) implements SearchKey {
    }

    enum DateOp { BEFORE, ON, SINCE }

    /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (Date: header) when {@code sent}. */
    record Date(DateOp op, LocalDate date, boolean sent) implements SearchKey {
    }

    /** LARGER n ({@code larger}) or SMALLER n. */
    record Size(long size, boolean larger) implements SearchKey {
    }

    /** A sequence set, or UID set when {@code uid}. */
    record Set(SequenceSet set, boolean uid) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** A parenthesised list, or the whole search program: all must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    /** MODSEQ n: messages whose mod-sequence is at least n. */
    record ModSeq(long modseq) implements SearchKey {
    }
}
