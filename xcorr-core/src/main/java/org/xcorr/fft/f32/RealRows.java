// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

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

    private static final Map<Integer, float[][]> TWIDDLES = new ConcurrentHashMap<>();

    /**
     * Rows transformed together: one 256-bit vector of floats (the double version's 4 rows, measured there to be
     * best, are one vector of doubles).
     */
    private static final int ROW_LANES = 8;

    private RealRows() {
    }

    /** {@code exp(-2πi·k/n)} for {@code k = 0 .. n/2}, as {re, im}. */
    private static float[][] twiddles(int n) {
        return TWIDDLES.computeIfAbsent(n, len -> {
            int h = len / 2 + 1;
            float[] c = new float[h];
            float[] s = new float[h];
            for (int k = 0; k < h; k++) {
                double angle = -2 * Math.PI * k / len;
                c[k] = (float) Math.cos(angle);
                s[k] = (float) Math.sin(angle);
            }
            return new float[][] {c, s};
        });
    }

    /** Half spectra of {@code rows} real rows of length {@code n}: {@code in} is read, {@code out*} written. */
    static void forward(int n, int rows, float[] in, float[] outRe, float[] outIm, int threads) {
        if (n % 2 == 0) {
            int lanes = ROW_LANES;
            int blocks = (rows + lanes - 1) / lanes;
            Parallel.forRange(threads, blocks, Math.max(1, (1 << 14) / (n * lanes)), (from, to) -> {
                for (int b = from; b < to; b++) {
                    int row0 = b * lanes;
                    forwardEven(n, row0, Math.min(lanes, rows - row0), in, outRe, outIm);
                }
            });
        } else {
            int lanes = ROW_LANES;
            int pairs = (rows + 1) / 2;
            int blocks = (pairs + lanes - 1) / lanes;
            Parallel.forRange(threads, blocks, Math.max(1, (1 << 14) / (n * lanes)), (from, to) -> {
                for (int b = from; b < to; b++) {
                    int pair0 = b * lanes;
                    forwardOdd(n, rows, pair0, Math.min(lanes, pairs - pair0), in, outRe, outIm);
                }
            });
        }
    }

    /**
     * Real rows of length {@code n} from {@code rows} half-spectrum rows, each output multiplied by
     * {@code scale}; the imaginary parts of the self-conjugate bins (0, and n/2 for even n) are ignored.
     */
    static void inverse(int n, int rows, float[] inRe, float[] inIm, float[] out, float scale, int threads) {
        if (n % 2 == 0) {
            int lanes = ROW_LANES;
            int blocks = (rows + lanes - 1) / lanes;
            Parallel.forRange(threads, blocks, Math.max(1, (1 << 14) / (n * lanes)), (from, to) -> {
                for (int b = from; b < to; b++) {
                    int row0 = b * lanes;
                    inverseEven(n, row0, Math.min(lanes, rows - row0), inRe, inIm, out, scale);
                }
            });
        } else {
            int lanes = ROW_LANES;
            int pairs = (rows + 1) / 2;
            int blocks = (pairs + lanes - 1) / lanes;
            Parallel.forRange(threads, blocks, Math.max(1, (1 << 14) / (n * lanes)), (from, to) -> {
                for (int b = from; b < to; b++) {
                    int pair0 = b * lanes;
                    inverseOdd(n, rows, pair0, Math.min(lanes, pairs - pair0), inRe, inIm, out, scale);
                }
            });
        }
    }

    /** Whether {@code a[from, from + length)} holds only zeros; stops at the first non-zero, so data costs nothing. */
    private static boolean allZero(float[] a, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (a[i] != 0.0f) {
                return false;
            }
        }
        return true;
    }

    /** Length of a padded lane buffer (see {@link LineFft#inputBlock()}). */
    static int paddedLength(int n, int lanes) {
        return n * lanes + 8 * LineFft.INPUT_PAD;
    }

    private static void forwardEven(int n, int row0, int lanes, float[] in, float[] outRe, float[] outIm) {
        int half = n / 2;
        int h = half + 1;
        if (allZero(in, row0 * n, lanes * n)) {
            // zero padding (correlate, NCC border tiles) transforms to zero: skip the FFT
            Arrays.fill(outRe, row0 * h, (row0 + lanes) * h, 0.0f);
            Arrays.fill(outIm, row0 * h, (row0 + lanes) * h, 0.0f);
            return;
        }
        LineFft fft = LineFft.of(half);
        Workspace ws = Workspace.current();
        float[] zr = ws.array(Workspace.LINES_RE, paddedLength(half, lanes));
        float[] zi = ws.array(Workspace.LINES_IM, paddedLength(half, lanes));
        int block = fft.inputBlock();
        // element-major: the lanes of one element are written together and the rows are read as parallel streams
        int rowBase = row0 * n;
        for (int j0 = 0, o = 0; j0 < half; j0 += block, o += LineFft.INPUT_PAD) {
            for (int j = j0, end = Math.min(half, j0 + block); j < end; j++) {
                int z = j * lanes + o;
                for (int l = 0, i = rowBase + 2 * j; l < lanes; l++, i += n) {
                    zr[z + l] = in[i];
                    zi[z + l] = in[i + 1];
                }
            }
        }
        fft.transformPadded(zr, zi, lanes);
        float[][] tw = twiddles(n);
        float[] tc = tw[0];
        float[] ts = tw[1];
        // post-twiddle fused with the scatter back to rows
        for (int l = 0; l < lanes; l++) {
            int base = (row0 + l) * h;
            for (int k = 0; k < h; k++) {
                int a = (k == half ? 0 : k) * lanes + l;
                int b = (k == 0 ? 0 : half - k) * lanes + l;
                float z1r = zr[a], z1i = zi[a], z2r = zr[b], z2i = zi[b];
                float er = 0.5f * (z1r + z2r), ei = 0.5f * (z1i - z2i);
                float dr = 0.5f * (z1i + z2i), di = 0.5f * (z2r - z1r);
                float cr = tc[k], ci = ts[k];
                outRe[base + k] = er + dr * cr - di * ci;
                outIm[base + k] = ei + dr * ci + di * cr;
            }
        }
    }

    private static void inverseEven(int n, int row0, int lanes, float[] inRe, float[] inIm, float[] out,
            float scale) {
        int half = n / 2;
        int h = half + 1;
        LineFft fft = LineFft.of(half);
        Workspace ws = Workspace.current();
        float[] zr = ws.array(Workspace.LINES_RE, paddedLength(half, lanes));
        float[] zi = ws.array(Workspace.LINES_IM, paddedLength(half, lanes));
        int block = fft.inputBlock();
        float[][] tw = twiddles(n);
        float[] tc = tw[0];
        float[] ts = tw[1];
        // pre-twiddle fused with the gather from rows
        for (int l = 0; l < lanes; l++) {
            int base = (row0 + l) * h;
            // the self-conjugate bins 0 and n/2 are real by definition; NumPy ignores their imaginary parts
            float x0 = inRe[base], xh = inRe[base + half];
            zr[l] = x0 + xh;
            zi[l] = x0 - xh;
            for (int k0 = 0, o = l; k0 < half; k0 += block, o += LineFft.INPUT_PAD) {
                for (int k = Math.max(1, k0), end = Math.min(half, k0 + block); k < end; k++) {
                    float x1r = inRe[base + k], x1i = inIm[base + k];
                    float x2r = inRe[base + half - k], x2i = inIm[base + half - k];
                    float er = x1r + x2r, ei = x1i - x2i;
                    float dr = x1r - x2r, di = x1i + x2i;
                    float cr = tc[k], ci = -ts[k];
                    float or = dr * cr - di * ci, oi = dr * ci + di * cr;
                    zr[k * lanes + o] = er - oi;
                    zi[k * lanes + o] = ei + or;
                }
            }
        }
        // inverse DFT: forward with real and imaginary parts exchanged
        fft.transformPadded(zi, zr, lanes);
        for (int l = 0; l < lanes; l++) {
            int base = (row0 + l) * n;
            for (int j = 0; j < half; j++) {
                out[base + 2 * j] = zr[j * lanes + l] * scale;
                out[base + 2 * j + 1] = zi[j * lanes + l] * scale;
            }
        }
    }

    private static void forwardOdd(int n, int rows, int pair0, int lanes, float[] in, float[] outRe,
            float[] outIm) {
        int h = n / 2 + 1;
        LineFft fft = LineFft.of(n);
        Workspace ws = Workspace.current();
        float[] zr = ws.array(Workspace.LINES_RE, paddedLength(n, lanes));
        float[] zi = ws.array(Workspace.LINES_IM, paddedLength(n, lanes));
        int block = fft.inputBlock();
        for (int l = 0; l < lanes; l++) {
            int rowA = 2 * (pair0 + l);
            int a = rowA * n;
            boolean hasB = rowA + 1 < rows;
            for (int j0 = 0, o = l; j0 < n; j0 += block, o += LineFft.INPUT_PAD) {
                for (int j = j0, end = Math.min(n, j0 + block); j < end; j++) {
                    zr[j * lanes + o] = in[a + j];
                    zi[j * lanes + o] = hasB ? in[a + n + j] : 0.0f;
                }
            }
        }
        fft.transformPadded(zr, zi, lanes);
        for (int l = 0; l < lanes; l++) {
            int rowA = 2 * (pair0 + l);
            int a = rowA * h;
            boolean hasB = rowA + 1 < rows;
            for (int k = 0; k < h; k++) {
                int p = k * lanes + l;
                int q = (k == 0 ? 0 : n - k) * lanes + l;
                float z1r = zr[p], z1i = zi[p], z2r = zr[q], z2i = zi[q];
                outRe[a + k] = 0.5f * (z1r + z2r);
                outIm[a + k] = 0.5f * (z1i - z2i);
                if (hasB) {
                    outRe[a + h + k] = 0.5f * (z1i + z2i);
                    outIm[a + h + k] = 0.5f * (z2r - z1r);
                }
            }
        }
    }

    private static void inverseOdd(int n, int rows, int pair0, int lanes, float[] inRe, float[] inIm,
            float[] out, float scale) {
        int h = n / 2 + 1;
        LineFft fft = LineFft.of(n);
        Workspace ws = Workspace.current();
        float[] zr = ws.array(Workspace.LINES_RE, paddedLength(n, lanes));
        float[] zi = ws.array(Workspace.LINES_IM, paddedLength(n, lanes));
        int block = fft.inputBlock();
        for (int l = 0; l < lanes; l++) {
            int rowA = 2 * (pair0 + l);
            int a = rowA * h;
            boolean hasB = rowA + 1 < rows;
            for (int k = 0; k < n; k++) {
                int o = k * lanes + (k / block) * LineFft.INPUT_PAD + l;
                // full spectrum from the half one by Hermitian symmetry; bin 0 is real
                int src = k < h ? k : n - k;
                float sign = k < h ? 1.0f : -1.0f;
                float x1r = inRe[a + src], x1i = k == 0 ? 0.0f : sign * inIm[a + src];
                float x2r = 0.0f, x2i = 0.0f;
                if (hasB) {
                    x2r = inRe[a + h + src];
                    x2i = k == 0 ? 0.0f : sign * inIm[a + h + src];
                }
                zr[o] = x1r - x2i;
                zi[o] = x1i + x2r;
            }
        }
        fft.transformPadded(zi, zr, lanes);
        for (int l = 0; l < lanes; l++) {
            int rowA = 2 * (pair0 + l);
            int a = rowA * n;
            boolean hasB = rowA + 1 < rows;
            for (int j = 0; j < n; j++) {
                out[a + j] = zr[j * lanes + l] * scale;
                if (hasB) {
                    out[a + n + j] = zi[j * lanes + l] * scale;
                }
            }
        }
    }
}
