package org.xcorr.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window kernel against direct window loops: random 1-D, 2-D and 3-D shapes, centred boxes and template
 * placements ({@code full}, {@code same}, {@code valid}), windows clipped at the edges, all three moment layouts,
 * piecewise-constant data so that many windows are exactly constant (checked exactly, with their value), constancy
 * settled on some rows only (the runs then start in the middle of a block), and every thread count giving the
 * same bits.
 */
class WindowSumsTest {

    private static final long SEED = 20261205L;

    /** Everything a run delivers, indexed by output. */
    private record Result(double[][] sums, double[] carried, double[] count, int[] constA, int[] constB,
            double[] value) {
    }

    private enum Layout { ONE, TWO, WEIGHTED }

    @Test
    void matchesDirectWindowLoops() {
        Random rnd = new Random(SEED);
        for (int trial = 0; trial < 120; trial++) {
            int rank = 1 + trial % 3;
            int[] shape = {1, 1, 1};
            for (int k = 3 - rank; k < 3; k++) {
                shape[k] = 1 + rnd.nextInt(rank == 1 ? 300 : rank == 2 ? 70 : 14);
            }
            WindowGeometry g = randomGeometry(rnd, shape, rank);
            int size = shape[0] * shape[1] * shape[2];
            double[] a = piecewise(rnd, size, shape);
            double[] b = piecewise(rnd, size, shape);
            double[] w = new double[size];
            for (int i = 0; i < size; i++) {
                w[i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble() * 2;
            }
            Layout layout = Layout.values()[rnd.nextInt(3)];
            double ca = rnd.nextGaussian();
            double cb = rnd.nextGaussian();
            WindowSums spec = switch (layout) {
                case ONE -> WindowSums.one(g, a, ca);
                case TWO -> WindowSums.two(g, a, ca, b, cb);
                case WEIGHTED -> WindowSums.weighted(g, a, ca, w);
            };
            String what = "trial " + trial + " " + layout + " shape " + Arrays.toString(shape) + " origin "
                    + Arrays.toString(g.origin) + " length " + Arrays.toString(g.length) + " output "
                    + Arrays.toString(g.output);
            Result one = collect(spec, 1, layout);
            Result many = collect(spec, 3, layout);
            for (int s = 0; s < one.sums.length; s++) {
                assertArrayEquals(one.sums[s], many.sums[s], 0.0, what + ": thread counts differ");
            }
            assertArrayEquals(one.constA, many.constA, what);
            check(g, layout, a, b, w, ca, cb, one, what);
        }
    }

    private static WindowGeometry randomGeometry(Random rnd, int[] shape, int rank) {
        if (rnd.nextBoolean()) {
            int[] radius = new int[3];
            for (int k = 3 - rank; k < 3; k++) {
                radius[k] = rnd.nextInt(rnd.nextBoolean() ? 4 : shape[k] + 3);
            }
            return WindowGeometry.centred(shape, radius);
        }
        int[] length = {1, 1, 1};
        int[] origin = new int[3];
        int[] output = {1, 1, 1};
        for (int k = 3 - rank; k < 3; k++) {
            int m = 1 + rnd.nextInt(shape[k]);
            length[k] = m;
            switch (rnd.nextInt(3)) {
                case 0 -> { // full
                    origin[k] = -(m - 1);
                    output[k] = shape[k] + m - 1;
                }
                case 1 -> { // same
                    origin[k] = -(m / 2);
                    output[k] = shape[k];
                }
                default -> { // valid
                    origin[k] = 0;
                    output[k] = shape[k] - m + 1;
                }
            }
        }
        return WindowGeometry.placements(shape, length, origin, output);
    }

    /** Values from a few levels, in runs along the rows and repeated rows, so that many windows are constant. */
    private static double[] piecewise(Random rnd, int size, int[] shape) {
        double[] levels = {0.0, -0.0, 3.25, -1.5, 1e3, rnd.nextGaussian()};
        double[] v = new double[size];
        int n2 = shape[2];
        for (int i = 0; i < size; i++) {
            if (i % n2 != 0 && rnd.nextInt(6) != 0) {
                v[i] = v[i - 1];
            } else if (i >= n2 && rnd.nextInt(3) == 0) {
                v[i] = v[i - n2];
            } else {
                v[i] = rnd.nextInt(4) == 0 ? rnd.nextGaussian() : levels[rnd.nextInt(levels.length)];
            }
        }
        return v;
    }

    private static Result collect(WindowSums spec, int threads, Layout layout) {
        WindowGeometry g = spec.geometry;
        int total = g.output[0] * g.output[1] * g.output[2];
        int slots = spec.kind.slots;
        double[][] sums = new double[slots][total];
        double[] carried = new double[total];
        double[] count = new double[total];
        int[] constA = new int[total];
        int[] constB = new int[total];
        double[] value = new double[total];
        spec.run(threads, () -> row -> {
            int base = (row.o0() * g.output[1] + row.o1()) * g.output[2] + row.from();
            double[][] got = layout == Layout.TWO
                    ? new double[][] {row.sumA(), row.sumSqA(), row.sumB(), row.sumSqB(), row.sumAB()}
                    : layout == Layout.WEIGHTED ? new double[][] {row.sumA(), row.sumSqA(), row.weight()}
                    : new double[][] {row.sumA(), row.sumSqA()};
            // settle on some rows only: the runs then start in the middle of a block
            boolean settle = (row.o1() * 7 + row.o0()) % 3 != 1;
            if (settle) {
                row.settle();
            }
            for (int i = 0; i < row.length(); i++) {
                for (int s = 0; s < slots; s++) {
                    sums[s][base + i] = got[s][i];
                }
                carried[base + i] = row.carriedA()[i];
                count[base + i] = row.countAlongRow()[i] * row.countAcross();
                constA[base + i] = settle ? (row.constantA(i) ? 1 : 0) : -1;
                constB[base + i] = settle && layout == Layout.TWO ? (row.constantB(i) ? 1 : 0) : -1;
                value[base + i] = settle && row.constantA(i) ? row.valueA(i) : Double.NaN;
            }
        });
        return new Result(sums, carried, count, constA, constB, value);
    }

    private static void check(WindowGeometry g, Layout layout, double[] a, double[] b, double[] w, double ca,
            double cb, Result got, String what) {
        int[] n = g.shape;
        int o = 0;
        for (int o0 = 0; o0 < g.output[0]; o0++) {
            for (int o1 = 0; o1 < g.output[1]; o1++) {
                for (int o2 = 0; o2 < g.output[2]; o2++, o++) {
                    double[] s = new double[5];
                    double mag = 0;
                    int count = 0;
                    boolean constA = true;
                    boolean constB = true;
                    double first = Double.NaN;
                    double firstB = Double.NaN;
                    for (int z = g.lo(0, o0); z < g.hi(0, o0); z++) {
                        for (int y = g.lo(1, o1); y < g.hi(1, o1); y++) {
                            for (int x = g.lo(2, o2); x < g.hi(2, o2); x++) {
                                int i = (z * n[1] + y) * n[2] + x;
                                double p = a[i] - ca;
                                double q = b[i] - cb;
                                if (count == 0) {
                                    first = a[i];
                                    firstB = b[i];
                                }
                                constA &= a[i] == first;
                                constB &= b[i] == firstB;
                                count++;
                                double wt = layout == Layout.WEIGHTED ? w[i] : 1.0;
                                s[0] += wt * p;
                                s[1] += wt * p * p;
                                mag += Math.abs(wt * p * p) + 1;
                                s[2] += layout == Layout.WEIGHTED ? wt : q;
                                s[3] += q * q;
                                s[4] += p * q;
                                mag += q * q;
                            }
                        }
                    }
                    String at = what + " at output " + o0 + "," + o1 + "," + o2;
                    assertEquals(count, got.count[o], 0.0, at);
                    int slots = got.sums.length;
                    for (int k = 0; k < slots; k++) {
                        // the running sums err relative to what they carried (at least the window's own magnitude)
                        double tol = 1e-12 * (mag + got.carried[o]) * 64;
                        assertEquals(s[k], got.sums[k][o], tol, at + " sum slot " + k);
                    }
                    // the window's own columns are among those its row sum carried
                    assertTrue(got.carried[o] >= s[1] - 1e-9 * mag, at + " carried " + got.carried[o]);
                    if (got.constA[o] >= 0) {
                        assertEquals(constA ? 1 : 0, got.constA[o], at + " constant a");
                        if (constA) {
                            assertEquals(Double.doubleToLongBits(first + 0.0),
                                    Double.doubleToLongBits(got.value[o] + 0.0), at + " constant value");
                        }
                    }
                    if (got.constB[o] >= 0) {
                        assertEquals(constB ? 1 : 0, got.constB[o], at + " constant b");
                    }
                }
            }
        }
    }

    @Test
    void constantWindowsAreNeverTrusted() {
        // a window of one repeated value far from the centre: its computed deviations are rounding noise
        int[] shape = {1, 40, 300};
        double[] a = new double[40 * 300];
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 300 < 150 ? 0.1 * 3 : rnd.nextGaussian() * 1e6;
        }
        WindowGeometry g = WindowGeometry.centred(shape, new int[] {0, 2, 3});
        int[] seen = new int[1];
        WindowSums.one(g, a, -7.3).run(2, () -> row -> {
            row.settle();
            for (int i = 0; i < row.length(); i++) {
                double n = row.countAlongRow()[i] * row.countAcross();
                double s1 = row.sumA()[i];
                double s2 = row.sumSqA()[i];
                if (row.constantA(i)) {
                    seen[0]++;
                    assertTrue(!WindowSums.trusted(s2 - s1 * (s1 / n), row.carriedA()[i] + s2),
                            "a constant window is trusted at " + row.o1() + "," + (row.from() + i));
                }
            }
        });
        assertTrue(seen[0] > 1000, "constant windows seen: " + seen[0]);
    }

