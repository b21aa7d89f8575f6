package org.mailstack.main.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.core.account.AccountName;

class AddressRulesTest {
    private final AddressRules rules = new AddressRules("example.test");

    @Test
    void boxAtUserSubdomainIsLocalWhateverTheCase() throws Exception {
        Destination d = rules.recipient("box@alice.example.test", false);
        assertEquals(new Destination.Local("box@alice.example.test", AccountName.of("alice")), d);
        assertEquals(new Destination.Local("box@alice.example.test", AccountName.of("alice")),
                rules.recipient("<BOX@Alice.EXAMPLE.Test>", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster@alice.example.test", "box@example.test", "box@a.b.example.test",
        "other@alice.example.test", "box@www.example.test"})
    void otherAddressesUnderTheDomainAreUnknownUsers(String address) {
        AddressRejected e = assertThrows(AddressRejected.class, () -> rules.recipient(address, true));
        assertEquals(550, e.code());
        assertEquals("5.1.1 No such user here", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster@example.test", "<Postmaster@Example.TEST>", "POSTMASTER@alice.example.test",
        "postmaster@nobody-here.example.test", "Postmaster", "<postmaster>"})
    void postmasterGoesToTheConfiguredAccount(String path) throws Exception {
        AddressRules withPostmaster = new AddressRules("example.test", Optional.of(AccountName.of("bob")));
        for (boolean auth : new boolean[] {false, true}) {
            assertEquals(new Destination.Local("box@bob.example.test", AccountName.of("bob")), withPostmaster.forwardPath(path, auth));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster@a.b.example.test", "postmaster@elsewhere.example", "postmaster@example.test.",
        "postmaster%elsewhere.example@example.test", "\"postmaster\"@example.test", "post.master@example.test"})
    void onlyPostmasterOfThisStacksDomainsIsRouted(String path) {
        AddressRules withPostmaster = new AddressRules("example.test", Optional.of(AccountName.of("bob")));
        AddressRejected e = assertThrows(AddressRejected.class, () -> withPostmaster.forwardPath(path, false));
        assertTrue(e.code() == 550 || e.code() == 553, path + " -> " + e.getMessage());
    }

    @Test
    void withoutAPostmasterAccountPostmasterIsRefusedAndLoginsNeverMeanPostmaster() throws Exception {
        AddressRejected e = assertThrows(AddressRejected.class, () -> rules.forwardPath("postmaster@example.test", false));
        assertEquals("5.1.1 No such user here", e.getMessage());
        AddressRules withPostmaster = new AddressRules("example.test", Optional.of(AccountName.of("bob")));
        assertThrows(AddressRejected.class, () -> withPostmaster.recipient("postmaster@example.test", false),
                "recipient() (logins, DSN routing) knows no postmaster");
        assertEquals(new Destination.Local("box@alice.example.test", AccountName.of("alice")),
                withPostmaster.forwardPath("box@alice.example.test", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@elsewhere.example", "victim@example.test.evil.example", "victim@EXAMPLE.NET",
        "victim@notexample.test", "box@alice.example.test.evil.example"})
    void foreignDomainsAreRefusedWithoutAuth(String address) {
        AddressRejected e = assertThrows(AddressRejected.class, () -> rules.recipient(address, false));
        assertEquals(550, e.code());
        assertEquals("5.7.1", e.getMessage().substring(0, 5));
    }

    @Test
    void foreignDomainsAreRemoteWithAuth() throws Exception {
        assertEquals(new Destination.Remote("Victim@elsewhere.example", "elsewhere.example"),
                rules.recipient("Victim@Elsewhere.Example", true));
    }

    /** Every classic open-relay trick: refused whether or not the client authenticated. */
    @ParameterizedTest
    @ValueSource(strings = {
        "victim%elsewhere.example@alice.example.test",
        "victim%elsewhere.example@example.test",
        "elsewhere.example!victim@alice.example.test",
        "\"victim@elsewhere.example\"@alice.example.test",
        "\"victim%elsewhere.example\"@alice.example.test",
        "\"box\"@alice.example.test",
        "@alice.example.test:victim@elsewhere.example",
        "<@alice.example.test:victim@elsewhere.example>",
        "@alice.example.test,@b.example:victim@elsewhere.example",
        "victim@elsewhere.example@alice.example.test",
        "box@alice.example.test.",
        "victim@elsewhere.example.",
        "box@[127.0.0.1]",
        "victim@[IPv6:::1]",
        "box\\@alice.example.test",
        "box@alice..example.test",
        "box@-alice.example.test",
        "box@alice.example.test\r\nRCPT TO:<victim@elsewhere.example>",
        "box @alice.example.test",
        "victim",
        "box@",
        "@alice.example.test",
        ".box@alice.example.test",
        "b..ox@alice.example.test",
        "box@alice_x.example.test",
        "bøx@alice.example.test",
        "box@älice.example.test"
    })
    void routingHacksAndMalformedPathsAreSyntaxErrors(String address) {
        for (boolean auth : new boolean[] {false, true}) {
            AddressRejected e = assertThrows(AddressRejected.class, () -> rules.recipient(address, auth), address);
            assertEquals(553, e.code(), address);
        }
    }

    @Test
    void nullSenderAndPlainSendersAreAccepted() throws Exception {
        assertEquals("", rules.sender(""));
        assertEquals("", rules.sender("<>"));
        assertEquals("someone@sender.example", rules.sender("someone@Sender.Example"));
        assertEquals(553, assertThrows(AddressRejected.class, () -> rules.sender("a%b@c.example")).code());
    }

    @Test
    void routeOfALocalSenderIsItsAccount() throws Exception {
        assertInstanceOf(Destination.Local.class, rules.route("box@bob.example.test"));
        assertInstanceOf(Destination.Remote.class, rules.route("x@y.example"));
    }
}
