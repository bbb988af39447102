package org.xcorr.ncc.internal;

import java.util.Arrays;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.f32.RealFft;

/**
 * {@link FftCrossTerm} in single precision: the same overlap-save tiles (same {@link FftCrossTerm.Tiling}, chosen
 * by the same cost model), with float tile buffers, float spectra and the float FFT of {@code org.xcorr.fft.f32}.
 * Each image value is centred in double ({@code image - offset}) and rounded once to float; the template spectrum
 * is the float transform of the rounded centred template; the kept lags are widened back to double. Half the
 * memory traffic and twice the SIMD lanes of the double path, for an error relative to the tile's norm of a few
 * units of float roundoff (see {@code org.xcorr.ncc.Precision#FLOAT} for what that means for the NCC).
 * Results are bit-identical for every thread count, as for the double path.
 */
final class FloatFftCrossTerm extends CrossTerm {

    private final FftCrossTerm.Tiling tiling;
    private final RealFft fft;
    private final float[] specRe;
    private final float[] specIm;

    FloatFftCrossTerm(Geometry g, double[] centredTemplate, FftCrossTerm.Tiling tiling, int threads) {
        super(g);
        this.tiling = tiling;
        this.fft = RealFft.of(g.narrow(tiling.length()));
        int[] l = tiling.length();
        int[] m = g.template;
        float[] padded = new float[l[0] * l[1] * l[2]];
        for (int z = 0; z < m[0]; z++) {
            for (int y = 0; y < m[1]; y++) {
                int src = (z * m[1] + y) * m[2];
                int dst = (z * l[1] + y) * l[2];
                for (int x = 0; x < m[2]; x++) {
                    padded[dst + x] = (float) centredTemplate[src + x];
                }
            }
        }
        specRe = new float[fft.spectrumSize()];
        specIm = new float[fft.spectrumSize()];
        fft.forward(padded, specRe, specIm, threads);
    }

    /** Tiling of this plan. */
    FftCrossTerm.Tiling tiling() {
        return tiling;
    }

    @Override
    public void compute(double[] image, double offset, double[] out, int threads) {
        Geometry g = geometry;
        int[] c = tiling.count();
        int tiles = c[0] * c[1] * c[2];
        int inner = tiles == 1 ? threads : 1;
        int[] l = tiling.length();
        Parallel.forEachItem(threads, tiles, () -> new float[][] {new float[l[0] * l[1] * l[2]],
            new float[fft.spectrumSize()], new float[fft.spectrumSize()]}, (b, t) -> {
                int[] tile = {t / (c[1] * c[2]), (t / c[2]) % c[1], t % c[2]};
                runTile(g, image, offset, out, tile, b[0], b[1], b[2], inner);
            });
    }

    private void runTile(Geometry g, double[] image, double offset, double[] out, int[] tile, float[] buf,
            float[] re, float[] im, int threads) {
        int[] l = tiling.length();
        int[] b = tiling.lags();
        int[] n = g.image;
        int[] m = g.template;
        int[] k0 = new int[3];
        int[] s = new int[3];
        int[] len = new int[3];
        int[] lagsHere = new int[3];
        for (int a = 0; a < 3; a++) {
            k0[a] = g.lagOrigin[a] + tile[a] * b[a];
            lagsHere[a] = Math.min(b[a], g.output[a] - tile[a] * b[a]);
            s[a] = Math.max(k0[a], 0);
            len[a] = Math.min(n[a] - s[a], k0[a] + lagsHere[a] + m[a] - 1 - s[a]);
        }
        // every element is written: the buffer holds the previous tile's inverse transform; element-wise work
        // (like the product and the copy out), so a single tile spreads it over its threads, with the same result
        Parallel.forRange(threads, l[0] * l[1], 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = r / l[1];
                int y = r % l[1];
                int dst = r * l[2];
                if (z < len[0] && y < len[1]) {
                    int src = ((s[0] + z) * n[1] + s[1] + y) * n[2] + s[2];
                    for (int x = 0; x < len[2]; x++) {
                        // centred in double, rounded once
                        buf[dst + x] = (float) (image[src + x] - offset);
                    }
                    Arrays.fill(buf, dst + len[2], dst + l[2], 0f);
                } else {
                    Arrays.fill(buf, dst, dst + l[2], 0f);
                }
            }
        });
        // buf ← irfft(rfft(buf)·conj(template spectrum)), the product fused into the column pass
        fft.correlate(buf, specRe, specIm, re, im, buf, threads);
        int[] o = g.output;
        Parallel.forRange(threads, lagsHere[0] * lagsHere[1], 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = r / lagsHere[1];
                int y = r % lagsHere[1];
                int cz = Math.floorMod(z + k0[0] - s[0], l[0]);
                int cy = Math.floorMod(y + k0[1] - s[1], l[1]);
                int dst = ((tile[0] * b[0] + z) * o[1] + tile[1] * b[1] + y) * o[2] + tile[2] * b[2];
                int rowBase = (cz * l[1] + cy) * l[2];
                // lag x sits at circular index (x + shift) mod l2: at most two contiguous runs
                int start = Math.floorMod(k0[2] - s[2], l[2]);
                int first = Math.min(lagsHere[2], l[2] - start);
                widen(buf, rowBase + start, out, dst, first);
                widen(buf, rowBase, out, dst + first, lagsHere[2] - first);
            }
        });
    }

    private static void widen(float[] src, int from, double[] dst, int to, int count) {
        for (int i = 0; i < count; i++) {
            dst[to + i] = src[from + i];
        }
    }

    @Override
    public String describe() {
        int[] c = tiling.count();
        return "float fft tiles " + Arrays.toString(geometry.narrow(tiling.length())) + " x " + (c[0] * c[1] * c[2]);
    }
}
