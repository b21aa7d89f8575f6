package org.mailstack.main.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.core.account.AccountName;

class NextHopTest {

    @Test
    void theSpoolsTextIsReadBackAsTheSameHop() {
        NextHop alice = new NextHop.Local(AccountName.of("alice"));
        NextHop elsewhere = new NextHop.Remote("elsewhere.example");
        assertEquals("local:alice", alice.toString());
        assertEquals("remote:elsewhere.example", elsewhere.toString());
        assertEquals(alice, NextHop.parse(alice.toString()));
        assertEquals(elsewhere, NextHop.parse(elsewhere.toString()));
        assertEquals("local", alice.kind());
        assertEquals("remote", elsewhere.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "local:", "local:Alice", "local:www", "remote:", "smtp:alice", ":alice"})
    void anyOtherTextIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> NextHop.parse(text));
    }

    @Test
    void aRecipientsDestinationNamesItsHop() throws Exception {
        AddressRules rules = new AddressRules("example.test");
        assertEquals(new NextHop.Local(AccountName.of("alice")),
                rules.recipient("box@alice.example.test", false).nextHop());
        assertEquals(new NextHop.Remote("elsewhere.example"),
                rules.recipient("Someone@Elsewhere.Example", true).nextHop());
    }
}
