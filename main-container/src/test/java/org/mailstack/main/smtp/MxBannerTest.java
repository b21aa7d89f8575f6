package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.testing.RelayHarness;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.tls.ServerTls;

class MxBannerTest {
    @TempDir
    Path dir;

    @Test
    void bannerNamesTheHostAndSoftwareAndEhloOffersStartTlsButNoAuth() throws Exception {
        RelayHarness h = new RelayHarness(dir, Map.of("MAILSTACK_HOSTNAME", "mx.example.test"));
        ServerTls tls = new ServerTls(dir.resolve("tls"), dir.resolve("state"), "mx.example.test");
        try (SmtpListener mx = SmtpServers.mx(h.config, h.inbound, tls.context()).start();
             SmtpConversation c = SmtpConversation.open("127.0.0.1", mx.port())) {
            String banner = c.reply();
            assertTrue(banner.startsWith("220 mx.example.test ESMTP mailstack"), banner);
            String ehlo = c.send("EHLO client.example.net");
            assertTrue(ehlo.startsWith("250-mx.example.test"), ehlo);
            assertTrue(ehlo.contains("SIZE " + 25 * 1024 * 1024), ehlo);
            assertTrue(ehlo.contains("STARTTLS"), ehlo);
            assertTrue(!ehlo.contains("AUTH"), ehlo);
            assertEquals("221", c.send("QUIT").substring(0, 3));
        }
    }
}
