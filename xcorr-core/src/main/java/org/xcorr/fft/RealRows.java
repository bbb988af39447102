package org.xcorr.fft;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xcorr.concurrent.Parallel;

/**
 * Real-to-half-spectrum transforms (and back) of the contiguous rows of a row-major array: the last-axis
 * pass of {@link RealFft}. Row length {@code n}, half-spectrum row length {@code h = n/2 + 1}.
 *
 * <p><b>Even n</b> (half-length packing): a row {@code x} is read as the complex sequence
 * {@code z[j] = x[2j] + i·x[2j+1]} of length {@code n/2}; with {@code Z = DFT(z)}, {@code Z[n/2] = Z[0]},
 * <pre>
 *   X[k] = (Z[k] + conj Z[n/2-k])/2 + exp(-2πi·k/n) · (Z[k] - conj Z[n/2-k])/(2i),   k = 0 .. n/2.
 * </pre>
 * The inverse runs the same steps backwards: {@code Z[k] = E[k] + i·O[k]} with
 * {@code E = X[k] + conj X[n/2-k]}, {@code O = (X[k] - conj X[n/2-k])·exp(+2πi·k/n)}.
 *
 * <p><b>Odd n</b> (row pairing): rows {@code 2q} and {@code 2q+1} are transformed together as
 * {@code z = x_{2q} + i·x_{2q+1}}; then {@code X_{2q}[k] = (Z[k] + conj Z[-k])/2} and
 * {@code X_{2q+1}[k] = (Z[k] - conj Z[-k])/(2i)}. A last unpaired row is paired with zeros. Pairs are fixed
 * by row index, so the result does not depend on the thread count.
 */
final class RealRows {

    private static final Map<Integer, double[][]> TWIDDLES = new ConcurrentHashMap<>();

    /**
     * Rows transformed together: one vector register of doubles (4 with AVX2, 8 with AVX-512), at least 4.
     * Fewer lanes than a vector would leave every row butterfly to the scalar tail kernel (slower on AVX-512);
     * on AVX2, 8 or 16 rows bought nothing over one vector but a larger working set. Timings:
     * {@code xcorr-bench/RESULTS.md}, "Numbers moved from the javadoc".
     */
    private static final int ROW_LANES = Simd.ENABLED ? Math.max(4, VectorButterflies.width()) : 4;

    private RealRows() {
    }

    /** {@code exp(-2πi·k/n)} for {@code k = 0 .. n/2}, as {re, im}. */
    private static double[][] twiddles(int n) {
        return TWIDDLES.computeIfAbsent(n, len -> {
            int h = len / 2 + 1;
            double[] c = new double[h];
            double[] s = new double[h];
            for (int k = 0; k < h; k++) {
                double angle = -2 * Math.PI * k / len;
                c[k] = Math.cos(angle);
                s[k] = Math.sin(angle);
            }
            return new double[][] {c, s};
        });
    }

    /** Half spectra of {@code rows} real rows of length {@code n}: {@code in} is read, {@code out*} written. */
    static void forward(int n, int rows, double[] in, double[] outRe, double[] outIm, int threads) {
        inBatches(n, rows, threads, n % 2 == 0
                ? (row0, count) -> forwardEven(n, row0, count, in, row0 * n, outRe, outIm)
                : (pair0, count) -> forwardOdd(n, rows, pair0, count, in, 2 * pair0 * n, outRe, outIm));
    }

    /**
     * Half spectra of {@code rows} real rows of length {@code n} supplied by {@code source}, which copies each
     * row into a per-thread staging buffer (so the rows may be cut from a larger array, shifted, wrapped or
     * zero-padded without a padded copy of the whole input). Rows from {@code dataRows} on are zero: their
     * spectra are written as zeros without a transform (the zero padding of a tile costs no FFT).
     */
    static void forward(int n, int rows, int dataRows, FusedTile.RowSource source, double[] outRe, double[] outIm,
            int threads) {
        int h = n / 2 + 1;
        boolean even = n % 2 == 0;
        inBatches(n, rows, threads, (first, count) -> {
            int row0 = even ? first : 2 * first;
            int rowCount = even ? count : Math.min(2 * count, rows - row0);
            if (row0 >= dataRows) {
                Arrays.fill(outRe, row0 * h, (row0 + rowCount) * h, 0.0);
                Arrays.fill(outIm, row0 * h, (row0 + rowCount) * h, 0.0);
                return;
            }
            double[] staged = Workspace.current().array(Workspace.STAGE, rowCount * n);
            for (int r = 0; r < rowCount; r++) {
                if (row0 + r >= dataRows || !source.load(row0 + r, staged, r * n)) {
                    Arrays.fill(staged, r * n, (r + 1) * n, 0.0);
                }
            }
            if (even) {
                forwardEven(n, row0, count, staged, 0, outRe, outIm);
            } else {
                forwardOdd(n, rows, first, count, staged, 0, outRe, outIm);
            }
        });
    }

