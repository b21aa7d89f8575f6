package org.mailstack.imap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** THREAD=REFERENCES (RFC 5256 sections 2.2 and 3) on header values, without a server. */
class ReferenceThreadsTest {

    /**
     * Threads messages given one per line as {@code n | message-id | in-reply-to | references | subject | day}:
     * {@code n} is the sequence number and the id shown, {@code -} stands for a missing field, {@code day} the
     * sent date.
     */
    private static String thread(String lines) {
        List<ReferenceThreads.Message> messages = new ArrayList<>();
        for (String line : lines.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|");
            int n = Integer.parseInt(f[0].strip());
            messages.add(new ReferenceThreads.Message(n, n, field(f[1]) == null ? null : "<" + field(f[1]) + ">",
                    field(f[2]), field(f[3]), f[4].strip(),
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * Integer.parseInt(f[5].strip()))));
        }
        return ReferenceThreads.threads(messages);
    }

    private static String field(String s) {
        return s.strip().equals("-") ? null : s.strip();
    }

    @Test
    void parentsComeFromReferencesOrElseInReplyTo() {
        assertEquals("(1 (2 3)(4))", thread("""
                1 | a@x | - | - | topic | 1
                2 | b@x | - | <a@x> | Re: topic | 2
                3 | c@x | <b@x> | <a@x> <b@x> | Re: topic | 3
                4 | d@x | <a@x> | - | Re: topic | 4
                """));
    }

    @Test
    void referencesWinOverInReplyTo() {
        assertEquals("(1 3)(2)", thread("""
                1 | a@x | - | - | one | 1
                2 | b@x | - | - | two | 2
                3 | c@x | <b@x> | <a@x> | three | 3
                """));
    }

    @Test
    void missingParentWithSeveralChildrenIsADummyRoot() {
        assertEquals("((1)(2))", thread("""
                1 | b@x | - | <gone@x> | Re: lost | 1
                2 | c@x | - | <gone@x> | Re: lost | 2
                """));
    }

    @Test
    void missingParentWithOneChildIsPrunedAndMiddleDummiesAreSpliced() {
        assertEquals("(1 2)(3)", thread("""
                1 | a@x | - | - | first | 1
                2 | c@x | - | <a@x> <gone@x> | Re: first | 2
                3 | d@x | - | <gone2@x> | other | 3
                """));
    }

    @Test
    void repliesWithoutReferencesJoinTheirSubjectsThread() {
        assertEquals("(1 2)", thread("""
                1 | a@x | - | - | hello | 1
                2 | b@x | - | - | Re: hello | 2
                """));
        assertEquals("(2 1)", thread("""
                1 | b@x | - | - | Re: hello | 1
                2 | a@x | - | - | hello | 2
                """), "the original is the parent even when it is younger");
    }

    @Test
    void twoOriginalsWithOneSubjectShareADummy() {
        assertEquals("((1)(2))(3)", thread("""
                1 | a@x | - | - | hello | 1
                2 | b@x | - | - | [list] hello | 2
                3 | c@x | - | - | bye | 3
                """));
    }

    @Test
    void aDummyThreadTakesInARootWithItsSubject() {
        assertEquals("((1)(2)(3))", thread("""
                1 | b@x | - | <gone@x> | Re: news | 1
                2 | c@x | - | <gone@x> | Re: news | 2
                3 | d@x | - | - | news | 3
                """));
    }

    @Test
    void rootsAndSiblingsAreOrderedBySentDateThenSequence() {
        assertEquals("(2)(3)(1 (5)(4))", thread("""
                1 | a@x | - | - | late | 9
                2 | b@x | - | - | early | 1
                3 | c@x | - | - | middle | 5
                4 | d@x | - | <a@x> | x | 12
                5 | e@x | - | <a@x> | y | 10
                """));
        assertEquals("(1)(2)", thread("""
                1 | a@x | - | - | same day | 1
                2 | b@x | - | - | other | 1
                """));
    }

    @Test
    void loopsDuplicatesAndMissingIdsKeepEveryMessageOnce() {
        assertEquals("(2 1)", thread("""
                1 | a@x | - | <b@x> | p | 1
                2 | b@x | - | <a@x> | q | 2
                """), "the first link stands; the one closing a loop is dropped");
        assertEquals("(1)(2)(3)", thread("""
                1 | a@x | - | - | one | 1
                2 | a@x | - | - | two | 2
                3 | - | - | - | three | 3
                """));
    }

    @Test
    void aLinkThatWouldCloseALoopStillBreaksTheOldParentLink() {
        // imaptest's thread script: 2 makes c a child of a (1A) and itself a child of c; 3 (c) names 2 as its
        // parent, which would close a loop, so no link is made, but c's old parent link, a guess from 2's
        // References, is broken first (RFC 5256 section 4, step 1.B): c becomes a root with 2 below it
        assertEquals("(3 2)(1)", thread("""
                1 | a@x | - | - | | 3
                2 | b@x | - | <a@x> <c@x> | | 1
                3 | c@x | - | <b@x> | | 2
                """));
        assertEquals("(3 1 2)", thread("""
                1 | a@x | - | - | | 3
                2 | b@x | - | <c@x> <a@x> | | 1
                3 | c@x | - | <b@x> | | 2
                """), "c stays the root its References made it");
        assertEquals("(2 1)", thread("""
                1 | b@x | - | <c@x> <a@x> | | 1
                2 | c@x | - | <b@x> | | 2
                """), "the same with a expunged: its dummy is pruned");
    }

    @Test
    void noMessagesNoThreads() {
        assertEquals("", thread(""));
    }
}
