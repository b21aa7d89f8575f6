package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.List;
import org.mailstack.core.account.AccountName;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;

class PasswdCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    @Test
    void rotatesTheSecretAndRemovesTheOldOne() {
        Accounts.add(swarm, "alice", "n1");
        String old = swarm.mounted("user-alice", "password_hash");
        cli.stdin = "a brand new password\n";
        assertEquals(0, cli.execute("passwd", "alice", "--password-stdin"), cli.err);
        String now = swarm.mounted("user-alice", "password_hash");
        assertNotEquals(old, now);
        assertEquals(List.of(now), swarm.accountSecrets(AccountName.of("alice"), null));
        assertTrue(BCrypt.verifyer().verify("a brand new password".toCharArray(), swarm.secrets.get(now).data())
                .verified);
        assertEquals("relay_secret", swarm.services.get("user-alice").secrets().get(0).target());
        assertTrue(cli.out.contains("Password of alice changed"), cli.out);
    }

    @Test
    void unknownAccountExitsOneWithoutAskingForAPassword() {
        assertEquals(1, cli.execute("passwd", "ghost"));
        assertTrue(cli.err.contains("no account ghost"), cli.err);
        assertTrue(cli.prompts.isEmpty());
    }

    @Test
    void notAManagerExitsThree() {
        swarm.manager = false;
        assertEquals(3, cli.execute("passwd", "alice"));
    }
}
