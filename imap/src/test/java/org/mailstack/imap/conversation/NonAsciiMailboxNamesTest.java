package org.mailstack.imap.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.imap.testkit.ForkedImapServer;
import org.mailstack.imap.testkit.ImapTestClient;

/**
 * Mailbox names beyond ASCII (RFC 3501 section 5.1.3) against a server in a JVM of its own, started with the
 * locale the images set ({@code LANG=C.UTF-8}) and with none ({@code LANG=C}). The store writes folder names to
 * disk as UTF-8, and Java encodes file names with the locale's charset ({@code sun.jnu.encoding}, which cannot be
 * set from the command line): without a UTF-8 locale such names cannot reach the disk at all. With it, every
 * command works on them and they come back in modified UTF-7 exactly as the client wrote them; without it, they
 * are refused with a NO that names no internal error, and the log says in one line what to do.
 */
class NonAsciiMailboxNamesTest {
    /** Names and their modified UTF-7 forms, computed independently of the server's encoder. */
    private static final Map<String, String> NAMES = Map.of(
            "Reçus", "Re&AOc-us",
            "pää", "p&AOQA5A-",
            "日本語", "&ZeVnLIqe-",
            "Входящие", "&BBIERQQ+BDQETwRJBDgENQ-");
    private static final String MESSAGE = "From: a@example.test\r\nSubject: hi\r\n\r\nbody\r\n";

    @TempDir
    Path dir;

    @Test
    void withTheImagesLocaleNonAsciiNamesWorkComeBackExactlyAndStayAfterARestart() throws Exception {
        Path maildir = dir.resolve("Maildir");
        String kept = "&AMk-l&AOk-ments envoy&AOk-s"; // Éléments envoyés
        try (ForkedImapServer server = ForkedImapServer.start(maildir, dir.resolve("1.log"), "LANG", "C.UTF-8");
             ImapTestClient c = new ImapTestClient(server.port())) {
            c.login();
            for (String wire : NAMES.values()) {
                String renamed = wire + "2";
                assertOk(c.command("CREATE \"" + wire + "\""));
                assertHas(c.command("LIST \"\" \"" + wire + "\""), "\\* LIST \\(.*\\) \"/\" \"" + Pattern.quote(wire)
                        + "\"");
                append(c, wire);
                assertHas(c.command("SELECT \"" + wire + "\""), "\\* 1 EXISTS");
                assertOk(c.command("CLOSE"));
                assertOk(c.command("RENAME \"" + wire + "\" \"" + renamed + "\""));
                List<String> listed = c.command("LIST \"\" \"*\"");
                assertHas(listed, "\\* LIST \\(.*\\) \"/\" \"" + Pattern.quote(renamed) + "\"");
                assertFalse(listed.stream().anyMatch(l -> l.endsWith("\"" + wire + "\"")), listed::toString);
                assertHas(c.command("STATUS \"" + renamed + "\" (MESSAGES)"),
                        "\\* STATUS \"" + Pattern.quote(renamed) + "\" \\(MESSAGES 1\\)");
                assertOk(c.command("DELETE \"" + renamed + "\""));
                assertFalse(c.command("LIST \"\" \"*\"").stream().anyMatch(l -> l.contains(renamed)));
            }
            assertOk(c.command("CREATE \"" + kept + "\""));
            append(c, kept);
            assertOk(c.command("LOGOUT"));
        }
        if ("UTF-8".equals(System.getProperty("sun.jnu.encoding"))) { // this JVM can name it too
            assertTrue(Files.isDirectory(maildir.resolve(".Éléments envoyés/cur")), "UTF-8 on disk");
        }
        try (ForkedImapServer server = ForkedImapServer.start(maildir, dir.resolve("2.log"), "LANG", "C.UTF-8");
             ImapTestClient c = new ImapTestClient(server.port())) { // names already on disk
            c.login();
            assertHas(c.command("LIST \"\" \"*\""), "\\* LIST \\(.*\\) \"/\" \"" + Pattern.quote(kept) + "\"");
            assertHas(c.command("SELECT \"" + kept + "\""), "\\* 1 EXISTS");
            assertTrue(c.command("FETCH 1 BODY.PEEK[]").get(0).contains(MESSAGE));
            assertOk(c.command("LOGOUT"));
        }
    }

    private static void append(ImapTestClient c, String wire) throws IOException {
        c.send("a1 APPEND \"" + wire + "\" {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
        assertOk(c.readUntilTagged("a1"));
    }

    @Test
    void withoutAUtf8LocaleNonAsciiNamesAreRefusedClearlyAndAsciiOnesStillWork() throws Exception {
        Path log = dir.resolve("server.log");
        try (ForkedImapServer server = ForkedImapServer.start(dir.resolve("Maildir"), log, "LANG", "C", "LC_ALL", "C");
             ImapTestClient c = new ImapTestClient(server.port())) {
            c.login();
            for (String wire : NAMES.values()) {
                List<String> r = c.command("CREATE \"" + wire + "\"");
                assertTrue(ImapTestClient.tagged(r).matches("\\S+ NO \\[CANNOT\\] .*"), r::toString);
            }
            assertOk(c.command("CREATE Projects"));
            assertHas(c.command("LIST \"\" \"*\""), "\\* LIST \\(.*\\) \"/\" \"?Projects\"?");
            assertOk(c.command("LOGOUT"));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("LANG=C.UTF-8"), text);
        assertFalse(text.contains("\tat "), () -> "no stack trace in the log:\n" + text);
        assertFalse(text.contains("ERROR"), text);
    }

    private static void assertOk(List<String> lines) {
        assertTrue(ImapTestClient.tagged(lines).matches("\\S+ OK.*"), () -> String.join("\n", lines));
    }

    private static void assertHas(List<String> lines, String regex) {
        assertTrue(lines.stream().anyMatch(l -> l.matches(regex)),
                () -> "no line matches " + regex + " in\n" + String.join("\n", lines));
    }
}
