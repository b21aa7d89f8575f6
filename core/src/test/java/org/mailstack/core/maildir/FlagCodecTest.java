package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagCodecTest {
    @TempDir
    Path dir;

    @Test
    void systemFlagsAreSortedLetters() throws Exception {
        Keywords k = new Keywords(dir, false);
        Flags all = Flags.of(SystemFlag.values());
        assertEquals("DFRST", FlagCodec.encode(all, "", k));
        assertEquals(all, FlagCodec.decode("TSRFD", k).flags());
        assertEquals("", FlagCodec.encode(Flags.NONE, "", k));
    }

    @Test
    void keywordsUseDovecotLettersAndPersist() throws Exception {
        Keywords k = new Keywords(dir, false);
        Flags f = Flags.of(List.of(SystemFlag.SEEN), List.of("$Forwarded", "Work"));
        String letters = FlagCodec.encode(f, "", k);
        assertEquals("Sab", letters);
        assertEquals("0 $Forwarded\n1 Work\n", Files.readString(dir.resolve(Keywords.FILE)));
        Keywords reread = new Keywords(dir, false);
        reread.refresh();
        assertEquals(f, FlagCodec.decode("Sab", reread).flags());
        assertEquals('b', reread.letterOf("work"));
    }

    @Test
    void unknownLettersSurviveAFlagChange() throws Exception {
        Keywords k = new Keywords(dir, false);
        FlagCodec.Decoded d = FlagCodec.decode("PSz", k);
        assertEquals(Flags.of(SystemFlag.SEEN), d.flags());
        assertEquals("Pz", d.unknownLetters());
        assertEquals("FPz", FlagCodec.encode(Flags.of(SystemFlag.FLAGGED), d.unknownLetters(), k));
    }

    @Test
    void atMostTwentySixKeywords() throws Exception {
        Keywords k = new Keywords(dir, false);
        for (int i = 0; i < 26; i++) {
            k.letterOrCreate("k" + i);
        }
        assertTrue(k.isFull());
        assertEquals('z', k.letterOf("K25"));
        assertThrows(StoreException.class, () -> k.letterOrCreate("one-too-many"));
    }

    @Test
    void imapNamesMapToSystemFlags() {
        assertEquals(SystemFlag.SEEN, SystemFlag.fromImapName("\\SEEN").orElseThrow());
        assertEquals('T', SystemFlag.fromImapName("\\Deleted").orElseThrow().letter());
        assertTrue(SystemFlag.fromImapName("\\Recent").isEmpty());
    }

    @Test
    void flagOperations() {
        Flags seen = Flags.of(SystemFlag.SEEN);
        Flags kw = Flags.of(List.of(), List.of("X"));
        assertEquals(Flags.of(List.of(SystemFlag.SEEN), List.of("x")), FlagOperation.ADD.apply(seen, kw));
        assertEquals(seen, FlagOperation.REMOVE.apply(seen.with(kw), Flags.of(List.of(), List.of("x"))));
        assertEquals(kw, FlagOperation.REPLACE.apply(seen, kw));
    }
}
