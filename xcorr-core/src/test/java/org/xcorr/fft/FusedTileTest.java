package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FusedTile}: the fused tile pipeline against the circular correlation summed by its definition, on odd,
 * even and non-fast (Bluestein) tile lengths, 1-D and 2-D, with pruned zero rows, a kernel smaller than the tile
 * kept whole or as its row spectra, kept rows that wrap around the tile, and bit-identical for 1, 2 and 3
 * threads.
 */
class FusedTileTest {

    /** rows, cols, kernel rows, kernel cols, data rows, first kept row, kept rows. */
    static int[][] cases() {
        return new int[][] {
            {1, 1, 1, 1, 1, 0, 1}, {1, 16, 1, 5, 1, 0, 1}, {1, 17, 1, 17, 1, 0, 1}, {1, 11, 1, 4, 0, 0, 1},
            {2, 2, 1, 1, 2, 1, 2}, {3, 5, 2, 3, 3, 2, 3}, {8, 5, 3, 5, 6, 5, 4}, {5, 8, 5, 2, 2, 3, 5},
            {7, 9, 4, 4, 7, 0, 7}, {16, 16, 5, 7, 11, 9, 16}, {13, 17, 6, 5, 9, 12, 8}, {17, 13, 17, 13, 17, 0, 17},
            {11, 26, 3, 9, 8, 4, 10}, {30, 31, 12, 10, 20, 25, 30}, {64, 40, 9, 33, 55, 63, 64},
            {23, 89, 7, 40, 23, 0, 17}, {40, 64, 1, 1, 1, 39, 2}, {9, 6, 9, 6, 0, 3, 9}};
    }

    /** {@code Σ_{m,n} in[(y+m) mod R, (x+n) mod C] · k[m, n]} with {@code in} zero from row {@code dataRows} on. */
    private static double[] brute(double[] in, int rows, int cols, double[] k, int kr, int kc) {
        double[] out = new double[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double s = 0;
                for (int m = 0; m < kr; m++) {
                    for (int n = 0; n < kc; n++) {
                        s += in[((y + m) % rows) * cols + (x + n) % cols] * k[m * kc + n];
                    }
                }
                out[y * cols + x] = s;
            }
        }
        return out;
    }

    /** Runs the pipeline; the kept rows land in order in the returned array ({@code rowCount × cols}). */
    private static double[] run(FusedTile tile, double[] in, int rows, int cols, int dataRows, FusedTile.Kernel k,
            int firstRow, int rowCount, int threads) {
        double[] re = new double[tile.spectrumSize()];
        double[] im = new double[tile.spectrumSize()];
        // stale values in the work arrays must not leak into the result
        Arrays.fill(re, Double.NaN);
        Arrays.fill(im, Double.NaN);
        double[] got = new double[rowCount * cols];
        boolean[] seen = new boolean[rowCount];
        tile.correlate((row, dst, offset) -> {
            if (row >= dataRows) {
                throw new AssertionError("row " + row + " is past the data rows " + dataRows);
            }
            if (row % 3 == 2 && allZero(in, row * cols, cols)) {
                return false;
            }
            System.arraycopy(in, row * cols, dst, offset, cols);
            return true;
        }, dataRows, k, re, im, firstRow, rowCount, (i, src, offset) -> {
            assertEquals(false, seen[i], "row " + i + " stored twice");
            seen[i] = true;
            System.arraycopy(src, offset, got, i * cols, cols);
        }, threads);
        for (int i = 0; i < rowCount; i++) {
            assertEquals(true, seen[i], "row " + i + " never stored");
        }
        return got;
    }

    private static boolean allZero(double[] a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheCircularDefinition(int[] c) {
        int rows = c[0];
        int cols = c[1];
        int kr = c[2];
        int kc = c[3];
        int dataRows = c[4];
        int firstRow = c[5];
        int rowCount = c[6];
        Random rnd = new Random(Arrays.hashCode(c));
        double[] in = new double[rows * cols];
        for (int i = 0; i < dataRows * cols; i++) {
            // every third row zero, so the source's "no data" answer is exercised too
            in[i] = (i / cols) % 3 == 2 ? 0.0 : rnd.nextDouble() * 2 - 1;
        }
        double[] kernel = rnd.doubles((long) kr * kc, -1, 1).toArray();
        double[] full = brute(in, rows, cols, kernel, kr, kc);
        double[] want = new double[rowCount * cols];
        for (int i = 0; i < rowCount; i++) {
            System.arraycopy(full, ((firstRow + i) % rows) * cols, want, i * cols, cols);
        }
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tol = 1e-12 * (1 + scale) * Math.sqrt((double) kr * kc);
        FusedTile tile = FusedTile.of(rows, cols);
        for (boolean whole : new boolean[] {true, false}) {
            FusedTile.Kernel k = tile.prepare(kernel, kr, kc, whole, 2);
            double[] one = run(tile, in, rows, cols, dataRows, k, firstRow, rowCount, 1);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], one[i], tol, "whole " + whole + " at " + i);
            }
            for (int threads : new int[] {2, 3}) {
                assertArrayEquals(one, run(tile, in, rows, cols, dataRows, k, firstRow, rowCount, threads),
                        "whole " + whole + " threads " + threads);
            }
        }
    }

    /** A kernel prepared whole and one prepared as its row spectra give the same correlation (within rounding). */
    @Test
    void wholeAndRowKernelsAgreeOnALargeTile() {
        int rows = 160;
        int cols = 210;
        Random rnd = new Random(11);
        double[] in = rnd.doubles((long) rows * cols, -1, 1).toArray();
        double[] kernel = rnd.doubles(31L * 45, -1, 1).toArray();
        FusedTile tile = FusedTile.of(rows, cols);
        double[] a = run(tile, in, rows, cols, 120, tile.prepare(kernel, 31, 45, true, 1), 7, 150, 2);
        double[] b = run(tile, in, rows, cols, 120, tile.prepare(kernel, 31, 45, false, 3), 7, 150, 2);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-11, "at " + i);
        }
    }

    @Test
    void refusesAKernelLargerThanTheTileAndShortWorkArrays() {
        FusedTile tile = FusedTile.of(4, 6);
        assertThrows(IllegalArgumentException.class, () -> tile.prepare(new double[5 * 2], 5, 2, true, 1));
        assertThrows(IllegalArgumentException.class, () -> tile.prepare(new double[3], 1, 2, true, 1));
        FusedTile.Kernel k = tile.prepare(new double[] {1}, 1, 1, true, 1);
        assertThrows(IllegalArgumentException.class, () -> tile.correlate((r, d, o) -> false, 4, k, new double[3],
                new double[3], 0, 4, (i, s, o) -> { }, 1));
        assertThrows(IllegalArgumentException.class, () -> tile.correlate((r, d, o) -> false, 4, k, new double[16],
                new double[16], 4, 1, (i, s, o) -> { }, 1));
    }
}
