package org.mailstack.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkTest {
    @Test
    void sizeAndLastAreRead() throws Exception {
        assertEquals(new Chunk(1000, true), Chunk.parse("1000 LAST", 0, 5000));
        assertEquals(new Chunk(0, true), Chunk.parse(" 0 last", 0, 5000));
        assertEquals(new Chunk(7, false), Chunk.parse("007", 0, 5000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "+1", "1 FIRST", "1 LAST x", "0", "1.5", "１２"})
    void aMalformedSizeIs501(String arguments) {
        assertEquals(501, code(() -> Chunk.parse(arguments, 0, 5000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5001", "99999999999999 LAST", "123456789012345678901234567890"})
    void aSizeOverTheLimitIs552(String arguments) {
        assertEquals(552, code(() -> Chunk.parse(arguments, 0, 5000)));
    }

    @Test
    void theLimitCountsWhatWasReceivedBefore() throws Exception {
        assertEquals(new Chunk(1000, true), Chunk.parse("1000 LAST", 4000, 5000));
        assertEquals(552, code(() -> Chunk.parse("1001 LAST", 4000, 5000)));
    }

    private static int code(Executable parse) {
        return assertThrows(ChunkRefusal.class, parse).drop().getCode();
    }
}
