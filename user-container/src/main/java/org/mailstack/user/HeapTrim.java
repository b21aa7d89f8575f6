package org.mailstack.user;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap an account's process grew back to the system once the work that grew it is over. The image runs
 * the serial collector, which returns heap only after a full collection (down to the live objects plus
 * {@code MaxHeapFreeRatio}); an idle account makes none, so the garbage of its start (the self-signed key pair)
 * and of its last delivery or mail session would stay resident. A daemon thread looks every {@link #PERIOD} and
 * makes a full collection when the committed heap is larger than after its previous one, or when the JVM collected
 * since (work made garbage, even when the heap did not grow past that size): an idle account's heap is left alone,
 * a busy one is collected at most once a period, and the first look after a burst of work gives its memory back.
 */
final class HeapTrim {
    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);
    static final Duration PERIOD = Duration.ofSeconds(30);

    /** The committed heap, the number of collections the JVM made, and a full collection: the JVM's, or a test's. */
    interface Heap {
        long committedBytes();

        long collections();

        void collect();
    }

    private final Heap heap;
    private long afterLastCollection = -1;
    private long collectionsAfterLast = -1;

    HeapTrim(Heap heap) {
        this.heap = heap;
    }

    /**
     * Collects when the committed heap grew, or the JVM collected, since the last collection here (always the first
     * time); whether it did.
     */
    boolean trimIfGrown() {
        long before = heap.committedBytes();
        if (afterLastCollection >= 0 && before <= afterLastCollection && heap.collections() == collectionsAfterLast) {
            return false;
        }
        heap.collect();
        afterLastCollection = heap.committedBytes();
        collectionsAfterLast = heap.collections();
        LOG.debug("heap collected: {} KiB committed before, {} KiB after", before / 1024, afterLastCollection / 1024);
        return true;
    }

    /** Trims at once, then every {@link #PERIOD}, on a daemon thread (the start does not wait for it). */
    static void startForJvm() {
        HeapTrim trim = new HeapTrim(new Heap() {
            @Override
            public long committedBytes() {
                return Runtime.getRuntime().totalMemory();
            }

            @Override
            public long collections() {
                long n = 0;
                for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                    n += Math.max(0, gc.getCollectionCount());
                }
                return n;
            }

            @Override
            public void collect() {
                System.gc();
            }
        });
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    trim.trimIfGrown();
                    Thread.sleep(PERIOD.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "heap-trim");
        thread.setDaemon(true);
        thread.start();
    }
}
