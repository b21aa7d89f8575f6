package org.mailstack.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapTrimTest {
    /** A heap that grows by what the test allocates and shrinks to its live size on a collection. */
    private static final class FakeHeap implements HeapTrim.Heap {
        long committed;
        long live;
        int collections;
        long jvmCollections;

        @Override
        public long committedBytes() {
            return committed;
        }

        @Override
        public long collections() {
            return jvmCollections;
        }

        @Override
        public void collect() {
            collections++;
            jvmCollections++;
            committed = live;
        }
    }

    @Test
    void collectsOnceAtFirstThenOnlyWhenTheHeapGrew() {
        FakeHeap heap = new FakeHeap();
        heap.committed = 30 << 20;
        heap.live = 10 << 20;
        HeapTrim trim = new HeapTrim(heap);

        assertTrue(trim.trimIfGrown(), "the start's garbage is collected at once");
        assertEquals(10 << 20, heap.committed);
        assertFalse(trim.trimIfGrown(), "an idle heap is left alone");
        assertFalse(trim.trimIfGrown());
        assertEquals(1, heap.collections);

        heap.committed = 18 << 20;          // a delivery grew it
        heap.live = 11 << 20;
        assertTrue(trim.trimIfGrown());
        assertEquals(11 << 20, heap.committed);
        assertEquals(2, heap.collections);
        assertFalse(trim.trimIfGrown());
    }

    @Test
    void aHeapTheCollectionCouldNotShrinkIsNotCollectedAgainAndAgain() {
        FakeHeap heap = new FakeHeap();
        heap.committed = 20 << 20;
        heap.live = 20 << 20;
        HeapTrim trim = new HeapTrim(heap);
        assertTrue(trim.trimIfGrown());
        assertFalse(trim.trimIfGrown());
        assertEquals(1, heap.collections);
    }

    @Test
    void workThatMadeTheJvmCollectIsCollectedOnceAfterEvenWhenTheHeapDidNotGrow() {
        FakeHeap heap = new FakeHeap();
        heap.committed = 40 << 20;
        heap.live = 30 << 20;               // the last look fell in the middle of a burst of work
        HeapTrim trim = new HeapTrim(heap);
        assertTrue(trim.trimIfGrown());
        assertEquals(30 << 20, heap.committed);

        heap.live = 10 << 20;               // the burst ended: its objects are garbage, the heap no larger
        heap.jvmCollections += 3;           // young collections while it ran
        assertTrue(trim.trimIfGrown(), "the JVM collected since the last look");
        assertEquals(10 << 20, heap.committed);
        assertEquals(2, heap.collections);
        assertFalse(trim.trimIfGrown(), "idle again: left alone");
        assertEquals(2, heap.collections);
    }
}
