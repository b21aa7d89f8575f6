package org.mailstack.core.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MaildirNamesTest {
    /** A frozen clock is the worst case: time adds nothing to uniqueness. */
    private final Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void namesStayUniqueUnderConcurrencyWithAFrozenClock() throws Exception {
        MaildirNames names = new MaildirNames("box", frozen);
        MaildirNames otherProcessSameHost = new MaildirNames("box", frozen);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                MaildirNames n = t % 2 == 0 ? names : otherProcessSameHost;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(n.newTmpName());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40_000, seen.size());
    }

    @Test
    void nameCarriesTimeSizeAndSanitisedHost() {
        MaildirNames names = new MaildirNames("evil/host:name,x", frozen);
        String base = names.newBaseName(1234);
        assertTrue(base.startsWith("1767225600.M0P"), base);
        assertTrue(base.contains(".evil\\057host\\072name\\054x,S=1234"), base);
        assertEquals(1234, MaildirNames.sizeOf(base + ":2,S"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), MaildirNames.timeOf(base));
        assertEquals(-1, base.indexOf('/'));
        assertEquals(-1, base.indexOf(':'));
    }

    @Test
    void partsOfForeignNames() {
        assertEquals("123.abc", MaildirNames.baseName("123.abc:2,FS"));
        assertEquals("FS", MaildirNames.flagLetters("123.abc:2,FS"));
        assertEquals("", MaildirNames.flagLetters("123.abc"));
        assertEquals(-1, MaildirNames.sizeOf("123.abc:2,S"));
        assertEquals(55, MaildirNames.sizeOf("1.M2P3.h,S=55,W=60:2,"));
        assertEquals(Instant.ofEpochSecond(123, 456_000), MaildirNames.timeOf("123.M456P7.host"));
        assertNull(MaildirNames.timeOf("abc.host"));
        assertTrue(!MaildirNames.isMessageName(".hidden"));
    }
}
