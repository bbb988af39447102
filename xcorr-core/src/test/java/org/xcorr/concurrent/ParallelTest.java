package org.xcorr.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexVisitedOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int n : new int[] {0, 1, 2, 7, 100, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                Parallel.forRange(threads, n, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "threads=" + threads + " n=" + n + " i=" + i);
                }
            }
        }
    }

    /**
     * The caller claims the shares no pool thread has started and waits only for the ones running elsewhere: it
     * must still return only after every share has finished, whichever thread ran it (shares of uneven length, so
     * the caller often finishes first and finds a share still running).
     */
    @Test
    void aCallReturnsOnlyAfterEveryClaimedShareHasRun() {
        for (int round = 0; round < 200; round++) {
            int threads = 2 + round % 4;
            int n = 1 + round % 13;
            AtomicInteger done = new AtomicInteger();
            Parallel.forRange(threads, n, 1, (from, to) -> {
                long until = System.nanoTime() + 20_000L * (from % 3);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                done.addAndGet(to - from);
            });
            assertEquals(n, done.get(), "forRange round " + round);
            AtomicInteger items = new AtomicInteger();
            Parallel.forEachItem(threads, n, () -> null, (scratch, i) -> {
                long until = System.nanoTime() + 20_000L * (i % 3);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                items.incrementAndGet();
            });
            assertEquals(n, items.get(), "forEachItem round " + round);
        }
    }

    @Test
    void exceptionsReachTheCaller() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parallel.forRange(3, 300, 1, (from, to) -> {
                    if (from > 0) {
                        throw new IllegalArgumentException("chunk " + from);
                    }
                }));
        assertEquals("chunk", e.getMessage().split(" ")[0]);
    }

    /** An OutOfMemoryError in a worker reaches the caller as itself, not wrapped, and outranks exceptions. */
    @Test
    void outOfMemoryInAWorkerReachesTheCallerUnwrapped() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> Parallel.forRange(4, 400, 1, (from, to) -> {
            if (from == 0) {
                throw new IllegalStateException("the caller's chunk failed too");
            }
            if (from >= 300) {
                throw oom;
            }
        }));
        assertSame(oom, e);
    }

    @Test
    void everyItemRunsOnceAndEachWorkerMakesAtMostOneScratch() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int items : new int[] {0, 1, 2, 7, 100}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(items, 1));
                AtomicInteger scratches = new AtomicInteger();
                Parallel.forEachItem(threads, items, () -> new int[] {scratches.incrementAndGet()},
                        (scratch, i) -> hits.incrementAndGet(i));
                for (int i = 0; i < items; i++) {
                    assertEquals(1, hits.get(i), "threads=" + threads + " items=" + items + " i=" + i);
                }
                int made = scratches.get();
                assertTrue(made <= Math.min(threads, items) && (items == 0) == (made == 0),
                        "scratch states made: " + made + " for threads=" + threads + " items=" + items);
            }
        }
    }

    @Test
    void anItemsExceptionReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.forEachItem(3, 50, Object::new, (scratch, i) -> {
                    if (i == 17) {
                        throw new IllegalStateException("item 17");
                    }
                }));
        assertEquals("item 17", e.getMessage());
    }

    @Test
    void threadCountIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.checkThreads(0));
        assertEquals(4, Parallel.checkThreads(4));
    }
}
