package org.mailstack.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void literalsOfBothFamiliesParse() throws Exception {
        assertThat(IpLiteral.parse("203.0.113.7")).contains(InetAddress.getByName("203.0.113.7"));
        assertThat(IpLiteral.parse("[::1]")).contains(InetAddress.getByName("::1"));
        assertThat(IpLiteral.parse("fe80::1%eth0")).contains(InetAddress.getByName("fe80::1"));
        assertThat(IpLiteral.parse("0:0:0:0:0:0:0:1")).contains(InetAddress.getByName("::1"));
    }

    @Test
    void namesAndBrokenLiteralsAreNotLookedUp() {
        for (String s : new String[] {"mail.example.test", "deadbeef", "999.1.1.1", "1.2.3", "1.2.3.4.5", "::g",
                "", " 1.2.3.4", "1.2.3.4\r\n"}) {
            assertThat(IpLiteral.parse(s)).as(s).isEmpty();
        }
        assertThat(IpLiteral.parse(null)).isEmpty();
    }
}
