package org.xcorr.window;

import java.util.Arrays;

/**
 * The exact constant-window test of {@link WindowSums}, for one array: runs of equal values along a slow axis,
 * then along the row. Positions {@code h} in {@code [0, length)} read the source at
 * {@code src[k · stride + offset + h]} on slice {@code k} of the slow axis (a plane's samples along axis 0, or a
 * strip's halo columns along axis 1).
 *
 * <p>Per position, {@link #extend} tracks where the current run of equal values along the slow axis starts;
 * {@link #segments} turns it into the value of the position's segment {@code [lo, hi)} where the run covers it,
 * else NaN (which equals nothing, so a non-constant segment breaks every run after it), and, along the row, where
 * the current run of equal segment values starts. A window over positions {@code [first, last]} is then constant
 * exactly when the row run through {@code last} starts at or before {@code first} and its value is a number.
 */
final class Runs {

    private final int[] start;
    /** The value of each position's segment where constant, else NaN. */
    final double[] segment;
    private final int[] startAlongRow;
    private double[] src;
    private int stride;
    private int offset;
    private int length;

    /** Room for {@code capacity} positions. */
    Runs(int capacity) {
        start = new int[capacity];
        segment = new double[capacity];
        startAlongRow = new int[capacity];
    }

    /** Reads positions {@code [0, length)} at {@code src[k · stride + offset + h]} from now on. */
    void bind(double[] src, int stride, int offset, int length) {
        this.src = src;
        this.stride = stride;
        this.offset = offset;
        this.length = length;
    }

    /** Starts the runs over slices {@code [lo, hi)}. */
    void begin(int lo, int hi) {
        Arrays.fill(start, 0, length, lo);
        for (int k = lo + 1; k < hi; k++) {
            extend(k);
        }
    }

    /** Slice {@code k} enters (slice {@code k - 1} is in the window): a run restarts where the value changes. */
    void extend(int k) {
        final double[] s = src;
        final int[] run = start;
        final int cur = k * stride + offset;
        final int prev = cur - stride;
        for (int h = 0; h < length; h++) {
            // NaN (a non-constant segment of the previous axis) never equals anything: the run restarts
            if (!(s[cur + h] == s[prev + h])) {
                run[h] = k;
            }
        }
    }

    /** The segments over slices {@code [lo, hi)}, and ({@code alongRow}) their runs along the row. */
    void segments(int lo, int hi, boolean alongRow) {
        final int cur = (hi - 1) * stride + offset;
        for (int h = 0; h < length; h++) {
            segment[h] = start[h] <= lo ? src[cur + h] : Double.NaN;
        }
        if (alongRow) {
            int along = 0;
            for (int h = 1; h < length; h++) {
                if (!(segment[h] == segment[h - 1])) {
                    along = h;
                }
                startAlongRow[h] = along;
            }
        }
    }

    /** Whether the window over positions {@code [first, last]} is constant; after {@link #segments}. */
    boolean constant(int first, int last) {
        return startAlongRow[last] <= first && segment[last] == segment[last];
    }
}
