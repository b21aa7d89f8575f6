package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.TaskInfo;
import org.mailstack.mailctl.account.Usage;

class ListCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    @Test
    void tableShowsEveryColumnSortedByUser() {
        Accounts.add(swarm, "bob", "n1");
        Accounts.add(swarm, "alice", "n1");
        swarm.usage.put("user-alice-home", new Usage(3 * 1024 * 1024, 42));
        assertEquals(0, cli.execute("list"), cli.err);
        String[] lines = cli.out.split("\n");
        assertEquals(3, lines.length, cli.out);
        assertTrue(lines[0].matches("USER\\s+ADDRESS\\s+NODE\\s+ARCH\\s+STATE\\s+HEALTH\\s+MAILDIR\\s+MESSAGES\\s+SSH\\s+IMAGE"
                + "\\s+CREATED"), lines[0]);
        assertTrue(lines[1].matches("alice\\s+box@alice\\.example\\.test\\s+vm\\s+amd64\\s+running\\s+healthy\\s+3\\.0MiB"
                + "\\s+42\\s+-\\s+latest\\s+2026-11-01T10:00:00Z"), lines[1]);
        assertTrue(lines[2].matches("bob\\s+box@bob\\.example\\.test\\s+vm\\s+amd64\\s+running\\s+healthy\\s+-\\s+-\\s+.*"),
                lines[2]);
    }

    @Test
    void anAccountNotOnTheCurrentImageIsMarkedOutOfDate() throws Exception {
        Accounts.add(swarm, "alice", "n1");
        swarm.pins.put(StackSettings.IMAGE, "mailstack/user-container:build-0123456789abcdef");
        assertEquals(0, cli.execute("list"), cli.err);
        assertTrue(cli.out.contains("latest (out of date)"), cli.out);
        assertEquals(0, cli.execute("list", "--json"), cli.err);
        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals(StackSettings.IMAGE, json.get(0).get("image").asText());
        assertFalse(json.get(0).get("imageCurrent").asBoolean());
        assertEquals(0, cli.execute("upgrade", "alice"), cli.err);
        assertEquals(0, cli.execute("list"), cli.err);
        assertTrue(cli.out.contains("build-0123456789abcdef  "), cli.out);
        assertFalse(cli.out.contains("out of date"), cli.out);
    }

    @Test
    void jsonParsesWithUnknownValuesAsNull() throws Exception {
        Accounts.add(swarm, "alice", "n1");
        Accounts.add(swarm, "bob", "n1");
        swarm.usage.put("user-alice-home", new Usage(2048, 3));
        swarm.tasks = r -> List.of(new TaskInfo("t", "n1", "pending", "running", null, null, "1"));
        assertEquals(0, cli.execute("list", "--json"), cli.err);
        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals(2, json.size());
        assertEquals("alice", json.get(0).get("user").asText());
        assertEquals("box@alice.example.test", json.get(0).get("address").asText());
        assertEquals("pending", json.get(0).get("state").asText());
        assertTrue(json.get(0).get("health").isNull());
        assertEquals(2048, json.get(0).get("maildirBytes").asLong());
        assertEquals(3, json.get(0).get("messages").asLong());
        assertTrue(json.get(1).get("maildirBytes").isNull());
    }

    @Test
    void noUsageSkipsTheHelperContainer() {
        Accounts.add(swarm, "alice", "n1");
        swarm.usage.put("user-alice-home", new Usage(2048, 3));
        assertEquals(0, cli.execute("list", "--no-usage"));
        assertTrue(cli.out.lines().skip(1).allMatch(l -> l.contains(" -  ")), cli.out);
    }

    @Test
    void emptySwarmListsNothing() throws Exception {
        assertEquals(0, cli.execute("list", "--json"));
        assertEquals(0, new ObjectMapper().readTree(cli.out).size());
        assertEquals(0, cli.execute("list"));
        assertEquals(1, cli.out.split("\n").length);
    }

    @Test
    void dockerUnreachableExitsThree() {
        swarm.reachable = false;
        assertEquals(3, cli.execute("list"));
        assertTrue(cli.err.startsWith("error: Docker is not reachable"), cli.err);
    }
}
