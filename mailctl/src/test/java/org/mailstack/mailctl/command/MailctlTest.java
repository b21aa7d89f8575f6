package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;

class MailctlTest {
    final CliRun cli = new CliRun(new FakeSwarm());

    @Test
    void withoutVerbPrintsUsageAndExitsTwo() {
        assertEquals(2, cli.execute());
        assertTrue(cli.err.contains("create") && cli.err.contains("Exit codes:"), cli.err);
    }

    @Test
    void unknownVerbOrOptionExitsTwo() {
        assertEquals(2, cli.execute("frobnicate"));
        assertEquals(2, cli.execute("list", "--bogus"));
    }

    @Test
    void everyVerbHasHelp() {
        for (String verb : new String[] {"create", "list", "show", "passwd", "delete", "dns"}) {
            assertEquals(0, cli.execute(verb, "--help"), verb);
            assertTrue(cli.out.startsWith("Usage: mailctl " + verb), cli.out);
        }
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheVerb() {
        assertEquals(0, cli.execute("--domain", "a.test", "dns"));
        assertTrue(cli.out.contains("mail.a.test"), cli.out);
        assertEquals(0, cli.execute("dns", "--domain", "b.test"));
        assertTrue(cli.out.contains("mail.b.test"), cli.out);
    }
}
