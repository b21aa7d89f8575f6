package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;
import org.mailstack.imap.testkit.ImapTestClient;

/** LIST-EXTENDED (RFC 5258) and LIST-STATUS (RFC 5819). */
class ListExtendedTest extends ConversationTest {
    private ImapTestClient c;

    @BeforeEach
    void folders() throws Exception {
        c = server.loggedIn();
        assertHas(c.command("CAPABILITY"), "\\* CAPABILITY .* LIST-EXTENDED LIST-STATUS.*");
        for (String f : List.of("t/a", "t/b/c", "t/d", "t/e/e")) {
            assertOk(c.command("CREATE " + f));
        }
        for (String f : List.of("t/a", "t/b/c", "t/d", "t/e/e")) {
            assertOk(c.command("SUBSCRIBE " + f));
        }
        assertOk(c.command("DELETE t/d"));
    }

    @Test
    void subscribedSelectionShowsNonExistentAndRecursiveMatchChildInfo() throws Exception {
        List<String> r = c.command("LIST (SUBSCRIBED) \"\" \"t/*\"");
        assertHas(r, "\\* LIST \\(.*\\\\Subscribed\\) \"/\" \"t/a\"");
        assertHas(r, "\\* LIST \\(\\\\NonExistent \\\\Subscribed\\) \"/\" \"t/d\"");
        List<String> m = c.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"t/%\" RETURN (CHILDREN)");
        assertHas(m, "\\* LIST \\(\\\\HasChildren\\) \"/\" \"t/b\" \\(\"CHILDINFO\" \\(\"SUBSCRIBED\"\\)\\)");
        assertFalse(has(m, ".*\"t/b/c\".*"));
        assertFalse(has(c.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"t/e\" \"t/e/e\")"), ".*CHILDINFO.*"));
    }

    @Test
    void multiplePatternsReturnSubscribedAndStatus() throws Exception {
        List<String> r = c.command("LIST \"\" (\"t/a\" \"t/b/%\") RETURN (SUBSCRIBED STATUS (MESSAGES UIDNEXT))");
        assertHas(r, "\\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) \"/\" \"t/a\"");
        assertHas(r, "\\* STATUS \"t/a\" \\(MESSAGES 0 UIDNEXT 1\\)");
        assertHas(r, "\\* LIST \\(.*\\) \"/\" \"t/b/c\"");
        assertFalse(has(r, ".*\"t/d\".*"));
    }

    @Test
    void badOptions() throws Exception {
        assertBad(c.command("LIST (RECURSIVEMATCH) \"\" \"*\""));
        assertBad(c.command("LIST (BOGUS) \"\" \"*\""));
        assertBad(c.command("LIST \"\" \"*\" RETURN (BOGUS)"));
        assertOk(c.command("LIST (REMOTE) \"\" \"%\""));
        List<String> special = c.command("LIST (SPECIAL-USE) \"\" \"*\"");
        assertHas(special, "\\* LIST \\(.*\\\\Trash.*\\) \"/\" \"Trash\"");
        assertFalse(has(special, ".*\"t/a\".*"));
    }
}
