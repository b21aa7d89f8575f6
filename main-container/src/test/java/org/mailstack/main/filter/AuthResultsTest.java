package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuthResultsTest {
    @Test
    void theAuthservIdIsTheFirstTokenAfterCommentsQuotedOrNot() {
        assertEquals(Optional.of("mail.example.test"), AuthResults.authservId("mail.example.test; dkim=pass"));
        assertEquals(Optional.of("mail.example.test"), AuthResults.authservId(" (a comment) mail.example.test 1; none"));
        assertEquals(Optional.of("mail.example.test"), AuthResults.authservId("\"mail.example.test\"; spf=fail"));
        assertEquals(Optional.of("mail.example.test"), AuthResults.authservId("\r\n mail.example.test(x);spf=pass"));
        assertEquals(Optional.empty(), AuthResults.authservId("dkim=pass header.d=example.org"));
        assertEquals(Optional.empty(), AuthResults.authservId("  "));
    }

    @Test
    void aClaimOfOurNameIsCaseInsensitiveAndIgnoresATrailingDot() {
        assertTrue(AuthResults.claims("MAIL.Example.TEST.; dkim=pass", "mail.example.test"));
        assertTrue(AuthResults.claims("(forged) \"mail.example.test\"; dkim=pass", "mail.example.test"));
        assertFalse(AuthResults.claims("mx.google.com; dkim=pass", "mail.example.test"));
        assertFalse(AuthResults.claims("mail.example.test.evil.example; dkim=pass", "mail.example.test"));
    }

    @Test
    void rspamdsResultsAreWrittenUnderOurName() {
        assertEquals("mail.example.test; dkim=none; spf=fail smtp.mailfrom=a@b.example",
                AuthResults.ours("vm;\r\n\tdkim=none;\r\n\tspf=fail smtp.mailfrom=a@b.example", "mail.example.test"));
        assertEquals("mail.example.test; dkim=pass header.d=x.example",
                AuthResults.ours("dkim=pass header.d=x.example", "mail.example.test"));
        assertEquals("mail.example.test; none", AuthResults.ours("rspamd-host", "mail.example.test"));
    }
}
