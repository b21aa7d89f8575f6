package org.mailstack.webmail.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.FlagChange;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.Mailbox;
import org.mailstack.webmail.mail.MessagePage;
import org.mailstack.webmail.mail.MessageRef;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.mail.Outgoing;

class SessionStoreTest {
    private final MutableClock clock = new MutableClock();
    private final SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(12), clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void idleSessionsExpireAndCloseTheirMailbox() {
        FakeMailbox mailbox = new FakeMailbox();
        WebSession s = store.create(mailbox);
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.find(s.id())).isEmpty();
        assertThat(mailbox.closed.get()).isTrue();
        assertThat(store.size()).isZero();
    }

    @Test
    void busySessionsStillEndAtTheAbsoluteLimit() {
        FakeMailbox mailbox = new FakeMailbox();
        WebSession s = store.create(mailbox);
        for (int i = 0; i < 48; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(store.find(s.id())).isPresent();
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(store.find(s.id())).isEmpty();
        assertThat(mailbox.closed.get()).isTrue();
    }

    @Test
    void theReaperEndsSessionsWhoseBrowserNeverReturns() {
        FakeMailbox mailbox = new FakeMailbox();
        store.create(mailbox);
        clock.advance(Duration.ofHours(1));
        store.reap();
        assertThat(mailbox.closed.get()).isTrue();
        assertThat(store.size()).isZero();
    }

    @Test
    void idsAndCsrfTokensAreUniqueAndUnguessable() {
        WebSession a = store.create(new FakeMailbox());
        WebSession b = store.create(new FakeMailbox());
        assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
        assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
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
    }

    static final class FakeMailbox implements Mailbox {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String address() {
            return "box@test.example.test";
        }

        @Override
        public List<FolderSummary> folders() {
            return List.of();
        }

        @Override
        public MessagePage list(String folder, int page, int pageSize, String query) {
            return new MessagePage(folder, 0, 1, 0, List.of());
        }

        @Override
        public MessageView read(MessageRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttachmentData attachment(MessageRef ref, int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeFlags(String folder, List<Long> uids, FlagChange change) {
        }

        @Override
        public void move(String folder, List<Long> uids, String targetFolder) {
        }

        @Override
        public void delete(String folder, List<Long> uids) {
        }

        @Override
        public void send(Outgoing message) {
        }

        @Override
        public void saveDraft(Outgoing message) {
        }

        @Override
        public void discardDraft(long uid) {
        }

        @Override
        public void createFolder(String name) {
        }

        @Override
        public Optional<String> folderFor(FolderRole role) {
            return Optional.empty();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
