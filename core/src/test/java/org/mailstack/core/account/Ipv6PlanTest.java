package org.mailstack.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6PlanTest {
    @Test
    void aSlash64KeepsItsFourGroupsAndTheMainSystemIsP25() {
        Ipv6Plan plan = Ipv6Plan.of("2001:DB8:0:101::/64");
        assertThat(plan.prefix64()).isEqualTo("2001:db8:0:101::/64");
        assertThat(Ipv6Plan.text(plan.main())).isEqualTo("2001:db8:0:101::25");
    }

    @Test
    void aShorterPrefixIsNarrowedToItsFirst64() {
        assertThat(Ipv6Plan.of("2001:db8:ab:cd00::/56").prefix64()).isEqualTo("2001:db8:ab:cd00::/64");
        assertThat(Ipv6Plan.of("2001:db8:ab:cdff:1::/56").prefix64()).isEqualTo("2001:db8:ab:cd00::/64");
        assertThat(Ipv6Plan.of("fd12:3456:789a::/48").prefix64()).isEqualTo("fd12:3456:789a::/64");
    }

    @Test
    void anAccountsAddressIsStableDistinctAndInTheAccountRange() {
        Ipv6Plan plan = Ipv6Plan.of("2001:db8:0:101::/64");
        String alice = Ipv6Plan.text(plan.account(AccountName.of("alice")));
        assertThat(alice).startsWith("2001:db8:0:101:a:");
        assertThat(Ipv6Plan.text(plan.account(AccountName.of("alice")))).isEqualTo(alice);
        assertThat(Ipv6Plan.text(plan.account(AccountName.of("bob")))).isNotEqualTo(alice);
        // The same account on another node's prefix keeps its interface identifier.
        String moved = Ipv6Plan.text(Ipv6Plan.of("2001:db8:0:102::/64").account(AccountName.of("alice")));
        assertThat(moved.substring("2001:db8:0:102:".length())).isEqualTo(alice.substring("2001:db8:0:101:".length()));
    }

    @Test
    void textIsRfc5952() {
        Ipv6Plan plan = Ipv6Plan.of("2001:db8::/64");
        assertThat(plan.prefix64()).isEqualTo("2001:db8::/64");
        assertThat(Ipv6Plan.text(plan.main())).isEqualTo("2001:db8::25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2001:db8::", "2001:db8::/65", "2001:db8::/40", "2001:db8::/x", "10.0.0.0/24",
            "fe80::/64", "::1/64", "2001:db8::zz/64", "example.org/64"})
    void badPrefixesAreRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Ipv6Plan.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv6 prefix");
    }
}
