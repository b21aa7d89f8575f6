package org.mailstack.main.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaultsFollowHackingMd() {
        Config c = Config.fromEnv(Map.of());
        assertEquals("example.test", c.domain());
        assertEquals("mail.example.test", c.hostname());
        assertEquals(2525, c.ports().smtp());
        assertEquals(5587, c.ports().submission());
        assertEquals(4465, c.ports().submissions());
        assertEquals(1143, c.ports().imap());
        assertEquals(1993, c.ports().imaps());
        assertEquals(9090, c.ports().admin());
        assertEquals(8443, c.ports().webmail());
        assertEquals(Optional.empty(), c.outbound().smarthost());
        assertEquals(25, c.outbound().mxPort());
    }

    @Test
    void aSmarthostWithALoginGetsVerifiedTlsImplicitOn465AndStartTlsOtherwise() {
        Config.Smarthost starttls = Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "smtp.provider.test:587",
                "MAILSTACK_SMARTHOST_USER", "me@provider.test")).outbound().smarthost().orElseThrow();
        assertEquals("smtp.provider.test", starttls.host());
        assertEquals(587, starttls.port());
        assertEquals(Config.SmarthostTls.STARTTLS, starttls.tls());
        assertEquals(Optional.of("me@provider.test"), starttls.user());
        assertEquals(Path.of("/run/secrets/smarthost_password"), starttls.passwordFile());
        assertEquals(Optional.empty(), starttls.caFile());

        Config.Smarthost implicit = Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "smtp.provider.test:465",
                "MAILSTACK_SMARTHOST_USER", "me", "MAILSTACK_SMARTHOST_PASSWORD_FILE", "/run/secrets/pw"))
                .outbound().smarthost().orElseThrow();
        assertEquals(Config.SmarthostTls.IMPLICIT, implicit.tls());
        assertEquals(Path.of("/run/secrets/pw"), implicit.passwordFile());
        assertEquals(Config.SmarthostTls.STARTTLS, Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "h:465",
                "MAILSTACK_SMARTHOST_TLS", "STARTTLS")).outbound().smarthost().orElseThrow().tls());
        assertEquals(Config.SmarthostTls.IMPLICIT, Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "h:2465",
                "MAILSTACK_SMARTHOST_TLS", "implicit")).outbound().smarthost().orElseThrow().tls());
    }

    @Test
    void aSmarthostWithoutLoginKeepsOpportunisticStartTlsUnlessTlsOrACaIsAskedFor() {
        Config.Smarthost plain = Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "relay.lan"))
                .outbound().smarthost().orElseThrow();
        assertEquals(25, plain.port());
        assertEquals(Config.SmarthostTls.OPPORTUNISTIC, plain.tls());
        assertEquals(Config.SmarthostTls.STARTTLS, Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "relay.lan:25",
                "MAILSTACK_SMARTHOST_CA_FILE", "/etc/ca.pem")).outbound().smarthost().orElseThrow().tls());
        Config.Smarthost v6 = Config.fromEnv(Map.of("MAILSTACK_SMARTHOST", "[2001:db8::25]:587"))
                .outbound().smarthost().orElseThrow();
        assertEquals("2001:db8::25", v6.host());
        assertEquals(587, v6.port());
        assertEquals("[2001:db8::25]:587", v6.address());
    }

    @Test
    void smarthostSettingsThatWouldBeSilentlyUnusedOrMalformedStopTheStart() {
        for (Map<String, String> bad : List.of(
                Map.of("MAILSTACK_SMARTHOST_USER", "me"),
                Map.of("MAILSTACK_SMARTHOST_PASSWORD_FILE", "/run/secrets/pw"),
                Map.of("MAILSTACK_SMARTHOST_TLS", "implicit"),
                Map.of("MAILSTACK_SMARTHOST", "h:587", "MAILSTACK_SMARTHOST_PASSWORD_FILE", "/run/secrets/pw"),
                Map.of("MAILSTACK_SMARTHOST", "h:587", "MAILSTACK_SMARTHOST_TLS", "none"),
                Map.of("MAILSTACK_SMARTHOST", "h:587", "MAILSTACK_SMARTHOST_USER", "me\u0000you"),
                Map.of("MAILSTACK_SMARTHOST", "h:70000"),
                Map.of("MAILSTACK_SMARTHOST", "h:"),
                Map.of("MAILSTACK_SMARTHOST", ":587"),
                Map.of("MAILSTACK_SMARTHOST", "2001:db8::25:587"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(bad), bad.toString());
            assertTrue(e.getMessage().contains("MAILSTACK_SMARTHOST"), e.getMessage());
        }
    }

    @Test
    void domainIsNormalisedAndSizesAndDurationsParse() {
        Config c = Config.fromEnv(Map.of("MAILSTACK_DOMAIN", "Example.ORG.", "MAILSTACK_MAX_MESSAGE_SIZE", "2M",
                "MAILSTACK_QUEUE_EXPIRY", "90s", "MAILSTACK_RETRY_MAX", "2h", "MAILSTACK_RETRY_INITIAL", "250ms"));
        assertEquals("example.org", c.domain());
        assertEquals(2L * 1024 * 1024, c.limits().maxMessageBytes());
        assertEquals(Duration.ofSeconds(90), c.queue().expiry());
        assertEquals(Duration.ofHours(2), c.queue().retryMax());
        assertEquals(Duration.ofMillis(250), c.queue().retryInitial());
    }

    @Test
    void webmailPortMinusOneTurnsTheWebmailOffButOtherNegativePortsAreRefused() {
        assertEquals(Config.Ports.OFF, Config.fromEnv(Map.of("MAILSTACK_WEBMAIL_PORT", "-1")).ports().webmail());
        assertEquals(9443, Config.fromEnv(Map.of("MAILSTACK_WEBMAIL_PORT", "9443")).ports().webmail());
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("MAILSTACK_WEBMAIL_PORT", "-2")));
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("MAILSTACK_ADMIN_PORT", "-1")));
    }

    @Test
    void aMessageSizeTheAccountsCouldNotTakeIsRefusedAtStartup() {
        assertEquals(25L << 20, Config.fromEnv(Map.of()).limits().maxMessageBytes());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnv(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "50M")));
        assertTrue(e.getMessage().contains("MAILSTACK_MAX_MESSAGE_SIZE"), e.getMessage());
        assertEquals(40L << 20, Config.fromEnv(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "40M")).limits().maxMessageBytes());
    }

    @Test
    void thePostmasterAccountIsAnAccountNameOrNothing() {
        assertEquals(Optional.empty(), Config.fromEnv(Map.of()).postmaster());
        assertEquals("alice", Config.fromEnv(Map.of("MAILSTACK_POSTMASTER", "alice")).postmaster().get().value());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnv(Map.of("MAILSTACK_POSTMASTER", "box@alice.example.test")));
        assertTrue(e.getMessage().contains("MAILSTACK_POSTMASTER"), e.getMessage());
    }

    @Test
    void malformedValuesNameTheVariable() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnv(Map.of("MAILSTACK_MAX_RECIPIENTS", "many")));
        assertTrue(e.getMessage().contains("MAILSTACK_MAX_RECIPIENTS"));
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("MAILSTACK_QUEUE_EXPIRY", "5y")));
    }

    @Test
    void spamFilterIsOnWhenRspamdIsNamedAndCanBeTurnedOffOrOnWithTheStackDefault() {
        Config.Spam off = Config.fromEnv(Map.of()).spam();
        assertEquals(false, off.enabled());
        Config.Spam named = Config.fromEnv(Map.of("MAILSTACK_RSPAMD_URL", "http://127.0.0.1:11333")).spam();
        assertEquals(true, named.enabled());
        assertEquals(URI.create("http://127.0.0.1:11333"), named.rspamd());
        assertEquals(Duration.ofSeconds(10), named.timeout());
        assertEquals(Config.Spam.Unscanned.ACCEPT, named.unscanned());
        assertEquals(false, Config.fromEnv(Map.of("MAILSTACK_RSPAMD_URL", "http://rspamd:11333",
                "MAILSTACK_SPAM_FILTER", "off")).spam().enabled());
        Config.Spam on = Config.fromEnv(Map.of("MAILSTACK_SPAM_FILTER", "ON", "MAILSTACK_SPAM_TIMEOUT", "3s",
                "MAILSTACK_SPAM_UNSCANNED", "tempfail")).spam();
        assertEquals(true, on.enabled());
        assertEquals(URI.create("http://rspamd:11333"), on.rspamd());
        assertEquals(Duration.ofSeconds(3), on.timeout());
        assertEquals(Config.Spam.Unscanned.TEMPFAIL, on.unscanned());
    }

    @Test
    void theLearnEndpointServesWhenTheFilterIsOnAndAsksTheStacksController() {
        Config.Spam.Learn on = Config.fromEnv(Map.of("MAILSTACK_SPAM_FILTER", "on")).spam().learn();
        assertEquals(9091, on.port());
        assertEquals(URI.create("http://rspamd:11334"), on.controller());
        assertEquals(Path.of("/run/secrets/rspamd_controller_password"), on.passwordFile());
        assertEquals(30, on.perMinute());
        assertEquals(Config.Ports.OFF, Config.fromEnv(Map.of()).spam().learn().port(), "no filter, no learning");
        assertEquals(Config.Ports.OFF, Config.fromEnv(Map.of("MAILSTACK_SPAM_FILTER", "on",
                "MAILSTACK_LEARN_PORT", "-1")).spam().learn().port());
        Config.Spam.Learn set = Config.fromEnv(Map.of("MAILSTACK_SPAM_FILTER", "on", "MAILSTACK_LEARN_PORT", "8091",
                "MAILSTACK_RSPAMD_CONTROLLER_URL", "http://127.0.0.1:11334", "MAILSTACK_LEARN_PER_MINUTE", "5",
                "MAILSTACK_RSPAMD_CONTROLLER_PASSWORD_FILE", "/tmp/pw")).spam().learn();
        assertEquals(new Config.Spam.Learn(8091, URI.create("http://127.0.0.1:11334"),
                Path.of("/tmp/pw"), 5), set);
        for (Map<String, String> bad : List.of(Map.of("MAILSTACK_LEARN_PER_MINUTE", "0"),
                Map.of("MAILSTACK_RSPAMD_CONTROLLER_URL", "rspamd:11334"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(bad));
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }

    @Test
    void badSpamFilterSettingsNameTheVariable() {
        for (Map<String, String> bad : List.of(Map.of("MAILSTACK_SPAM_FILTER", "maybe"),
                Map.of("MAILSTACK_SPAM_UNSCANNED", "drop"), Map.of("MAILSTACK_RSPAMD_URL", "rspamd:11333"),
                Map.of("MAILSTACK_RSPAMD_URL", "ftp://rspamd/"), Map.of("MAILSTACK_SPAM_TIMEOUT", "0s"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(bad));
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }
}
