package org.mailstack.mailctl.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeManifestTest {
    static final String DIGEST = "0123456789abcdef".repeat(4);

    @Test
    void parsesTheHelpersLineAmongOthers() {
        assertEquals(Optional.of(new VolumeManifest(12, 5, DIGEST)),
                VolumeManifest.parse("some noise\nfiles 12 messages 5 sha256 " + DIGEST + "\n"));
    }

    @Test
    void refusesAnythingElse() {
        assertTrue(VolumeManifest.parse("").isEmpty());
        assertTrue(VolumeManifest.parse("files 12 messages 5 sha256 abc").isEmpty(), "short digest");
        assertTrue(VolumeManifest.parse("files x messages 5 sha256 " + DIGEST).isEmpty());
        assertTrue(VolumeManifest.parse("find: '/v': No such file or directory").isEmpty());
    }

    @Test
    void manifestsDifferWhenTheDigestDoes() {
        assertNotEquals(new VolumeManifest(1, 1, DIGEST), new VolumeManifest(1, 1, DIGEST.replace('0', '1')));
        assertEquals("12 files, 5 messages", new VolumeManifest(12, 5, DIGEST).toString());
    }
}
