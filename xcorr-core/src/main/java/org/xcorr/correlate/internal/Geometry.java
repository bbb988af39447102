package org.xcorr.correlate.internal;

import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Placement geometry of one correlation {@code c(k) = Σ_n image[n + k] · conj(template[n])}, every shape widened
 * to three axes (leading axes of length 1) so that one loop nest serves 1-D, 2-D and 3-D. The one origin
 * convention of the planner: per axis {@code a}, output index {@code o} holds lag {@code k = o + lagOrigin[a]}
 * ({@code lagOrigin} is 0 or negative for the modes: {@code -(Nt-1)} FULL, {@code -floor(Nt/2)} SAME and
 * centred CIRCULAR, 0 VALID and CIRCULAR; any contiguous lag window for a lag-limited correlation).
 *
 * <p>On a linear axis the image is zero outside {@code [0, image[a])}: the image rows under the template at
 * output {@code o} are {@code [lo(o), hi(o)) = [clamp(k), clamp(k + template[a]))}, the template rows
 * {@code [lo - k, hi - k)}. On a circular axis image index {@code n + k} is taken modulo {@code image[a]}.
 */
public final class Geometry {

    /** Rank of the caller's arrays (1 to 3). */
    public final int rank;
    /** Whether image indices wrap around (the periodic correlation of {@link Mode#CIRCULAR}). */
    public final boolean circular;
    /** Image shape widened to 3 axes. */
    public final int[] image;
    /** Template (kernel) shape widened to 3 axes. */
    public final int[] template;
    /** Output shape widened to 3 axes. */
    public final int[] output;
    /** Lag of output index 0 per axis. */
    public final int[] lagOrigin;
    /** Number of template entries. */
    public final int templateSize;

    private Geometry(int[] imageShape, int[] templateShape, int[] lagOrigin3, int[] output3, boolean circular) {
        this.rank = imageShape.length;
        this.circular = circular;
        this.image = widen(imageShape);
        this.template = widen(templateShape);
        this.lagOrigin = lagOrigin3;
        this.output = output3;
        long ts = 1;
        long outputs = 1;
        for (int a = 0; a < 3; a++) {
            ts *= template[a];
            outputs *= output[a];
        }
        this.templateSize = NdArray.checkedSize(ts, "template");
        NdArray.checkedSize(outputs, "output " + NdArray.shapeString(narrow(output)));
    }

    /**
     * Geometry of {@code correlate(image, template, mode)} for the given shapes (which the caller has checked:
     * equal ranks, positive lengths, and the template fitting in the image for VALID and CIRCULAR).
     *
     * @param centered CIRCULAR only: lag origin {@code -floor(Nt/2)} instead of 0
     */
    public Geometry(int[] imageShape, int[] templateShape, Mode mode, boolean centered) {
        this(imageShape, templateShape, modeOrigin(imageShape, templateShape, mode, centered),
                modeOutput(imageShape, templateShape, mode), mode == Mode.CIRCULAR);
    }

    /** {@link #Geometry(int[], int[], Mode, boolean)} without a centred origin (the linear modes). */
    public Geometry(int[] imageShape, int[] templateShape, Mode mode) {
        this(imageShape, templateShape, mode, false);
    }

    /**
     * A linear correlation restricted to a window of lags: on axis {@code d} of the caller's rank, output index
     * {@code i} holds lag {@code firstLag[d] + i}, {@code count[d]} lags.
     */
    public static Geometry ofLags(int[] imageShape, int[] templateShape, int[] firstLag, int[] count) {
        return new Geometry(imageShape, templateShape, widen(firstLag, 0), widen(count, 1), false);
    }

    private static int[] modeOrigin(int[] imageShape, int[] templateShape, Mode mode, boolean centered) {
        int[] m = widen(templateShape);
        int[] o = new int[3];
        for (int a = 0; a < 3; a++) {
            o[a] = switch (mode) {
                case FULL -> -(m[a] - 1);
                case SAME -> -(m[a] / 2);
                case VALID -> 0;
                case CIRCULAR -> centered ? -(m[a] / 2) : 0;
            };
        }
        return o;
    }

    private static int[] modeOutput(int[] imageShape, int[] templateShape, Mode mode) {
        int[] n = widen(imageShape);
        int[] m = widen(templateShape);
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = switch (mode) {
                case FULL -> NdArray.checkedSize((long) n[a] + m[a] - 1, "full correlation axis " + a);
                case SAME, CIRCULAR -> n[a];
                case VALID -> n[a] - m[a] + 1;
            };
        }
        return out;
    }

    /** Shape widened to 3 axes by leading 1s. */
    public static int[] widen(int[] shape) {
        return widen(shape, 1);
    }

    private static int[] widen(int[] v, int fill) {
        int[] s = {fill, fill, fill};
        System.arraycopy(v, 0, s, 3 - v.length, v.length);
        return s;
    }

    /** The last {@code rank} entries of a widened shape. */
    public int[] narrow(int[] widened) {
        int[] s = new int[rank];
        System.arraycopy(widened, 3 - rank, s, 0, rank);
        return s;
    }

    /** First image row under the template at output index {@code o} of linear axis {@code a}. */
    public int lo(int a, int o) {
        return Math.max(0, o + lagOrigin[a]);
    }

    /** One past the last image row under the template at output index {@code o} of linear axis {@code a}. */
    public int hi(int a, int o) {
        return Math.min(image[a], o + lagOrigin[a] + template[a]);
    }

    /** Whether every window lies wholly inside the image (so no partial-template sums are ever needed). */
    public boolean windowsInside() {
        for (int a = 0; a < 3; a++) {
            if (lagOrigin[a] < 0 || lagOrigin[a] + output[a] - 1 + template[a] > image[a]) {
                return false;
            }
        }
        return true;
    }

    /** Number of output elements. */
    public int outputSize() {
        return output[0] * output[1] * output[2];
    }

    /**
     * Multiply-adds a direct sum performs on axis {@code a}: the overlap of the template with the image summed
     * over the output positions (every template sample, on a circular axis).
     */
    public long directTermsOnAxis(int a) {
        if (circular) {
            return (long) output[a] * template[a];
        }
        long sum = 0;
        for (int o = 0; o < output[a]; o++) {
            sum += Math.max(0, hi(a, o) - lo(a, o));
        }
        return sum;
    }

    /** Multiply-adds of a direct sum over every output (the product of {@link #directTermsOnAxis}). */
    public double directTerms() {
        return (double) directTermsOnAxis(0) * directTermsOnAxis(1) * directTermsOnAxis(2);
    }
}
