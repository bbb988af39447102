package org.xcorr.ncc.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xcorr.concurrent.Parallel;

/**
 * Runs independent work items on up to {@code threads} threads, each thread taking the next free item when it is
 * done with one (dynamic scheduling). On a shared machine a thread that starts late or loses its core leaves its
 * items to the others instead of holding up the call, as fixed contiguous chunks would. Results stay identical
 * for every thread count as long as each item's arithmetic depends only on the item (per-thread state is scratch
 * space that every item fully rewrites before reading).
 */
public final class Jobs {

    /** Body of one item, with the calling worker's scratch state. */
    @FunctionalInterface
    public interface Item<W> {
        /** Processes item {@code index}. */
        void run(W scratch, int index);
    }

    private Jobs() {
    }

    /** Runs {@code body} for every item in {@code [0, items)}; {@code scratch} makes one state per worker. */
    public static <W> void run(int threads, int items, Supplier<W> scratch, Item<W> body) {
        if (items <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(threads, Math.min(threads, items), 1, (from, to) -> {
            W state = null;
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                if (state == null) {
                    state = scratch.get();
                }
                body.run(state, i);
            }
        });
    }
}