    /**
     * Real rows of length {@code n} from {@code rows} half-spectrum rows, each output multiplied by
     * {@code scale}; the imaginary parts of the self-conjugate bins (0, and n/2 for even n) are ignored.
     */
    static void inverse(int n, int rows, double[] inRe, double[] inIm, double[] out, double scale, int threads) {
        inBatches(n, rows, threads, n % 2 == 0
                ? (row0, count) -> inverseEven(n, count, row0, rows, inRe, inIm, out, row0 * n, scale)
                : (pair0, count) -> inverseOdd(n, rows, pair0, count, 0, rows, inRe, inIm, out, 0, scale));
    }

    /**
     * Real rows of length {@code n} from {@code count} half-spectrum rows taken in the circular order
     * {@code (firstRow + i) mod rows}, {@code i < count}, each multiplied by {@code scale} and handed to
     * {@code sink} as row {@code i} (from a per-thread staging buffer), so a tile's kept rows go straight to
     * their place in the output. Batches (and, for odd {@code n}, the pairs of rows transformed together) are
     * fixed by {@code i}, so the result does not depend on the thread count.
     */
    static void inverse(int n, int rows, int firstRow, int count, double[] inRe, double[] inIm,
            FusedTile.RowSink sink, double scale, int threads) {
        boolean even = n % 2 == 0;
        inBatches(n, count, threads, (first, units) -> {
            int i0 = even ? first : 2 * first;
            int rowCount = even ? units : Math.min(2 * units, count - i0);
            double[] staged = Workspace.current().array(Workspace.STAGE, rowCount * n);
            if (even) {
                inverseEven(n, units, (firstRow + i0) % rows, rows, inRe, inIm, staged, 0, scale);
            } else {
                inverseOdd(n, count, first, units, firstRow, rows, inRe, inIm, staged, -2 * first * n, scale);
            }
            for (int r = 0; r < rowCount; r++) {
                sink.store(i0 + r, staged, r * n);
            }
        });
    }

    /** {@code count} lanes of work starting at lane unit {@code first}: a row (even n) or a row pair (odd n). */
    @FunctionalInterface
    private interface Batch {
        void run(int first, int count);
    }

    /**
     * Runs {@code batch} over the rows (even {@code n}) or row pairs (odd {@code n}) in batches of
     * {@link #ROW_LANES}, split over threads on batch boundaries only, so the result never depends on them.
     */
    private static void inBatches(int n, int rows, int threads, Batch batch) {
        int lanes = ROW_LANES;
        int units = n % 2 == 0 ? rows : (rows + 1) / 2;
        int blocks = (units + lanes - 1) / lanes;
        Parallel.forRange(threads, blocks, Math.max(1, (1 << 14) / (n * lanes)), (from, to) -> {
            for (int b = from; b < to; b++) {
                int first = b * lanes;
                batch.run(first, Math.min(lanes, units - first));
            }
        });
    }

