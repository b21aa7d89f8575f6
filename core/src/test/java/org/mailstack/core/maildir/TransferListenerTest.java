package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners told of COPY and MOVE between folders (the user container teaches its spam filter from them). */
class TransferListenerTest {
    @TempDir
    Path root;

    record Seen(FolderName source, FolderName target, List<Long> targetUids, boolean move) {
    }

    @Test
    void copyAndMoveAreReportedWithTheirTargetUidsAfterTheyAreDone() throws Exception {
        FolderName junk = FolderName.of("Junk");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            store.deliver(FolderName.INBOX, StoreFixture.message("b"));
            AutoCloseable handle = store.addTransferListener((source, result, move) -> {
                seen.add(new Seen(source, result.target(), result.targetUids(), move));
                // the messages are in place when the listener is told
                try (MailboxView v = store.openView(result.target(), true)) {
                    for (long uid : result.targetUids()) {
                        StoreFixture.read(v, uid);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            MailboxView inbox = store.openView(FolderName.INBOX, false);
            inbox.copy(List.of(1L), junk);
            inbox.move(List.of(1L, 2L), junk);
            inbox.copy(List.of(99L), junk); // nothing placed: nobody is told
            try (MailboxView j = store.openView(junk, false)) {
                j.move(List.of(3L), FolderName.INBOX);
            }
            handle.close();
            inbox.sync();
            store.openView(FolderName.INBOX, false).copy(List.of(3L), junk); // after close: not told
        }
        assertEquals(List.of(
                new Seen(FolderName.INBOX, junk, List.of(1L), false),
                new Seen(FolderName.INBOX, junk, List.of(2L, 3L), true),
                new Seen(junk, FolderName.INBOX, List.of(3L), true)), seen);
    }

    @Test
    void aFailingListenerNeverFailsTheTransfer() throws Exception {
        try (MaildirStore store = StoreFixture.open(root)) {
            store.deliver(FolderName.INBOX, StoreFixture.message("a"));
            store.addTransferListener((source, result, move) -> {
                throw new IllegalStateException("listener bug");
            });
            CopyResult r = store.openView(FolderName.INBOX, false).move(List.of(1L), FolderName.of("Junk"));
            assertEquals(List.of(1L), r.targetUids());
            assertEquals(1, store.status(FolderName.of("Junk")).messages());
            assertEquals(0, store.status(FolderName.INBOX).messages());
        }
    }
}
