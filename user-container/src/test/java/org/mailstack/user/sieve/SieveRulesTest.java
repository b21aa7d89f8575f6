package org.mailstack.user.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SieveRulesTest {
    private static final String MESSAGE = """
            From: Alice Example <alice@example.org>
            To: box@bob.example.test, "Team" <team@lists.example.org>
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from the
             mailing list
            List-Id: <java.lists.example.org>
            X-Spam: yes

            body
            """.replace("\n", "\r\n");

    @TempDir
    Path dir;

    private FilterResult run(String script) throws IOException {
        return run(script, 500);
    }

    private FilterResult run(String script, long size) throws IOException {
        Path file = dir.resolve("rules.sieve");
        Files.writeString(file, script);
        return new SieveRules(file).evaluate(new Envelope("sender@example.org", "box@bob.example.test"),
                HeaderBlock.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)), size);
    }

    private static void assertFolders(FilterResult result, String... folders) {
        assertEquals(List.of(folders), result.folders(), result.toString());
        assertTrue(result.fallbackReason().isEmpty(), result.toString());
    }

    @Test
    void missingFileIsImplicitKeep() {
        FilterResult result = new SieveRules(dir.resolve("none.sieve")).evaluate(new Envelope("", "x@y.z"),
                HeaderBlock.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)), 10);
        assertFolders(result, "INBOX");
    }

    @Test
    void emptyScriptKeeps() throws IOException {
        assertFolders(run("# nothing\n"), "INBOX");
    }

    @Test
    void theResultSaysWhetherTheKeepWasImplicit() throws IOException {
        assertTrue(new SieveRules(dir.resolve("none.sieve")).evaluate(new Envelope("", "x@y.z"),
                HeaderBlock.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)), 10).implicitKeep(), "no rules");
        assertTrue(run("# nothing\n").implicitKeep(), "empty rules");
        assertTrue(run("require \"fileinto\"; if header :is \"X-Spam\" \"no\" { fileinto \"A\"; }").implicitKeep());
        assertTrue(run("require \"vacation\"; vacation \"Away.\";").implicitKeep(), "vacation keeps it implicit");
        assertTrue(run("frobnicate;").implicitKeep(), "broken rules are no decision");
        assertFalse(run("keep;").implicitKeep(), "an explicit keep is a decision");
        assertFalse(run("if true { keep; stop; } discard;").implicitKeep());
        assertFalse(run("require \"fileinto\"; fileinto \"A\";").implicitKeep());
        assertFalse(run("redirect \"other@example.net\";").implicitKeep());
        assertFalse(run("discard;").implicitKeep());
    }

    @Test
    void explicitKeep() throws IOException {
        assertFolders(run("keep;"), "INBOX");
    }

    @Test
    void fileintoCancelsImplicitKeep() throws IOException {
        assertFolders(run("require \"fileinto\"; fileinto \"Archive\";"), "Archive");
    }

    @Test
    void fileintoAndKeepStoreTwiceWithoutDuplicates() throws IOException {
        assertFolders(run("require \"fileinto\"; fileinto \"A\"; keep; fileinto \"A\"; fileinto \"inbox\";"),
                "A", "INBOX");
    }

    @Test
    void discardStoresNothing() throws IOException {
        FilterResult result = run("discard;");
        assertTrue(result.storesNothing());
        assertTrue(result.fallbackReason().isEmpty());
    }

    @Test
    void stopEndsTheScript() throws IOException {
        assertFolders(run("require \"fileinto\"; fileinto \"First\"; stop; fileinto \"Second\";"), "First");
    }

    @Test
    void redirectCancelsImplicitKeep() throws IOException {
        FilterResult result = run("redirect \"other@example.net\";");
        assertEquals(List.of("other@example.net"), result.redirects());
        assertTrue(result.folders().isEmpty());
    }

    @Test
    void redirectWithKeep() throws IOException {
        FilterResult result = run("redirect \"other@example.net\"; keep;");
        assertEquals(List.of("other@example.net"), result.redirects());
        assertEquals(List.of("INBOX"), result.folders());
    }

    @Test
    void headerContainsIsCaseInsensitiveAndSeesDecodedUnfoldedValue() throws IOException {
        assertFolders(run("require \"fileinto\"; if header :contains \"subject\" \"grüße FROM THE mailing\" "
                + "{ fileinto \"Hit\"; }"), "Hit");
        assertFolders(run("require \"fileinto\"; if header :contains \"subject\" \"from the  mailing\" "
                + "{ fileinto \"Hit\"; }"), "INBOX");
    }

    @Test
    void headerIsAndMatches() throws IOException {
        assertFolders(run("require \"fileinto\"; if header :is \"X-Spam\" \"yes\" { fileinto \"Junk\"; }"), "Junk");
        assertFolders(run("require \"fileinto\"; if header :matches \"List-Id\" \"*java.lists*\" "
                + "{ fileinto \"Lists/java\"; }"), "Lists/java");
        assertFolders(run("require \"fileinto\"; if header :is \"X-Spam\" \"no\" { fileinto \"Junk\"; }"), "INBOX");
    }

    @Test
    void addressParts() throws IOException {
        assertFolders(run("require \"fileinto\"; if address :domain :is \"from\" \"EXAMPLE.org\" "
                + "{ fileinto \"Dom\"; }"), "Dom");
        assertFolders(run("require \"fileinto\"; if address :localpart :is \"to\" \"team\" { fileinto \"Team\"; }"),
                "Team");
        assertFolders(run("require \"fileinto\"; if address :all :is \"from\" \"alice@example.org\" "
                + "{ fileinto \"All\"; }"), "All");
        assertFolders(run("require \"fileinto\"; if address :is \"from\" \"Alice Example\" { fileinto \"No\"; }"),
                "INBOX");
    }

    @Test
    void envelopeTest() throws IOException {
        assertFolders(run("require [\"envelope\", \"fileinto\"]; if envelope :is \"from\" \"sender@example.org\" "
                + "{ fileinto \"Env\"; }"), "Env");
        assertFolders(run("require [\"envelope\", \"fileinto\"]; if envelope :domain :is \"to\" "
                + "\"bob.example.test\" { fileinto \"To\"; }"), "To");
    }

    @Test
    void sizeOverAndUnder() throws IOException {
        String script = "require \"fileinto\"; if size :over 1K { fileinto \"Big\"; } "
                + "elsif size :under 100 { fileinto \"Tiny\"; }";
        assertFolders(run(script, 2000), "Big");
        assertFolders(run(script, 50), "Tiny");
        assertFolders(run(script, 500), "INBOX");
    }

    @Test
    void existsNeedsAllHeaders() throws IOException {
        assertFolders(run("require \"fileinto\"; if exists [\"List-Id\", \"X-Spam\"] { fileinto \"Both\"; }"),
                "Both");
        assertFolders(run("require \"fileinto\"; if exists [\"List-Id\", \"X-Nope\"] { fileinto \"Both\"; }"),
                "INBOX");
    }

    @Test
    void allofAnyofNot() throws IOException {
        assertFolders(run("require \"fileinto\"; if allof (exists \"X-Spam\", not exists \"X-Nope\") "
                + "{ fileinto \"All\"; }"), "All");
        assertFolders(run("require \"fileinto\"; if allof (exists \"X-Spam\", exists \"X-Nope\") "
                + "{ fileinto \"All\"; }"), "INBOX");
        assertFolders(run("require \"fileinto\"; if anyof (exists \"X-Nope\", header :is \"X-Spam\" \"yes\") "
                + "{ fileinto \"Any\"; }"), "Any");
        assertFolders(run("require \"fileinto\"; if anyof (false, not true) { fileinto \"Any\"; }"), "INBOX");
    }

    @Test
    void elsifAndElse() throws IOException {
        String script = "require \"fileinto\"; if header :is \"X-Spam\" \"maybe\" { fileinto \"A\"; } "
                + "elsif header :is \"X-Spam\" \"no\" { fileinto \"B\"; } else { fileinto \"C\"; }";
        assertFolders(run(script), "C");
    }

    @Test
    void vacationIsReported() throws IOException {
        FilterResult result = run("require \"vacation\"; vacation :days 3 :subject \"Away\" \"Back on Monday.\";");
        assertTrue(result.vacation().isPresent());
        VacationReply reply = result.vacation().get();
        assertEquals("sender@example.org", reply.to());
        assertEquals("Away", reply.subject());
        assertEquals("Back on Monday.", reply.reason());
        assertEquals(3, reply.days());
        assertEquals(List.of("INBOX"), result.folders(), "vacation keeps the message");
    }

    @Test
    void syntaxErrorFallsBackToInbox() throws IOException {
        FilterResult result = run("if header :is \"X-Spam\" \"yes\" { fileinto \"Junk\" ");
        assertEquals(List.of("INBOX"), result.folders());
        assertTrue(result.fallbackReason().orElseThrow().contains("do not parse"));
    }

    @Test
    void unknownCommandFallsBackToInbox() throws IOException {
        FilterResult result = run("frobnicate \"x\";");
        assertEquals(List.of("INBOX"), result.folders());
        assertTrue(result.fallbackReason().isPresent());
    }

    @Test
    void rejectIsSwitchedOff() throws IOException {
        FilterResult result = run("require \"reject\"; reject \"go away\";");
        assertEquals(List.of("INBOX"), result.folders());
        assertTrue(result.fallbackReason().isPresent());
    }

    @Test
    void bodyTestIsSwitchedOff() throws IOException {
        FilterResult result = run("require [\"body\", \"fileinto\"]; if body :contains \"x\" { fileinto \"B\"; }");
        assertEquals(List.of("INBOX"), result.folders());
        assertTrue(result.fallbackReason().isPresent());
    }

    @Test
    void editedScriptIsReloaded() throws IOException {
        Path file = dir.resolve("rules.sieve");
        Files.writeString(file, "require \"fileinto\"; fileinto \"One\";");
        SieveRules rules = new SieveRules(file);
        Envelope envelope = new Envelope("a@b.c", "box@bob.example.test");
        HeaderBlock headers = HeaderBlock.parse(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("One"), rules.evaluate(envelope, headers, 1).folders());
        Files.writeString(file, "require \"fileinto\"; fileinto \"Two!\";");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(List.of("Two!"), rules.evaluate(envelope, headers, 1).folders());
    }
}
