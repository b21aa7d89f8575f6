package org.mailstack.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {
    @Test
    void parsesAndNormalisesTheDomain() {
        MailAddress a = MailAddress.parse("<Box@Alice.Example.TEST.>");
        assertEquals("Box", a.localPart());
        assertEquals("alice.example.test", a.domain());
        assertEquals("Box@alice.example.test", a.toString());
    }

    @Test
    void findsTheAccountUnderTheMailDomain() {
        assertEquals(Optional.of(AccountName.of("alice")),
                MailAddress.parse("box@ALICE.example.test").accountUnder("Example.Test."));
        assertEquals(Optional.empty(), MailAddress.parse("box@example.test").accountUnder("example.test"));
        assertEquals(Optional.empty(), MailAddress.parse("box@a.b.example.test").accountUnder("example.test"));
        assertEquals(Optional.empty(), MailAddress.parse("box@alice.example.org").accountUnder("example.test"));
        assertEquals(Optional.empty(), MailAddress.parse("box@aliceexample.test").accountUnder("example.test"));
        assertEquals(Optional.empty(), MailAddress.parse("box@postmaster.example.test").accountUnder("example.test"));
        assertThrows(InvalidAddressException.class, () -> MailAddress.parse("box@-x.example.test"));
    }

    @Test
    void boxAddressOfAnAccount() {
        assertEquals("box@bob.example.test", MailAddress.boxOf(AccountName.of("bob"), "Example.test.").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"quoted\"@alice.example.test",
        "\"a@b\"@alice.example.test",
        "@relay.example:box@alice.example.test",
        "box%evil.example@alice.example.test",
        "evil.example!box@alice.example.test",
        "box@[192.0.2.1]",
        "box@alice..example.test",
        "box@",
        "@alice.example.test",
        "no-at-sign",
        "a@b@alice.example.test",
        ".box@alice.example.test",
        "box.@alice.example.test",
        "bo..x@alice.example.test",
        "box@alice_x.example.test",
        "box\r\nRCPT@alice.example.test",
        "box@alice.example.test\r\n",
        "b ox@alice.example.test",
    })
    void refusesWhatIsNotAPlainLocalAddress(String text) {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> MailAddress.parse(text));
        assertTrue(e.getMessage().indexOf('\n') < 0, "the reason never echoes input");
    }

    @Test
    void refusesOverlongParts() {
        assertThrows(InvalidAddressException.class, () -> MailAddress.parse("x".repeat(65) + "@a.test"));
        assertThrows(InvalidAddressException.class, () -> MailAddress.parse("x@" + "a".repeat(64) + ".test"));
    }
}
