package org.xcorr.window;

import java.util.Arrays;

/**
 * Where the windows of {@link WindowSums} lie, per axis of an array seen as 3-D {@code (n0, n1, n2)} (leading axes
 * of length 1 for 1-D and 2-D): output index {@code o} on axis {@code k} has the window
 * {@code [o + origin[k], o + origin[k] + length[k])} clipped to {@code [0, n[k])}. Both ends move by at most one
 * sample per output step, which is what lets the sums slide.
 *
 * <p>Two placements cover every client: {@link #centred} (local NCC: a {@code (2r+1)} box around each sample, the
 * {@code same} placement) and {@link #placements} (NCC and template matching: a template of {@code length}
 * samples whose first sample lies at lag {@code o + origin}, in {@code full}, {@code same} or {@code valid}
 * placement). Every window holds at least one sample (checked).
 */
public final class WindowGeometry {

    /** Fewest samples between two restarts of a running sum along the two fastest axes (see {@link #restart}). */
    private static final int MIN_RESTART = 64;
    /** Fewest samples between two restarts along axis 0, whose running sums are whole planes. */
    private static final int MIN_RESTART_AXIS0 = 4;

    final int[] shape;
    final int[] origin;
    final int[] length;
    final int[] output;

    private WindowGeometry(int[] shape, int[] origin, int[] length, int[] output) {
        this.shape = shape.clone();
        this.origin = origin.clone();
        this.length = length.clone();
        this.output = output.clone();
        for (int k = 0; k < 3; k++) {
            // the first window must end after sample 0 and the last start before sample n - 1
            if (shape[k] < 1 || length[k] < 1 || output[k] < 1 || origin[k] + length[k] <= 0
                    || (long) origin[k] + output[k] - 1 >= shape[k]) {
                throw new IllegalArgumentException("window geometry: an empty window on axis " + k + " (shape "
                        + Arrays.toString(shape) + ", origin " + Arrays.toString(origin) + ", length "
                        + Arrays.toString(length) + ", output " + Arrays.toString(output) + ")");
            }
        }
    }

    /**
     * The box of every sample within Chebyshev radius {@code radius3[k]} on axis {@code k}, clipped to the array;
     * one output per sample. A radius of {@code n - 1} already covers the whole axis from every sample, so larger
     * ones are reduced to it (nothing changes).
     */
    public static WindowGeometry centred(int[] shape3, int[] radius3) {
        int[] origin = new int[3];
        int[] length = new int[3];
        for (int k = 0; k < 3; k++) {
            int r = Math.min(radius3[k], shape3[k] - 1);
            origin[k] = -r;
            length[k] = 2 * r + 1;
        }
        return new WindowGeometry(shape3, origin, length, shape3);
    }

    /**
     * Template placements: output {@code o} on axis {@code k} covers image samples
     * {@code [o + lagOrigin[k], o + lagOrigin[k] + template3[k])}, clipped to the image.
     */
    public static WindowGeometry placements(int[] image3, int[] template3, int[] lagOrigin3, int[] output3) {
        return new WindowGeometry(image3, lagOrigin3, template3, output3);
    }

    /** First sample of output {@code o}'s window on {@code axis}. */
    public int lo(int axis, int o) {
        return Math.max(0, o + origin[axis]);
    }

    /** One past the last sample of output {@code o}'s window on {@code axis}. */
    public int hi(int axis, int o) {
        return Math.min(shape[axis], o + origin[axis] + length[axis]);
    }

    /** Outputs along {@code axis}. */
    public int outputs(int axis) {
        return output[axis];
    }

    /** Samples along {@code axis}. */
    public int samples(int axis) {
        return shape[axis];
    }

    /**
     * Restart period of the running sums along {@code axis}, in outputs: at least four windows, so a restart (which
     * sums a whole window directly) costs at most a quarter of a window per output, while the rounding error of the
     * sums grows only linearly with the period. A function of the shapes only, never of the thread count.
     */
    int restart(int axis) {
        int minimum = axis == 0 ? MIN_RESTART_AXIS0 : MIN_RESTART;
        // at most 2^30; a period longer than the axis is one block anyway
        return (int) Math.min(1 << 30, Math.max(4L * length[axis], minimum));
    }
}
