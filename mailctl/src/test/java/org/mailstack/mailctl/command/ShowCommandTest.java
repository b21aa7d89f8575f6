package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;

class ShowCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    @Test
    void showsOneAccount() {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("show", "alice"), cli.err);
        assertTrue(cli.out.contains("address:   box@alice.example.test"), cli.out);
        assertTrue(cli.out.contains("node:      vm (amd64)"), cli.out);
        assertTrue(cli.out.contains("health:    healthy"), cli.out);
    }

    @Test
    void jsonIsOneObject() throws Exception {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("show", "alice", "--json"));
        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals("user-alice", json.get("service").asText());
        assertEquals("running", json.get("state").asText());
    }

    @Test
    void unknownAccountExitsOne() {
        assertEquals(1, cli.execute("show", "ghost"));
        assertTrue(cli.err.contains("no account ghost"), cli.err);
    }

    @Test
    void badNameExitsTwo() {
        assertEquals(2, cli.execute("show", "No"));
    }
}
