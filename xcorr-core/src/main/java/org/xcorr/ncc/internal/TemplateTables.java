package org.xcorr.ncc.internal;

/**
 * Summed-area tables of the centred template over every sub-box of it: {@code Σ t'}, {@code Σ t'²} and counts
 * of unequal neighbours along each axis (for an exact "is this part constant" test). Tables have shape
 * {@code (M0+1, M1+1, M2+1)}; the template is small next to the image, so three-axis tables are cheap.
 */
public final class TemplateTables {

    private final int s1;
    private final int s2;
    private final double[] sum;
    private final double[] sumSq;
    // counts held as doubles so that one prefix pass and one box serve all tables: they are small whole
    // numbers, exact in a double, so the sums and the "== 0" test below are exact too
    private final double[][] changes;

    /** Tables for {@code centred} (shape {@code m}, widened to 3 axes); {@code withSquares} also for t'² and changes. */
    public TemplateTables(double[] centred, double[] raw, int[] m, boolean withSquares) {
        s2 = m[2] + 1;
        s1 = (m[1] + 1) * s2;
        int n = (m[0] + 1) * s1;
        sum = new double[n];
        sumSq = withSquares ? new double[n] : null;
        changes = withSquares ? new double[][] {new double[n], new double[n], new double[n]} : null;
        int[] stride = {m[1] * m[2], m[2], 1};
        for (int z = 0; z < m[0]; z++) {
            for (int y = 0; y < m[1]; y++) {
                int src = (z * m[1] + y) * m[2];
                int dst = (z + 1) * s1 + (y + 1) * s2 + 1;
                for (int x = 0; x < m[2]; x++) {
                    sum[dst + x] = centred[src + x];
                }
                if (withSquares) {
                    for (int x = 0; x < m[2]; x++) {
                        double v = centred[src + x];
                        sumSq[dst + x] = v * v;
                    }
                    for (int a = 0; a < 3; a++) {
                        double[] c = changes[a];
                        int d = stride[a];
                        boolean first = a == 0 ? z == 0 : a == 1 && y == 0;
                        for (int x = 0; x < m[2]; x++) {
                            boolean inside = a == 2 ? x > 0 : !first;
                            c[dst + x] = inside && raw[src + x] != raw[src + x - d] ? 1 : 0;
                        }
                    }
                }
            }
        }
        // Prefix sums one axis at a time: three streaming passes instead of an eight-term recurrence per element,
        // which serialises on its own previous output (the template can be 512² or more and is prepared per call).
        prefix(sum, m);
        if (withSquares) {
            prefix(sumSq, m);
            for (double[] c : changes) {
                prefix(c, m);
            }
        }
    }

    private void prefix(double[] t, int[] m) {
        for (int z = 1; z <= m[0]; z++) {
            for (int y = 1; y <= m[1]; y++) {
                int row = z * s1 + y * s2;
                for (int x = 1; x <= m[2]; x++) {
                    t[row + x] += t[row + x - 1];
                }
            }
            for (int y = 2; y <= m[1]; y++) {
                int row = z * s1 + y * s2;
                for (int x = 1; x <= m[2]; x++) {
                    t[row + x] += t[row + x - s2];
                }
            }
            if (z >= 2) {
                int plane = z * s1;
                for (int i = s2; i < s1; i++) {
                    t[plane + i] += t[plane + i - s1];
                }
            }
        }
    }

    private static double box(double[] t, int i0, int i1, int j0, int j1, int k0, int k1, int s1, int s2) {
        return t[i1 * s1 + j1 * s2 + k1] - t[i0 * s1 + j1 * s2 + k1] - t[i1 * s1 + j0 * s2 + k1]
                - t[i1 * s1 + j1 * s2 + k0] + t[i0 * s1 + j0 * s2 + k1] + t[i0 * s1 + j1 * s2 + k0]
                + t[i1 * s1 + j0 * s2 + k0] - t[i0 * s1 + j0 * s2 + k0];
    }

    /** {@code Σ t'} over template box {@code [i0,i1)×[j0,j1)×[k0,k1)}. */
    public double sum(int i0, int i1, int j0, int j1, int k0, int k1) {
        return box(sum, i0, i1, j0, j1, k0, k1, s1, s2);
    }

    /** {@code Σ t'²} over the box. */
    public double sumSq(int i0, int i1, int j0, int j1, int k0, int k1) {
        return box(sumSq, i0, i1, j0, j1, k0, k1, s1, s2);
    }

    /** Whether the template is exactly constant over the box (no two neighbours in it differ). */
    public boolean constant(int i0, int i1, int j0, int j1, int k0, int k1) {
        return box(changes[0], i0 + 1, i1, j0, j1, k0, k1, s1, s2) == 0
                && box(changes[1], i0, i1, j0 + 1, j1, k0, k1, s1, s2) == 0
                && box(changes[2], i0, i1, j0, j1, k0 + 1, k1, s1, s2) == 0;
    }
}
