package org.xcorr.concurrent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The library's one scheduler: runs a loop on up to {@code threads} threads, with one of two policies.
 * <ul>
 *   <li>{@link #forRange} (static): {@code [0, n)} split into at most {@code threads} contiguous chunks, one per
 *       worker. For uniform, memory-streaming loops (FFT row blocks, element-wise products, scaling): each
 *       worker streams through one contiguous region and the workers share nothing.</li>
 *   <li>{@link #forEachItem} (dynamic): each worker takes the next free item when it is done with one, and
 *       keeps a scratch state of its own across its items. For coarse items of uneven cost, or many items per
 *       thread (NCC tiles and blocks of rows): on a shared machine a worker that starts late or loses its core
 *       leaves its items to the others instead of holding up the call, as fixed chunks would.</li>
 * </ul>
 *
 * <p><b>Determinism.</b> Every operation in the library takes its thread count as an explicit argument (there is
 * no global switch), and its result is bit-identical for every thread count and every interleaving. Neither
 * policy decides <em>what</em> is computed, only <em>which worker</em> computes it: callers write each index's or
 * item's arithmetic so that it depends on the index or item alone (never on the chunk bounds, the order of
 * items, or which worker ran it), scratch state is fully rewritten by an item before it is read, and any
 * reduction is taken over blocks whose bounds depend on the input shape only, combined in a fixed order after
 * the loop. Dynamic scheduling therefore changes the timing, never a bit of the result.
 *
 * <p>The calling thread is one of the workers; the others come from a shared pool of daemon threads that grows on
 * demand and lets idle threads die, so a library user never has to shut anything down. Under both policies the
 * workers' shares (chunks, or the per-worker loops of items) are claimed rather than handed out: the calling thread
 * runs every share that no pool thread has started by the time it is free, so a hand-off that comes late (a
 * sleeping pool thread on a busy machine: often longer than a whole small loop) never holds up the call. An exception thrown by
 * any worker is rethrown on the calling thread once every worker has stopped.
 */
public final class Parallel {

    /** Body of a parallel loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    /** Body of one work item of {@link #forEachItem}, with the running worker's scratch state. */
    @FunctionalInterface
    public interface ItemBody<W> {
        /** Processes item {@code index} using {@code scratch}, which previous items of this worker may have left dirty. */
        void run(W scratch, int index);
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "xcorr-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private Parallel() {
    }

    /** The default thread count: every available processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Validates a user-supplied thread count ({@code threads >= 1}) and returns it.
     *
     * @throws IllegalArgumentException naming {@code threads} if it is less than 1
     */
    public static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /**
     * Static policy: runs {@code body} over {@code [0, n)} split into at most {@code threads} contiguous chunks of
     * at least {@code minChunk} indices, one chunk per worker. Exceptions thrown by any chunk are rethrown on the
     * calling thread, unwrapped (the same object); an {@link Error} such as {@link OutOfMemoryError} in any chunk
     * wins over exceptions in others.
     */
    public static void forRange(int threads, int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
        onWorkers(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /** {@link #forRange(int, int, int, RangeBody)} with chunks of at least one index. */
    public static void forRange(int threads, int n, RangeBody body) {
        forRange(threads, n, 1, body);
    }

    /**
     * Dynamic policy: runs {@code body} for every item in {@code [0, items)} on up to {@code threads} workers, each
     * taking the next free item when it is done with one. {@code scratch} makes one state per worker, lazily (a
     * worker that finds no item left makes none). Exceptions thrown by any item are rethrown on the calling
     * thread; the other workers finish the item they hold and start no new one.
     */
    public static <W> void forEachItem(int threads, int items, Supplier<W> scratch, ItemBody<W> body) {
        if (items <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        onWorkers(Math.min(threads, items), worker -> {
            W state = null;
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                if (state == null) {
                    state = scratch.get();
                }
                try {
                    body.run(state, i);
                } catch (RuntimeException | Error e) {
                    next.set(items); // the call fails anyway: leave the remaining items undone
                    throw e;
                }
            }
        });
    }

    /**
     * Runs {@code worker} once for every index {@code 0 .. workers-1}; rethrows failures. The indices are claimed,
     * not assigned: the calling thread claims them too, and once it has run its own it takes every index no pool
     * thread has started yet, so it waits only for indices that are running elsewhere. On a shared machine a pool
     * thread that wakes up late (or not before the caller is done) then costs nothing, where waiting for it would
     * cost its whole share of the work; a hand-off that comes in time runs as before.
     */
    private static void onWorkers(int workers, IntConsumer worker) {
        if (workers == 1) {
            worker.accept(0);
            return;
        }
        Claims claims = new Claims(workers, worker);
        for (int w = 1; w < workers; w++) {
            POOL.execute(claims::drain);
        }
        claims.drain();
        boolean interrupted = false;
        while (true) {
            try {
                claims.done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = claims.failure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (interrupted) {
            throw new IllegalStateException("parallel task interrupted");
        }
    }

    /** The indices of one {@link #onWorkers} call, claimed one at a time by whichever thread comes first. */
    private static final class Claims {
        private final int workers;
        private final IntConsumer worker;
        private final AtomicInteger next = new AtomicInteger();
        /** Counts down once per index, when it has run (or failed). */
        private final CountDownLatch done;
        /** The failure the caller sees: the first, unless an {@link Error} (OutOfMemoryError above all) follows. */
        private Throwable failure;

        Claims(int workers, IntConsumer worker) {
            this.workers = workers;
            this.worker = worker;
            this.done = new CountDownLatch(workers);
        }

        void drain() {
            for (int i = next.getAndIncrement(); i < workers; i = next.getAndIncrement()) {
                try {
                    worker.accept(i);
                } catch (RuntimeException | Error e) {
                    fail(e);
                } finally {
                    done.countDown();
                }
            }
        }

        private synchronized void fail(Throwable e) {
            if (failure == null || e instanceof Error && !(failure instanceof Error)) {
                failure = e;
            }
        }
    }
}
