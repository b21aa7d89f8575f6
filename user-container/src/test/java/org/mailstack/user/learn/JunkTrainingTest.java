package org.mailstack.user.learn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.user.testing.LearnStub;

/** The bounds of the training: messages per minute and size. Lessons are sent one after another, in order. */
class JunkTrainingTest {
    private static final FolderName JUNK = FolderName.of("Junk");

    @TempDir
    Path dir;
    MaildirStore store;
    LearnStub stub;
    JunkTraining training;
    Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @BeforeEach
    void open() throws IOException {
        store = MaildirStore.open(dir.resolve("Maildir"), StoreOptions.defaults().withFsync(false));
        stub = new LearnStub();
    }

    @AfterEach
    void close() {
        training.close();
        store.close();
        stub.close();
    }

    private void train(long maxBytes, int perMinute) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        training = new JunkTraining(store, new LearnClient(stub.url(), "bob", "relay-secret-for-tests-0123",
                Duration.ofSeconds(10)), maxBytes, perMinute, clock);
        store.addTransferListener(training);
    }

    private long delivered;

    /** Delivers into INBOX; returns the UID it gets there (a fresh store numbers in delivery order). */
    private long deliver(String subject, String body) throws IOException {
        store.deliver(FolderName.INBOX, new ByteArrayInputStream(("Subject: " + subject + "\r\n\r\n" + body
                + "\r\n").getBytes(StandardCharsets.UTF_8)));
        return ++delivered;
    }

    private void moveToJunk(long... uids) throws IOException {
        try (MailboxView inbox = store.openView(FolderName.INBOX, false)) {
            inbox.move(Arrays.stream(uids).boxed().toList(), JUNK);
        }
    }

    private List<String> subjects() {
        return stub.lessons.stream().map(l -> l.text().substring("Subject: ".length(), l.text().indexOf("\r\n")))
                .toList();
    }

    @Test
    void atMostTheMinutesBudgetIsTaughtTheRestIsDropped() throws Exception {
        train(1 << 20, 2);
        moveToJunk(deliver("a", "x"), deliver("b", "x"), deliver("c", "x"));
        long d = deliver("d", "x");
        now = now.plus(Duration.ofSeconds(61));
        moveToJunk(d);
        // one worker sends in order: once d has arrived, c would have been sent before it
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.lessons.size() >= 3);
        assertEquals(List.of("a", "b", "d"), subjects());
    }

    @Test
    void aMessageOverTheSizeLimitIsNotTaught() throws Exception {
        train(200, 30);
        moveToJunk(deliver("big", "y".repeat(300)));
        moveToJunk(deliver("small", "y"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !stub.lessons.isEmpty());
        assertEquals(List.of("small"), subjects());
    }

    @Test
    void whatTransfersTeach() {
        FolderName inbox = FolderName.INBOX;
        FolderName trash = FolderName.of("Trash");
        FolderName lists = FolderName.of("Lists/java");
        assertEquals(Optional.of(Lesson.SPAM), Lesson.of(inbox, JUNK));
        assertEquals(Optional.of(Lesson.SPAM), Lesson.of(trash, JUNK));
        assertEquals(Optional.of(Lesson.HAM), Lesson.of(JUNK, inbox));
        assertEquals(Optional.of(Lesson.HAM), Lesson.of(JUNK, lists));
        assertEquals(Optional.empty(), Lesson.of(JUNK, trash));
        assertEquals(Optional.empty(), Lesson.of(JUNK, JUNK));
        assertEquals(Optional.empty(), Lesson.of(inbox, lists));
        assertEquals(Optional.empty(), Lesson.of(inbox, FolderName.of("Junk/old")));
        train(1, 1);
    }
}
