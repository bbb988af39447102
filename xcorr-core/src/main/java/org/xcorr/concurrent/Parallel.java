package org.xcorr.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over {@code [0, n)} in contiguous chunks on up to {@code threads} threads.
 *
 * <p>Every operation in the library takes its thread count as an explicit argument (there is no global
 * switch). Kernels are written so that each output element is computed by the same arithmetic whatever
 * chunk it falls in; results are therefore bit-identical for every thread count.
 *
 * <p>The calling thread runs the first chunk itself; the other chunks go to a shared pool of daemon
 * threads that grows on demand and lets idle threads die, so a library user never has to shut anything down.
 */
public final class Parallel {

    /** Body of a parallel loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
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
     * Runs {@code body} over {@code [0, n)} split into at most {@code threads} contiguous chunks of at least
     * {@code minChunk} indices. Exceptions thrown by any chunk are rethrown on the calling thread, unwrapped (the
     * same object); an {@link Error} such as {@link OutOfMemoryError} in any chunk wins over exceptions in others.
     */
    public static void forRange(int threads, int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures[c - 1] = POOL.submit(() -> body.run(from, to));
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) n / chunks));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // an Error (OutOfMemoryError above all) outranks an exception: it is what the caller must see
                if (failure == null || e.getCause() instanceof Error && !(failure instanceof Error)) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel task interrupted", failure);
        }
    }

    /** {@link #forRange(int, int, int, RangeBody)} with chunks of at least one index. */
    public static void forRange(int threads, int n, RangeBody body) {
        forRange(threads, n, 1, body);
    }
}
