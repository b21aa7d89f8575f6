package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.files.LogCapture;
import org.mailstack.core.files.Planted;
import org.mailstack.core.files.RefusedFileException;

/**
 * The account's owner has a shell and writes the Maildir; the store runs as another user that can read secrets
 * the owner cannot. Whatever links, FIFOs or odd names the owner plants, the secret's bytes never come out of the
 * store (message lists, message streams, folders, quota, subscriptions) and files outside the Maildir are never
 * written, truncated or removed.
 */
class OwnerLinksTest {
    private static final Duration NEVER_BLOCKS = Duration.ofSeconds(20);

    @TempDir
    Path base;
    private Path root;
    private Path outside;
    private Path secret;
    private final String secretText = "SECRET-" + UUID.randomUUID();

    @BeforeEach
    void secretOutsideTheHome() throws IOException {
        root = Files.createDirectories(base.resolve("home")).resolve("Maildir");
        outside = Files.createDirectories(base.resolve("outside"));
        secret = Files.writeString(outside.resolve("relay_secret"), "Subject: " + secretText + "\r\n\r\n" + secretText);
    }

    @Test
    void symlinkInNewIsNeverServed() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Path link = Planted.link(root.resolve("new").resolve("1765100000.M1P1Q1.x"), secret);
            try (LogCapture log = LogCapture.start()) {
                MailboxView view = store.openView(FolderName.INBOX, false);
                view.sync();
                store.openView(FolderName.INBOX, true).sync();

                assertEquals(List.of("own"), subjects(view));
                assertNothingServesTheSecret(store);
                assertEquals(1, log.linesWith(link.getFileName().toString()).size(), log.text());
            }
        }
    }

    @Test
    void symlinkInCurIsNeverServed() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Planted.link(root.resolve("cur").resolve("1765100000.M1P1Q1.x:2,S"), secret);
            Planted.link(root.resolve("cur").resolve("1765100001.M1P1Q2.x:2,"), outside);

            assertOnlyOwnMailIsServed(store);
        }
    }

    @Test
    void messageReplacedByALinkAfterItWasListedIsReportedGone() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Listed listed = listedThenRemoved(store);
            Planted.link(listed.file(), secret);

            assertThrows(MessageGoneException.class, () -> listed.view().openBody(listed.uid()));
            assertNothingServesTheSecret(store);
        }
    }

    @Test
    void messageReplacedByAFifoDoesNotBlockAFetch() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Listed listed = listedThenRemoved(store);
            Planted.fifo(listed.file());

            assertTimeoutPreemptively(NEVER_BLOCKS, () -> {
                assertThrows(MessageGoneException.class, () -> listed.view().openBody(listed.uid()));
                listed.view().sync();
            });
        }
    }

    /** A message a session has listed, whose file was removed behind its back. */
    private record Listed(MailboxView view, long uid, Path file) {
    }

    private Listed listedThenRemoved(MaildirStore store) throws IOException {
        MailboxView view = store.openView(FolderName.INBOX, false);
        Path file = onlyFile(root.resolve("cur"));
        Files.delete(file);
        return new Listed(view, view.get(1).uid(), file);
    }

    @Test
    void fifoAndDirectoriesInNewAreNotMessages() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Planted.fifo(root.resolve("new").resolve("1765100000.M1P1Q1.fifo"));
            Files.createDirectories(root.resolve("new").resolve("1765100001.M1P1Q2.dir"));
            Files.delete(root.resolve(Quota.FILE));

            assertTimeoutPreemptively(NEVER_BLOCKS, () -> {
                MailboxView view = store.openView(FolderName.INBOX, false);
                assertEquals(List.of("own"), subjects(view));
                assertEquals(1, store.status(FolderName.INBOX).messages());
                assertEquals(1, store.quota().messageCount());
            });
        }
    }

    @Test
    void symlinkFolderIsNeitherListedNorEntered() throws Exception {
        Path evil = Files.createDirectories(outside.resolve("evil"));
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(evil.resolve(sub));
        }
        Files.copy(secret, evil.resolve("cur").resolve("1765100000.M1P1Q1.x:2,"));
        Map<String, byte[]> before = contents(evil);
        try (MaildirStore store = StoreFixture.open(root)) {
            Path link = Planted.link(root.resolve(".Evil"), evil);
            try (LogCapture log = LogCapture.start()) {
                FolderName name = FolderName.of("Evil");

                assertFalse(store.listFolders().stream().anyMatch(f -> f.name().equals(name)));
                store.listFolders();
                assertFalse(store.exists(name));
                assertThrows(FolderNotFoundException.class, () -> store.openView(name, true));
                assertThrows(FolderNotFoundException.class, () -> store.status(name));
                assertThrows(FolderNotFoundException.class, () -> store.deliver(name, StoreFixture.message("in")));
                assertThrows(FolderExistsException.class, () -> store.createFolder(name));
                assertThrows(FolderNotFoundException.class, () -> store.deleteFolder(name));
                assertEquals(0, store.quota().messageCount());
                assertEquals(1, log.linesWith(link.toString()).size(), log.text());
            }
            assertNothingServesTheSecret(store);
        }
        assertContentsUnchanged(evil, before);
    }

    @Test
    void folderWithALinkedCurOrNewIsNotAFolder() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            Path box = Files.createDirectories(root.resolve(".Box"));
            Planted.link(box.resolve("cur"), outside);
            Files.createDirectories(box.resolve("new"));
            Files.createDirectories(box.resolve("tmp"));
            Path other = Files.createDirectories(root.resolve(".Other"));
            Files.createDirectories(other.resolve("cur"));
            Planted.link(other.resolve("new"), outside);
            Files.createDirectories(other.resolve("tmp"));

            assertEquals(List.of(), names(store.listFolders()).stream()
                    .filter(n -> n.equals("Box") || n.equals("Other")).toList());
            assertThrows(FolderNotFoundException.class, () -> store.openView(FolderName.of("Box"), true));
            assertThrows(FolderNotFoundException.class, () -> store.openView(FolderName.of("Other"), true));
            assertThrows(IOException.class, () -> store.deliver(FolderName.of("Other"), StoreFixture.message("x")));
            assertNothingServesTheSecret(store);
        }
        assertEquals(List.of("relay_secret"), fileNames(outside));
    }

    @Test
    void inboxWhoseNewIsALinkIsUnusableButNeverLeaks() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Files.delete(onlyFile(root.resolve("new")));
            Files.delete(root.resolve("new"));
            Planted.link(root.resolve("new"), outside);

            assertThrows(FolderNotFoundException.class, () -> store.openView(FolderName.INBOX, true));
            assertThrows(IOException.class, () -> store.deliver(FolderName.INBOX, StoreFixture.message("x")));
        }
        assertEquals(List.of("relay_secret"), fileNames(outside));
    }

    @Test
    void symlinkedTmpIsNeverWrittenThroughNorCleaned() throws Exception {
        Path tmpTarget = Files.createDirectories(outside.resolve("tmp"));
        Path old = Files.writeString(tmpTarget.resolve("1700000000.M1P1Q1.host"), secretText);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("T"));
        }
        Path folderTmp = root.resolve(".T").resolve("tmp");
        Files.delete(folderTmp);
        Planted.link(folderTmp, tmpTarget);
        Files.delete(root.resolve("tmp"));
        Planted.link(root.resolve("tmp"), tmpTarget);

        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withTmpMaxAge(Duration.ZERO))) {
            assertThrows(IOException.class, () -> store.deliver(FolderName.of("T"), StoreFixture.message("x")));
            assertThrows(IOException.class, () -> store.deliver(FolderName.INBOX, StoreFixture.message("x")));
            assertThrows(IOException.class, () -> store.receive());
        }
        assertEquals(List.of("1700000000.M1P1Q1.host"), fileNames(tmpTarget));
        assertEquals(secretText, Files.readString(old));
    }

    @Test
    void linkInTmpIsNeitherFollowedNorRemovedAtCleanUp() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
        }
        Files.setLastModifiedTime(secret, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        Path link = Planted.link(root.resolve("tmp").resolve("1700000000.M1P1Q1.host"), secret);
        Path stale = Files.writeString(root.resolve("tmp").resolve("1700000001.M1P1Q2.host"), "cut short");

        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withTmpMaxAge(Duration.ZERO))) {
            assertEquals(1, store.quota().messageCount());
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(secret).contains(secretText));
    }

    @Test
    void storeFilesPlantedAsLinksAreNeitherReadNorWrittenThrough() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("first"));
            store.createFolder(FolderName.of("Lists"));
        }
        Map<String, Path> victims = new TreeMap<>();
        String[] names = {UidListFile.FILE, FolderLock.FILE, Keywords.FILE, Quota.FILE, Subscriptions.FILE};
        String[] planted = {
            "MAILSTACK-UIDLIST 1 V1 N9 M1 R1\n+ 1 1 0 " + secretText.length() + " c ../../../outside/relay_secret\n",
            "lock",
            "0 " + secretText + "\n",
            "0S\n12345 678\n",
            secretText + "\nSecret\n"};
        for (int i = 0; i < names.length; i++) {
            Path victim = Files.writeString(outside.resolve("victim-" + names[i]), planted[i]);
            victims.put(names[i], victim);
            Path file = root.resolve(names[i]);
            Files.deleteIfExists(file);
            Planted.link(file, victim);
        }
        Path dangling = Planted.link(root.resolve(".Lists").resolve(FolderLock.FILE), outside.resolve("created"));
        Files.delete(root.resolve(".Lists").resolve(UidListFile.FILE));
        Planted.link(root.resolve(".Lists").resolve(UidListFile.FILE), victims.get(UidListFile.FILE));
        Map<String, byte[]> before = contents(outside);

        try (MaildirStore store = StoreFixture.open(root)) {
            MailboxView view = store.openView(FolderName.INBOX, false);
            store.deliver(FolderName.INBOX, StoreFixture.message("second"));
            view.sync();
            view.storeFlags(List.of(view.get(1).uid()), FlagOperation.ADD, Flags.of(List.of(), List.of("Work")));
            store.subscribe(FolderName.of("Lists"));
            store.append(FolderName.of("Lists"), StoreFixture.message("third"), Flags.NONE, null);
            view.copy(List.of(view.get(2).uid()), FolderName.of("Lists"));
            view.storeFlags(List.of(view.get(2).uid()), FlagOperation.ADD, Flags.of(SystemFlag.DELETED));
            view.expunge();
            view.sync();

            assertEquals(List.of("first"), subjects(view));
            assertEquals(List.of("third", "second"), subjects(store.openView(FolderName.of("Lists"), true)));
            assertTrue(view.uidValidity() != 1, "the planted UID list was read");
            assertEquals(Set.of(FolderName.of("Lists")), store.subscriptions());
            assertEquals(3, store.quota().messageCount());
            assertTrue(view.keywords().contains("Work"));
            assertNothingServesTheSecret(store);
        }
        assertContentsUnchanged(outside, before);
        assertFalse(Files.exists(outside.resolve("created")));
        assertFalse(Files.isSymbolicLink(dangling));
        for (String name : names) {
            assertFalse(Files.isSymbolicLink(root.resolve(name)), name + " is still a link");
        }
    }

    @Test
    void quotaNeverCountsWhatALinkPointsTo() throws Exception {
        Path big = Files.write(outside.resolve("big"), new byte[100_000]);
        try (MaildirStore store = openWithOwnMail()) {
            long own = store.quota().usedBytes();
            Planted.link(root.resolve("cur").resolve("1765100000.M1P1Q1.x:2,"), big);
            Planted.link(root.resolve("new").resolve("1765100001.M1P1Q2.x"), big);
            Files.delete(root.resolve(Quota.FILE));

            assertEquals(own, store.quota().usedBytes());
            assertEquals(1, store.quota().messageCount());
        }
    }

    @Test
    void copyAndMoveNeverCarryALink() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("Target"));
            store.deliver(FolderName.INBOX, StoreFixture.message("kept"));
            store.deliver(FolderName.INBOX, StoreFixture.message("swapped"));
            MailboxView view = store.openView(FolderName.INBOX, false);
            Path swapped = root.resolve("cur").resolve(StoreFixture.fileWithSubject(root.resolve("cur"), "swapped"));
            Files.delete(swapped);
            Planted.link(swapped, secret);

            CopyResult copied = view.copy(StoreFixture.uids(view), FolderName.of("Target"));
            view.move(StoreFixture.uids(view), FolderName.of("Target"));

            MailboxView target = store.openView(FolderName.of("Target"), true);
            assertEquals(1, copied.targetUids().size());
            assertEquals(List.of("kept", "kept"), subjects(target));
            for (Path p : files(root.resolve(".Target").resolve("cur"))) {
                assertFalse(Files.isSymbolicLink(p), p.toString());
            }
            assertNothingServesTheSecret(store);
        }
    }

    @Test
    void hardLinkedMessageInsideTheMaildirIsServed() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.createFolder(FolderName.of("Other"));
            store.deliver(FolderName.INBOX, StoreFixture.message("shared"));
            MailboxView inbox = store.openView(FolderName.INBOX, false);
            Path file = onlyFile(root.resolve("cur"));
            Files.createLink(root.resolve(".Other").resolve("cur").resolve("1765100000.M1P1Q1.x:2,"), file);

            assertEquals(List.of("shared"), subjects(store.openView(FolderName.of("Other"), true)));
            assertEquals(List.of("shared"), subjects(inbox));
        }
    }

    @Test
    void forgedUidListRecordCannotNameAFileOutsideTheFolder() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            store.openView(FolderName.INBOX, false);
        }
        // a list that says it matched the directories as they are now, so no scan would look at them
        long newNs = Files.getLastModifiedTime(root.resolve("new")).to(TimeUnit.NANOSECONDS);
        long curNs = Files.getLastModifiedTime(root.resolve("cur")).to(TimeUnit.NANOSECONDS);
        Files.writeString(root.resolve(UidListFile.FILE), "+ 100 100 0 " + Files.size(secret)
                + " c ../../../outside/relay_secret\n" + "+ 101 101 0 10 n ../../../outside/relay_secret\n"
                + "S " + newNs + " " + curNs + "\nC 1\n", StandardOpenOption.APPEND);

        try (MaildirStore reopened = StoreFixture.open(root)) {
            assertOnlyOwnMailIsServed(reopened);
        }
    }

    @Test
    void oddNamesAreNeverServedAndLoggedAsOnePrintableLine() throws Exception {
        try (MaildirStore store = openWithOwnMail()) {
            Files.writeString(root.resolve("new").resolve("1765100000.M1P1Q1.x\nforged"), secretText);
            Files.writeString(root.resolve("new").resolve("..1765100001.M1P1Q2.x"), secretText);
            Files.writeString(root.resolve("cur").resolve("...:2,S"), secretText);
            Planted.link(root.resolve("new").resolve("1765100002.M1P1Q3.\u001b[2J\u001b]0;x\u0007"), secret);
            try (LogCapture log = LogCapture.start()) {
                assertOnlyOwnMailIsServed(store);

                assertEquals(1, log.linesWith("1765100002.M1P1Q3.\\x1b[2J\\x1b]0;x\\x07").size(), log.text());
                assertFalse(log.text().contains("\u001b"));
            }
        }
    }

    @Test
    void maildirThatIsALinkIsNotOpened() throws Exception {
        Files.createDirectories(root.getParent());
        Planted.link(root, outside);

        assertThrows(RefusedFileException.class, () -> StoreFixture.open(root));
        assertEquals(List.of("relay_secret"), fileNames(outside));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The store, with one message of the owner's own (subject "own") delivered to INBOX. */
    private MaildirStore openWithOwnMail() throws IOException {
        MaildirStore store = StoreFixture.open(root);
        store.deliver(FolderName.INBOX, StoreFixture.message("own"));
        return store;
    }

    /** INBOX as a session opens it: the one message delivered, and nothing anywhere that shows the secret. */
    private void assertOnlyOwnMailIsServed(MaildirStore store) throws IOException {
        assertEquals(List.of("own"), subjects(store.openView(FolderName.INBOX, false)));
        assertNothingServesTheSecret(store);
    }

    /** Reads every message of every folder the store lists, its folder names, quota and subscriptions. */
    private void assertNothingServesTheSecret(MaildirStore store) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (FolderInfo f : store.listFolders()) {
            seen.append(f.name()).append('\n');
            MailboxView view = store.openView(f.name(), true);
            for (MessageInfo m : view.messages()) {
                try {
                    seen.append(StoreFixture.read(view, m.uid()));
                } catch (MessageGoneException gone) {
                    seen.append("(gone)");
                }
            }
            seen.append(store.status(f.name())).append(view.keywords());
        }
        seen.append(store.quota()).append(store.subscriptions());
        assertFalse(seen.toString().contains(secretText), seen.toString());
    }

    private static List<String> subjects(MailboxView view) throws IOException {
        List<String> out = new ArrayList<>();
        for (MessageInfo m : view.messages()) {
            String text = StoreFixture.read(view, m.uid());
            int i = text.indexOf("Subject: ");
            out.add(text.substring(i + 9, text.indexOf("\r\n", i)));
        }
        return out;
    }

    private static List<String> names(List<FolderInfo> folders) {
        return folders.stream().map(f -> f.name().name()).toList();
    }

    private static Path onlyFile(Path dir) throws IOException {
        List<Path> all = files(dir);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        return files(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Every regular file under {@code dir} with its bytes (links not followed). */
    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void assertContentsUnchanged(Path dir, Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> after = contents(dir);
        assertEquals(before.keySet(), after.keySet());
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
        }
    }
}
