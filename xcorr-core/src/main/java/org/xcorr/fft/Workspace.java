package org.xcorr.fft;

/**
 * Per-thread scratch arrays, grown on demand and reused by every transform the thread runs, so hot paths
 * do not allocate. Each slot has one owner in the call chain (gather buffer, Stockham ping-pong, Bluestein),
 * so nested users never share an array. Memory held: a few arrays of {@code n × lanes} doubles per thread
 * (about 1.5 MiB for 2-D blocks), released with the thread; arrays above {@link #RETAIN_LIMIT} (huge 1-D
 * transforms) are allocated per call instead of being kept. Arrays may be longer than asked.
 */
final class Workspace {

    /** Lines gathered by a caller (transposed rows). */
    static final int LINES_RE = 0;
    static final int LINES_IM = 1;
    /** Stockham ping-pong buffers of {@link SmoothFft}. */
    static final int WORK_RE = 2;
    static final int WORK_IM = 3;
    static final int WORK2_RE = 4;
    static final int WORK2_IM = 5;
    /** Bluestein's zero-padded convolution buffer (its inner SmoothFft uses the WORK slots). */
    static final int BLUESTEIN_RE = 6;
    static final int BLUESTEIN_IM = 7;
    /** Rows staged by {@link RealRows} between a caller's row source or sink and the lane buffers. */
    static final int STAGE = 8;
    /** A kernel's column block of {@link FusedTile}, transformed per call. */
    static final int KERNEL_RE = 9;
    static final int KERNEL_IM = 10;

    /** Longest array (in doubles, 32 MiB) kept for reuse. */
    static final int RETAIN_LIMIT = 1 << 22;

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private final double[][] slots = new double[11][];

    private Workspace() {
    }

    static Workspace current() {
        return LOCAL.get();
    }

    /** The slot's array, at least {@code length} long; contents are unspecified. */
    double[] array(int slot, int length) {
        double[] a = slots[slot];
        if (a == null || a.length < length) {
            a = new double[Math.max(length, 16)];
            if (length <= RETAIN_LIMIT) {
                slots[slot] = a;
            }
        }
        return a;
    }
}