    @Test
    void emptyWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> WindowGeometry.placements(new int[] {1, 1, 5}, new int[] {1, 1, 2}, new int[] {0, 0, 4},
                        new int[] {1, 1, 2}));
    }

    @Test
    void blockCentredSumsRejectThreeDAndReportValuesOutOfRange() {
        WindowGeometry g3 = WindowGeometry.centred(new int[] {2, 3, 4}, new int[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class,
                () -> WindowSums.twoBlockCentred(g3, new double[24], new double[24]));
        // 150 rows: three row blocks; 600 columns: three strips
        WindowGeometry g = WindowGeometry.centred(new int[] {1, 150, 600}, new int[] {0, 2, 2});
        Random rnd = new Random(5);
        for (double bad : new double[] {0.5, Double.NaN, Double.POSITIVE_INFINITY, 1e250, 1e-155}) {
            double[] a = new double[150 * 600];
            double[] b = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = 1e6 + rnd.nextGaussian();
                b[i] = rnd.nextGaussian();
            }
            // one value in the last block of the middle strip; tiny values (subnormal squares) where all the block
            // reads is tiny
            if (bad == 1e-155) {
                for (int i = 100 * 600; i < b.length; i++) {
                    b[i] *= bad;
                }
            } else {
                b[140 * 600 + 300] = bad;
            }
            boolean[] all = {true};
            WindowSums.twoBlockCentred(g, a, b).run(2, () -> row -> {
                synchronized (all) {
                    all[0] &= row.inRange();
                }
            });
            assertEquals(bad == 0.5, all[0], "value " + bad);
        }
    }

    @Test
    void blockCentredSumsMatchDirectLoopsAndTheirCarriedBoundCoversEveryWindow() {
        // radius 1 forms each row sum from its window's own three columns, wider windows slide; both across row
        // blocks (64 rows) and column strips (256 columns, or a multiple of the row period), with a bright spike so
        // that the per-row bound is far above most windows' own magnitudes
        Random rnd = new Random(SEED + 7);
        int[][] shapes = {{1, 150, 600}, {1, 70, 300}, {1, 1, 900}, {1, 9, 1}};
        for (int[] shape : shapes) {
            int size = shape[1] * shape[2];
            for (int r : new int[] {1, 2, 5}) {
                double[] a = new double[size];
                double[] b = new double[size];
                for (int i = 0; i < size; i++) {
                    a[i] = 1e3 * Math.sin(i * 1e-2) + rnd.nextGaussian();
                    b[i] = 0.5 * a[i] + rnd.nextGaussian();
                }
                a[size / 2] = 1e6;
                WindowGeometry g = WindowGeometry.centred(shape, new int[] {0, r, r});
                double[][] sums = new double[5][size];
                double[] bound = new double[size];
                double[] carried = new double[size];
                double[] boundB = new double[size];
                double[] carriedB = new double[size];
                WindowSums.twoBlockCentred(g, a, b).run(3, () -> row -> {
                    int base = row.o1() * shape[2] + row.from();
                    double[][] got = {row.sumA(), row.sumSqA(), row.sumB(), row.sumSqB(), row.sumAB()};
                    double hA = row.carriedBoundA();
                    double hB = row.carriedBoundB();
                    for (int i = 0; i < row.length(); i++) {
                        for (int k = 0; k < 5; k++) {
                            sums[k][base + i] = got[k][i];
                        }
                        bound[base + i] = hA;
                        boundB[base + i] = hB;
                        carried[base + i] = row.carriedA()[i];
                        carriedB[base + i] = row.carriedB()[i];
                    }
                });
                for (int o1 = 0, o = 0; o1 < shape[1]; o1++) {
                    for (int o2 = 0; o2 < shape[2]; o2++, o++) {
                        // centring by a block's own constants leaves n·Σx² − (Σx)² and n·Σxy − Σx·Σy unchanged
                        double n = 0;
                        double sa = 0;
                        double saa = 0;
                        double sb = 0;
                        double sab = 0;
                        double mag = 0;
                        for (int y = g.lo(1, o1); y < g.hi(1, o1); y++) {
                            for (int x = g.lo(2, o2); x < g.hi(2, o2); x++) {
                                int i = y * shape[2] + x;
                                n++;
                                sa += a[i];
                                saa += a[i] * a[i];
                                sb += b[i];
                                sab += a[i] * b[i];
                                mag += a[i] * a[i] + b[i] * b[i];
                            }
                        }
                        String at = Arrays.toString(shape) + " r=" + r + " at " + o1 + "," + o2;
                        double varA = n * saa - sa * sa;
                        double cov = n * sab - sa * sb;
                        double gotVarA = n * sums[1][o] - sums[0][o] * sums[0][o];
                        double gotCov = n * sums[4][o] - sums[0][o] * sums[2][o];
                        double tol = 1e-12 * n * (mag + carried[o] + carriedB[o]) * 64;
                        assertEquals(varA, gotVarA, tol, at + " n²·var a");
                        assertEquals(cov, gotCov, tol, at + " n²·cov");
                        assertTrue(carried[o] >= sums[1][o] * (1 - 1e-12) && Double.isFinite(carried[o]),
                                at + " carried " + carried[o]);
                        // the bound covers every window's exact magnitude, so a test against it trusts no window
                        // that the exact test would not trust
                        assertTrue(bound[o] >= carried[o], at + " bound " + bound[o] + " < " + carried[o]);
                        assertTrue(boundB[o] >= carriedB[o], at + " bound b " + boundB[o] + " < " + carriedB[o]);
                    }
                }
            }
        }
    }
}
