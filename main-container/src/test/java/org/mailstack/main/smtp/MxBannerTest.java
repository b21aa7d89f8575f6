package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.testing.SmtpConversation;
import org.mailstack.main.testing.TestConfigs;

class MxBannerTest {
    @TempDir
    Path dir;

    @Test
    void bannerNamesTheHostAndSoftwareAndEhloIsAccepted() throws Exception {
        var config = TestConfigs.ephemeral(dir, Map.of("MAILSTACK_HOSTNAME", "mx.example.test"));
        try (SmtpListener mx = MxServers.mx(config, MxMessageHandler::new).start();
             SmtpConversation c = SmtpConversation.open("127.0.0.1", mx.port())) {
            String banner = c.reply();
            assertTrue(banner.startsWith("220 mx.example.test ESMTP mailstack"), banner);
            String ehlo = c.send("EHLO client.example.net");
            assertTrue(ehlo.startsWith("250-mx.example.test"), ehlo);
            assertTrue(ehlo.contains("SIZE " + 25 * 1024 * 1024), ehlo);
            assertEquals("221", c.send("QUIT").substring(0, 3));
        }
    }
}