    /** Whether {@code a[from, from + length)} holds only zeros; stops at the first non-zero, so data costs nothing. */
    private static boolean allZero(double[] a, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (a[i] != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** The thread's scratch array {@code slot} of {@link Workspace}, long enough for {@code lanes} padded lines of n. */
    private static double[] scratch(int slot, int n, int lanes) {
        return Workspace.current().array(slot, paddedLength(n, lanes));
    }

    /** Half-spectrum row of lane {@code l} when the lanes start at row {@code start} of a circular order of {@code mod} rows. */
    private static int spectrumRow(int start, int l, int mod) {
        int r = start + l;
        return r >= mod ? r - mod : r;
    }

    /** Whether row pair {@code pair} (rows {@code 2·pair} and {@code 2·pair + 1}) has its second row. */
    private static boolean hasPartner(int pair, int rows) {
        return 2 * pair + 1 < rows;
    }

    /** Length of a padded lane buffer (see {@link LineFft#inputBlock()}). */
    static int paddedLength(int n, int lanes) {
        return n * lanes + 8 * LineFft.INPUT_PAD;
    }

    /*
     * The gathers, twiddles and scatters below work on four rows at a time, written out, with the long loop
     * (along the row) innermost: every index is then affine in the loop variable, so C2 hoists the bounds
     * checks and unrolls, and the lane buffers are read and written in order. With the lane loop innermost
     * (trip count 4) register 2048² was slower, and one row at a time (stride of `lanes` through the buffers)
     * no faster than that (timings: xcorr-bench/RESULTS.md, "Numbers moved from the javadoc"). Rows left over
     * (fewer than four) go one at a time. The arithmetic per element is the same on both paths.
     */

    private static void forwardEven(int n, int row0, int lanes, double[] in, int inBase, double[] outRe,
            double[] outIm) {
        int half = n / 2;
        int h = half + 1;
        if (allZero(in, inBase, lanes * n)) {
            // zero padding (correlate, NCC border tiles) transforms to zero: skip the FFT
            Arrays.fill(outRe, row0 * h, (row0 + lanes) * h, 0.0);
            Arrays.fill(outIm, row0 * h, (row0 + lanes) * h, 0.0);
            return;
        }
        LineFft fft = LineFft.of(half);
        double[] zr = scratch(Workspace.LINES_RE, half, lanes), zi = scratch(Workspace.LINES_IM, half, lanes);
        int block = fft.inputBlock();
        int rowBase = inBase;
        int l = 0;
        for (; l + 4 <= lanes; l += 4) {
            int i0 = rowBase + l * n;
            int i1 = i0 + n;
            int i2 = i1 + n;
            int i3 = i2 + n;
            for (int j0 = 0, o = l; j0 < half; j0 += block, o += LineFft.INPUT_PAD) {
                for (int j = j0, end = Math.min(half, j0 + block); j < end; j++) {
                    int z = j * lanes + o;
                    int s = 2 * j;
                    zr[z] = in[i0 + s];
                    zi[z] = in[i0 + s + 1];
                    zr[z + 1] = in[i1 + s];
                    zi[z + 1] = in[i1 + s + 1];
                    zr[z + 2] = in[i2 + s];
                    zi[z + 2] = in[i2 + s + 1];
                    zr[z + 3] = in[i3 + s];
                    zi[z + 3] = in[i3 + s + 1];
                }
            }
        }
        for (; l < lanes; l++) {
            int i0 = rowBase + l * n;
            for (int j0 = 0, o = l; j0 < half; j0 += block, o += LineFft.INPUT_PAD) {
                for (int j = j0, end = Math.min(half, j0 + block); j < end; j++) {
                    int z = j * lanes + o;
                    zr[z] = in[i0 + 2 * j];
                    zi[z] = in[i0 + 2 * j + 1];
                }
            }
        }
        fft.transformPadded(zr, zi, lanes);
        double[][] tw = twiddles(n);
        double[] tc = tw[0];
        double[] ts = tw[1];
        int base = row0 * h;
        // bins 0 and n/2 pair Z[0] with itself
        for (l = 0; l < lanes; l++) {
            int o = base + l * h;
            postBin(zr, zi, l, l, tc[0], ts[0], outRe, outIm, o);
            postBin(zr, zi, l, l, tc[half], ts[half], outRe, outIm, o + half);
        }
        for (l = 0; l + 4 <= lanes; l += 4) {
            int o0 = base + l * h;
            int o1 = o0 + h;
            int o2 = o1 + h;
            int o3 = o2 + h;
            for (int k = 1; k < half; k++) {
                int a = k * lanes + l;
                int b = (half - k) * lanes + l;
                double cr = tc[k];
                double ci = ts[k];
                postBin(zr, zi, a, b, cr, ci, outRe, outIm, o0 + k);
                postBin(zr, zi, a + 1, b + 1, cr, ci, outRe, outIm, o1 + k);
                postBin(zr, zi, a + 2, b + 2, cr, ci, outRe, outIm, o2 + k);
                postBin(zr, zi, a + 3, b + 3, cr, ci, outRe, outIm, o3 + k);
            }
        }
        for (; l < lanes; l++) {
            int o = base + l * h;
            for (int k = 1; k < half; k++) {
                postBin(zr, zi, k * lanes + l, (half - k) * lanes + l, tc[k], ts[k], outRe, outIm, o + k);
            }
        }
    }

    /** Bin {@code k} of one row's half spectrum from {@code Z[k]} (at {@code a}) and {@code Z[n/2-k]} (at {@code b}). */
    private static void postBin(double[] zr, double[] zi, int a, int b, double cr, double ci, double[] outRe,
            double[] outIm, int o) {
        double z1r = zr[a], z1i = zi[a], z2r = zr[b], z2i = zi[b];
        double er = 0.5 * (z1r + z2r), ei = 0.5 * (z1i - z2i);
        double dr = 0.5 * (z1i + z2i), di = 0.5 * (z2r - z1r);
        outRe[o] = er + dr * cr - di * ci;
        outIm[o] = ei + dr * ci + di * cr;
    }

    /**
     * {@code lanes} rows: lane {@code l} reads half-spectrum row {@code (rowStart + l) mod rowMod} and writes real
     * row {@code outBase + l·n} of {@code out}.
     */
    private static void inverseEven(int n, int lanes, int rowStart, int rowMod, double[] inRe, double[] inIm,
            double[] out, int outBase, double scale) {
        int half = n / 2;
        int h = half + 1;
        LineFft fft = LineFft.of(half);
        double[] zr = scratch(Workspace.LINES_RE, half, lanes), zi = scratch(Workspace.LINES_IM, half, lanes);
        int block = fft.inputBlock();
        double[][] tw = twiddles(n);
        double[] tc = tw[0];
        double[] ts = tw[1];
        for (int l = 0; l < lanes; l++) {
            int i = spectrumRow(rowStart, l, rowMod) * h;
            // the self-conjugate bins 0 and n/2 are real by definition; NumPy ignores their imaginary parts
            double x0 = inRe[i], xh = inRe[i + half];
            zr[l] = x0 + xh;
            zi[l] = x0 - xh;
        }
        int l = 0;
        for (; l + 4 <= lanes; l += 4) {
            int i0 = spectrumRow(rowStart, l, rowMod) * h;
            int i1 = spectrumRow(rowStart, l + 1, rowMod) * h;
            int i2 = spectrumRow(rowStart, l + 2, rowMod) * h;
            int i3 = spectrumRow(rowStart, l + 3, rowMod) * h;
            for (int k0 = 0, o = l; k0 < half; k0 += block, o += LineFft.INPUT_PAD) {
                for (int k = Math.max(1, k0), end = Math.min(half, k0 + block); k < end; k++) {
                    int z = k * lanes + o;
                    double cr = tc[k];
                    double ci = -ts[k];
                    preBin(inRe, inIm, i0 + k, i0 + half - k, cr, ci, zr, zi, z);
                    preBin(inRe, inIm, i1 + k, i1 + half - k, cr, ci, zr, zi, z + 1);
                    preBin(inRe, inIm, i2 + k, i2 + half - k, cr, ci, zr, zi, z + 2);
                    preBin(inRe, inIm, i3 + k, i3 + half - k, cr, ci, zr, zi, z + 3);
                }
            }
        }
        for (; l < lanes; l++) {
            int i0 = spectrumRow(rowStart, l, rowMod) * h;
            for (int k0 = 0, o = l; k0 < half; k0 += block, o += LineFft.INPUT_PAD) {
                for (int k = Math.max(1, k0), end = Math.min(half, k0 + block); k < end; k++) {
                    preBin(inRe, inIm, i0 + k, i0 + half - k, tc[k], -ts[k], zr, zi, k * lanes + o);
                }
            }
        }
        // inverse DFT: forward with real and imaginary parts exchanged
        fft.transformPadded(zi, zr, lanes);
        for (l = 0; l + 4 <= lanes; l += 4) {
            int i0 = outBase + l * n;
            int i1 = i0 + n;
            int i2 = i1 + n;
            int i3 = i2 + n;
            for (int j = 0; j < half; j++) {
                int z = j * lanes + l;
                int s = 2 * j;
                out[i0 + s] = zr[z] * scale;
                out[i0 + s + 1] = zi[z] * scale;
                out[i1 + s] = zr[z + 1] * scale;
                out[i1 + s + 1] = zi[z + 1] * scale;
                out[i2 + s] = zr[z + 2] * scale;
                out[i2 + s + 1] = zi[z + 2] * scale;
                out[i3 + s] = zr[z + 3] * scale;
                out[i3 + s + 1] = zi[z + 3] * scale;
            }
        }
        for (; l < lanes; l++) {
            int i0 = outBase + l * n;
            for (int j = 0; j < half; j++) {
                out[i0 + 2 * j] = zr[j * lanes + l] * scale;
                out[i0 + 2 * j + 1] = zi[j * lanes + l] * scale;
            }
        }
    }

    /**
     * {@code Z[k] = E + i·O} of one row from {@code X[k]} (at {@code p}) and {@code X[n/2-k]} (at {@code q}),
     * with {@code (cr, ci) = exp(+2πi·k/n)}.
     */
    private static void preBin(double[] inRe, double[] inIm, int p, int q, double cr, double ci, double[] zr,
            double[] zi, int z) {
        double x1r = inRe[p], x1i = inIm[p], x2r = inRe[q], x2i = inIm[q];
        double er = x1r + x2r, ei = x1i - x2i;
        double dr = x1r - x2r, di = x1i + x2i;
        double or = dr * cr - di * ci, oi = dr * ci + di * cr;
        zr[z] = er - oi;
        zi[z] = ei + or;
    }

    /** Row pairs {@code pair0 ..}: lane {@code l} reads rows {@code inBase + 2l·n} and the next one of {@code in}. */
    private static void forwardOdd(int n, int rows, int pair0, int lanes, double[] in, int inBase, double[] outRe,
            double[] outIm) {
        int h = n / 2 + 1;
        LineFft fft = LineFft.of(n);
        double[] zr = scratch(Workspace.LINES_RE, n, lanes), zi = scratch(Workspace.LINES_IM, n, lanes);
        int block = fft.inputBlock();
        for (int l = 0; l < lanes; l++) {
            int a = inBase + 2 * l * n;
            boolean hasB = hasPartner(pair0 + l, rows);
            for (int j0 = 0, o = l; j0 < n; j0 += block, o += LineFft.INPUT_PAD) {
                for (int j = j0, end = Math.min(n, j0 + block); j < end; j++) {
                    zr[j * lanes + o] = in[a + j];
                    zi[j * lanes + o] = hasB ? in[a + n + j] : 0.0;
                }
            }
        }
        fft.transformPadded(zr, zi, lanes);
        for (int l = 0; l < lanes; l++) {
            int a = 2 * (pair0 + l) * h;
            boolean hasB = hasPartner(pair0 + l, rows);
            for (int k = 0; k < h; k++) {
                int p = k * lanes + l;
                int q = (k == 0 ? 0 : n - k) * lanes + l;
                double z1r = zr[p], z1i = zi[p], z2r = zr[q], z2i = zi[q];
                outRe[a + k] = 0.5 * (z1r + z2r);
                outIm[a + k] = 0.5 * (z1i - z2i);
                if (hasB) {
                    outRe[a + h + k] = 0.5 * (z1i + z2i);
                    outIm[a + h + k] = 0.5 * (z2r - z1r);
                }
            }
        }
    }

    /**
     * Row pairs {@code pair0 ..} of {@code rows} rows in order: row {@code i} of the order reads half-spectrum row
     * {@code (firstRow + i) mod rowMod} and is written at {@code outBase + i·n} of {@code out}.
     */
    private static void inverseOdd(int n, int rows, int pair0, int lanes, int firstRow, int rowMod, double[] inRe,
            double[] inIm, double[] out, int outBase, double scale) {
        int h = n / 2 + 1;
        LineFft fft = LineFft.of(n);
        double[] zr = scratch(Workspace.LINES_RE, n, lanes), zi = scratch(Workspace.LINES_IM, n, lanes);
        int block = fft.inputBlock();
        for (int l = 0; l < lanes; l++) {
            int i = 2 * (pair0 + l);
            int a = spectrumRow(firstRow, i, rowMod) * h;
            boolean hasB = hasPartner(pair0 + l, rows);
            int b = hasB ? spectrumRow(firstRow, i + 1, rowMod) * h : 0;
            for (int k = 0; k < n; k++) {
                int o = k * lanes + (k / block) * LineFft.INPUT_PAD + l;
                // full spectrum from the half one by Hermitian symmetry; bin 0 is real
                int src = k < h ? k : n - k;
                double sign = k < h ? 1.0 : -1.0;
                double x1r = inRe[a + src], x1i = k == 0 ? 0.0 : sign * inIm[a + src];
                double x2r = 0.0, x2i = 0.0;
                if (hasB) {
                    x2r = inRe[b + src];
                    x2i = k == 0 ? 0.0 : sign * inIm[b + src];
                }
                zr[o] = x1r - x2i;
                zi[o] = x1i + x2r;
            }
        }
        fft.transformPadded(zi, zr, lanes);
        for (int l = 0; l < lanes; l++) {
            int a = outBase + 2 * (pair0 + l) * n;
            boolean hasB = hasPartner(pair0 + l, rows);
            for (int j = 0; j < n; j++) {
                out[a + j] = zr[j * lanes + l] * scale;
                if (hasB) {
                    out[a + n + j] = zi[j * lanes + l] * scale;
                }
            }
        }
    }
}
