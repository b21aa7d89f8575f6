package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** CAPABILITY, NOOP, LOGOUT, ID, NAMESPACE, ENABLE and the dispatcher's state and syntax checks. */
class SessionCommandsTest extends ConversationTest {

    @Test
    void greetingCarriesCapabilities() throws Exception {
        try (ImapTestClient c = server.client()) {
            String greeting = c.greeting();
            assertTrue(greeting.startsWith("* OK [CAPABILITY IMAP4rev1 "), greeting);
            assertTrue(greeting.contains("AUTH=PLAIN"), greeting);
        }
    }

    @Test
    void capabilityListsRequiredExtensions() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            List<String> r = c.command("CAPABILITY");
            assertOk(r);
            for (String cap : List.of("IMAP4rev1", "IDLE", "UIDPLUS", "MOVE", "NAMESPACE", "SPECIAL-USE", "ENABLE",
                    "ID", "LITERAL+", "SASL-IR", "CHILDREN", "UNSELECT")) {
                assertTrue(r.get(0).contains(" " + cap), cap);
            }
        }
    }

    @Test
    void noopAndLogout() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertOk(c.command("NOOP"));
            List<String> r = c.command("LOGOUT");
            assertHas(r, "\\* BYE .*");
            assertOk(r);
            assertNull(c.readLine());
        }
    }

    @Test
    void commandsNeedingAuthenticationAreRefusedBeforeLogin() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertBad(c.command("SELECT INBOX"));
            assertBad(c.command("FETCH 1 FLAGS"));
        }
    }

    @Test
    void selectedStateCommandsNeedASelectedMailbox() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            assertBad(c.command("FETCH 1 FLAGS"));
            assertBad(c.command("CLOSE"));
        }
    }

    @Test
    void unknownCommandAndGarbageAreBad() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            assertBad(c.command("FROBNICATE"));
            c.send("\r\n");
            assertTrue(c.readLine().startsWith("* BAD"));
            assertOk(c.command("NOOP"));
        }
    }

    @Test
    void idNamespaceAndEnable() throws Exception {
        try (ImapTestClient c = server.loggedIn()) {
            List<String> id = c.command("ID (\"name\" \"test\" \"version\" NIL)");
            assertHas(id, "\\* ID \\(\"name\" \"mailstack\"\\)");
            assertOk(c.command("ID NIL"));
            assertHas(c.command("NAMESPACE"), "\\* NAMESPACE \\(\\(\"\" \"/\"\\)\\) NIL NIL");
            List<String> en = c.command("ENABLE CONDSTORE X-UNKNOWN");
            assertEquals("* ENABLED CONDSTORE", en.get(0));
        }
    }

    @Test
    void responseToBadCommandNeverEchoesClientText() throws Exception {
        try (ImapTestClient c = server.client()) {
            c.greeting();
            List<String> r = c.command("LOGIN {5+}\r\nx\r\n* y");
            r.forEach(l -> assertTrue(!l.contains("* y") || l.startsWith("t"), l));
        }
    }
}
