package org.mailstack.user;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap an account's process grew back to the system once the work that grew it is over. The image runs
 * the serial collector, which returns heap only after a full collection (down to the live objects plus
 * {@code MaxHeapFreeRatio}); an idle account makes none, so the garbage of its start (the self-signed key pair)
 * and of its last delivery or mail session would stay resident. A daemon thread looks every {@link #PERIOD} and
 * collects only when the committed heap is larger than after its previous collection: an idle account's heap is
 * left alone, one that grew is collected once.
 */
final class HeapTrim {
    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);
    static final Duration PERIOD = Duration.ofSeconds(30);

    /** The committed heap and a full collection: the JVM's, or a test's. */
    interface Heap {
        long committedBytes();

        void collect();
    }

    private final Heap heap;
    private long afterLastCollection = -1;

    HeapTrim(Heap heap) {
        this.heap = heap;
    }

    /** Collects when the committed heap grew since the last collection (always the first time); whether it did. */
    boolean trimIfGrown() {
        long before = heap.committedBytes();
        if (afterLastCollection >= 0 && before <= afterLastCollection) {
            return false;
        }
        heap.collect();
        afterLastCollection = heap.committedBytes();
        LOG.debug("heap collected: {} KiB committed before, {} KiB after", before / 1024, afterLastCollection / 1024);
        return true;
    }

    /** Trims now, then every {@link #PERIOD} on a daemon thread. */
    static void startForJvm() {
        HeapTrim trim = new HeapTrim(new Heap() {
            @Override
            public long committedBytes() {
                return Runtime.getRuntime().totalMemory();
            }

            @Override
            public void collect() {
                System.gc();
            }
        });
        trim.trimIfGrown();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(PERIOD.toMillis());
                    trim.trimIfGrown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "heap-trim");
        thread.setDaemon(true);
        thread.start();
    }
}
