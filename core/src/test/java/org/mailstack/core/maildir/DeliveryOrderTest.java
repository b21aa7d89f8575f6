package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.MutableClock;

/** UIDs follow delivery order even when many messages arrive within one second. */
class DeliveryOrderTest {
    private static final int MESSAGES = 60;

    @TempDir
    Path root;

    @Test
    void deliveriesWithinOneSecondGetUidsInDeliveryOrder() throws Exception {
        Instant second = Instant.parse("2026-11-23T07:00:00Z");
        MutableClock clock = new MutableClock(second);
        try (MaildirStore store = MaildirStore.open(root, StoreFixture.options().withClock(clock))) {
            for (int i = 0; i < MESSAGES; i++) {
                // three deliveries share each microsecond value (then the counter decides), and the microsecond
                // values grow from two to three digits (M74 before M111)
                clock.set(second.plusNanos((i / 3) * 37_000L));
                store.deliver(FolderName.INBOX, StoreFixture.message("m" + i));
            }
            MailboxView view = store.openView(FolderName.INBOX, false);
            assertEquals(MESSAGES, view.size());
            List<String> subjects = new ArrayList<>();
            for (MessageInfo m : view.messages()) {
                String text = StoreFixture.read(view, m.uid());
                subjects.add(text.substring(text.indexOf("Subject: ") + 9, text.indexOf("\r\n", text.indexOf("Subject: "))));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                expected.add("m" + i);
            }
            assertEquals(expected, subjects, "subjects in UID order");
        }
    }

    @Test
    void deliveryKeyComparesNumbersAndFallsBackToNameOrder() {
        List<String> names = new ArrayList<>(List.of(
                "1700000001.M5P1Q1R00.h,S=1",
                "1700000000.M100P1Q1R00.h,S=1",
                "1700000000.M99P1Q10R00.h,S=1",
                "1700000000.M99P1Q9R00.h,S=1",
                "foreign-b",
                "foreign-a",
                "1700000000.123_4.h"));
        names.sort((a, b) -> MaildirNames.DeliveryKey.of(a).compareTo(MaildirNames.DeliveryKey.of(b)));
        assertEquals(List.of("foreign-a", "foreign-b", "1700000000.123_4.h", "1700000000.M99P1Q9R00.h,S=1",
                "1700000000.M99P1Q10R00.h,S=1", "1700000000.M100P1Q1R00.h,S=1", "1700000001.M5P1Q1R00.h,S=1"), names);
        assertTrue(MaildirNames.DeliveryKey.of("x").compareTo(MaildirNames.DeliveryKey.of("x")) == 0);
    }
}
