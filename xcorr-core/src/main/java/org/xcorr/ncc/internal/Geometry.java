package org.xcorr.ncc.internal;

import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Placement geometry of a template over an image, every shape widened to three axes (leading axes of length
 * 1), so that one kernel serves 1-D, 2-D and 3-D.
 *
 * <p>Per axis {@code a}: output index {@code o} is lag {@code k = o + lagOrigin[a]}; the image rows under the
 * template are {@code [lo(o), hi(o)) = [clamp(k), clamp(k + template[a]))} clamped to {@code [0, image[a]]}, and
 * the matching template rows are {@code [lo - k, hi - k)}.
 */
public final class Geometry {

    /** Rank of the caller's arrays (1 to 3). */
    public final int rank;
    /** Image shape widened to 3 axes. */
    public final int[] image;
    /** Template shape widened to 3 axes. */
    public final int[] template;
    /** Output shape widened to 3 axes. */
    public final int[] output;
    /** Lag of output index 0 per axis (0 or negative). */
    public final int[] lagOrigin;
    /** Number of template entries. */
    public final int templateSize;

    /**
     * Geometry of {@code correlate(image, template, mode)} for real arrays of the given shapes; the template
     * must already be known to fit.
     */
    public Geometry(int[] imageShape, int[] templateShape, Mode mode) {
        rank = imageShape.length;
        image = widen(imageShape);
        template = widen(templateShape);
        output = new int[3];
        lagOrigin = new int[3];
        int ts = 1;
        long outputs = 1;
        for (int a = 0; a < 3; a++) {
            int n = image[a];
            int m = template[a];
            ts *= m;
            switch (mode) {
                case FULL -> {
                    output[a] = NdArray.checkedSize((long) n + m - 1, "output axis " + a);
                    lagOrigin[a] = -(m - 1);
                }
                case SAME -> {
                    output[a] = n;
                    lagOrigin[a] = -(m / 2);
                }
                case VALID -> {
                    output[a] = n - m + 1;
                    lagOrigin[a] = 0;
                }
                default -> throw new IllegalArgumentException("mode " + mode + " is not supported here");
            }
            outputs *= output[a];
        }
        templateSize = ts;
        NdArray.checkedSize(outputs, "output " + NdArray.shapeString(narrow(output)));
    }

    /** Shape widened to 3 axes by leading 1s. */
    public static int[] widen(int[] shape) {
        int[] s = {1, 1, 1};
        System.arraycopy(shape, 0, s, 3 - shape.length, shape.length);
        return s;
    }

    /** The last {@code rank} entries of a widened shape. */
    public int[] narrow(int[] widened) {
        int[] s = new int[rank];
        System.arraycopy(widened, 3 - rank, s, 0, rank);
        return s;
    }

    /** First image row under the template at output index {@code o} of axis {@code a}. */
    public int lo(int a, int o) {
        return Math.max(0, o + lagOrigin[a]);
    }

    /** One past the last image row under the template at output index {@code o} of axis {@code a}. */
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
}
