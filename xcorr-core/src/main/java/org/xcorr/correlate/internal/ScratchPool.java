package org.xcorr.correlate.internal;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Large scratch arrays of the FFT tiles, kept for the next call instead of allocated per call: a fresh array of
 * tens of MiB is zeroed by the JVM and, where the collector has given the heap back to the system, paid again in
 * page faults (20–90 ms for 32 MiB on the reference VM with default flags), which would dominate a repeated
 * {@code correlate} or NCC call. Arrays are held through soft references, so the collector reclaims them before
 * it would fail an allocation: the pool never raises the smallest heap a call completes in. Keyed by exact
 * length; contents of a taken array are unspecified. Thread-safe.
 */
final class ScratchPool {

    private static final Map<Integer, Queue<SoftReference<double[]>>> FREE = new ConcurrentHashMap<>();

    private ScratchPool() {
    }

    /** An array of exactly {@code length} doubles, reused when one is free. */
    static double[] take(int length) {
        Queue<SoftReference<double[]>> q = FREE.get(length);
        if (q != null) {
            SoftReference<double[]> ref;
            while ((ref = q.poll()) != null) {
                double[] a = ref.get();
                if (a != null) {
                    return a;
                }
            }
        }
        return new double[length];
    }

    /** Gives {@code a} back for a later {@link #take} of its length; the caller must not use it afterwards. */
    static void give(double[] a) {
        if (a != null && a.length > 0) {
            FREE.computeIfAbsent(a.length, k -> new ConcurrentLinkedQueue<>()).offer(new SoftReference<>(a));
        }
    }
}
