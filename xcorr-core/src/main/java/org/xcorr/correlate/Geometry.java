package org.xcorr.correlate;

import org.xcorr.array.NdArray;

/**
 * Per-axis geometry of one correlation, every shape promoted to three axes by leading ones so the kernels
 * need a single loop nest. On each axis the output index {@code i} holds lag {@code i - origin}
 * (taken modulo {@code Na} in circular mode).
 */
final class Geometry {

    final int rank;
    final boolean circular;
    /** Lengths of a, b and the output, and the output origin, each on three axes (leading ones). */
    final int[] na = new int[3];
    final int[] nb = new int[3];
    final int[] out = new int[3];
    final int[] origin = new int[3];

    private Geometry(int[] aShape, int[] bShape, Mode mode, boolean centered) {
        rank = aShape.length;
        circular = mode == Mode.CIRCULAR;
        int lead = 3 - rank;
        for (int d = 0; d < 3; d++) {
            na[d] = d < lead ? 1 : aShape[d - lead];
            nb[d] = d < lead ? 1 : bShape[d - lead];
            switch (mode) {
                case FULL:
                    out[d] = NdArray.checkedSize((long) na[d] + nb[d] - 1, "full correlation axis " + d);
                    origin[d] = nb[d] - 1;
                    break;
                case SAME:
                    out[d] = na[d];
                    origin[d] = nb[d] / 2;
                    break;
                case VALID:
                    out[d] = na[d] - nb[d] + 1;
                    origin[d] = 0;
                    break;
                case CIRCULAR:
                    out[d] = na[d];
                    origin[d] = centered ? nb[d] / 2 : 0;
                    break;
                default:
                    throw new AssertionError(mode);
            }
        }
    }

    /** Checks the shapes against the mode and returns their geometry. */
    static Geometry of(int[] aShape, int[] bShape, Mode mode, boolean centered) {
        if (aShape.length != bShape.length) {
            throw new IllegalArgumentException("a has " + aShape.length + " axes (" + NdArray.shapeString(aShape)
                    + ") but b has " + bShape.length + " (" + NdArray.shapeString(bShape)
                    + "); both must have the same number of axes");
        }
        for (int d = 0; d < aShape.length; d++) {
            if (aShape[d] < 1 || bShape[d] < 1) {
                throw new IllegalArgumentException("shapes must be positive on every axis, got a "
                        + NdArray.shapeString(aShape) + " and b " + NdArray.shapeString(bShape));
            }
        }
        if (mode == Mode.VALID || mode == Mode.CIRCULAR) {
            for (int d = 0; d < aShape.length; d++) {
                if (bShape[d] > aShape[d]) {
                    throw new IllegalArgumentException("kernel b " + NdArray.shapeString(bShape) + " is larger than a "
                            + NdArray.shapeString(aShape) + " on axis " + d + "; "
                            + (mode == Mode.VALID ? "valid mode needs b to fit inside a"
                                    : "circular mode needs b to fit inside a (b is zero-padded to a's shape)")
                            + "; the arguments may be swapped");
                }
            }
        }
        Geometry g = new Geometry(aShape, bShape, mode, centered);
        // sizes derived from the shapes: refused in one line rather than wrapped around
        NdArray.checkedSize(g.outputSize(), "correlation output " + NdArray.shapeString(g.outputShape()));
        long periods = 1;
        for (int d = 0; d < 3; d++) {
            periods *= g.linearPeriod(d);
        }
        NdArray.checkedSize(periods, "padded correlation transform");
        return g;
    }

    /** Output shape in the caller's rank. */
    int[] outputShape() {
        int[] s = new int[rank];
        System.arraycopy(out, 3 - rank, s, 0, rank);
        return s;
    }

    /** Output length (product over the three axes). */
    long outputSize() {
        return (long) out[0] * out[1] * out[2];
    }

    /**
     * Multiply-adds the direct method performs on one axis: the overlap of b with a summed over the output
     * positions (in circular mode every kernel sample overlaps).
     */
    long directTermsOnAxis(int d) {
        if (circular) {
            return (long) out[d] * nb[d];
        }
        long sum = 0;
        for (int i = 0; i < out[d]; i++) {
            int shift = i - origin[d];
            int lo = Math.max(0, -shift);
            int hi = Math.min(nb[d], na[d] - shift);
            if (hi > lo) {
                sum += hi - lo;
            }
        }
        return sum;
    }

    /**
     * The smallest circular length on axis {@code d} from which every needed output can be read without
     * wrap-around: the needed lags are {@code [-origin, out - 1 - origin]} and the linear correlation is nonzero
     * only on {@code [-(Nb-1), Na-1]}, so a period {@code n >= max(Na + origin, out - 1 - origin + Nb)} keeps
     * the aliases {@code c(k ± n)} off the needed lags; it must also hold both inputs. In circular mode the
     * period is {@code Na} by definition.
     */
    int linearPeriod(int d) {
        if (circular) {
            return na[d];
        }
        long n = Math.max((long) na[d] + origin[d], (long) out[d] - 1 - origin[d] + nb[d]);
        return NdArray.checkedSize(Math.max(n, Math.max(na[d], nb[d])), "padded correlation axis " + d);
    }
}
