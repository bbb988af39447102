package org.xcorr.correlate.internal;

import java.util.Arrays;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.f32.RealFft;

/**
 * {@link TiledFftPlan} in single precision, for real data on linear axes (ncc's {@code Precision.FLOAT}): the same
 * tiles (chosen by the same cost model), with float tile buffers, a float kernel spectrum and the float FFT of
 * {@code org.xcorr.fft.f32}. Each image value is centred in double ({@code image - offset}) and rounded once to
 * float; the kept lags are widened back to double. Results are bit-identical for every thread count.
 */
final class FloatTiledFftPlan extends CorrelationPlan {

    private final TiledFftPlan.Tiling tiling;
    private final RealFft fft;
    private final float[] specRe;
    private final float[] specIm;

    FloatTiledFftPlan(Geometry g, double[] kernel, TiledFftPlan.Tiling tiling, int threads) {
        super(g, false);
        if (g.circular) {
            throw new IllegalArgumentException("single-precision tiles serve linear correlations only");
        }
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
                    padded[dst + x] = (float) kernel[src + x];
                }
            }
        }
        specRe = new float[fft.spectrumSize()];
        specIm = new float[fft.spectrumSize()];
        fft.forward(padded, specRe, specIm, threads);
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    @Override
    public double tileRoundoff() {
        return 0x1p-24;
    }

    @Override
    public void compute(double[] imageRe, double[] imageIm, double offset, double[] outRe, double[] outIm,
            int threads) {
        int[] c = tiling.count();
        int tiles = c[0] * c[1] * c[2];
        int inner = tiles == 1 ? threads : 1;
        int[] l = tiling.length();
        Parallel.forEachItem(threads, tiles, () -> new float[][] {new float[l[0] * l[1] * l[2]],
            new float[fft.spectrumSize()], new float[fft.spectrumSize()]}, (b, t) -> {
                int[] tile = {t / (c[1] * c[2]), (t / c[2]) % c[1], t % c[2]};
                runTile(imageRe, offset, outRe, tile, b[0], b[1], b[2], inner);
            });
    }

    private void runTile(double[] image, double offset, double[] out, int[] tile, float[] buf, float[] re,
            float[] im, int threads) {
        TiledFftPlan.Window w = new TiledFftPlan.Window(geometry, tiling, tile);
        int[] l = tiling.length();
        int[] n = geometry.image;
        // every element is written: the buffer holds the previous tile's inverse transform
        Parallel.forRange(threads, l[0] * l[1], Tuning.TILE_ROWS_PER_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = w.source(0, r / l[1]);
                int y = w.source(1, r % l[1]);
                int dst = r * l[2];
                int len = z < 0 || y < 0 ? 0 : w.len[2];
                int src = z < 0 || y < 0 ? 0 : (z * n[1] + y) * n[2] + w.start[2];
                for (int x = 0; x < len; x++) {
                    // centred in double, rounded once
                    buf[dst + x] = (float) (image[src + x] - offset);
                }
                Arrays.fill(buf, dst + len, dst + l[2], 0f);
            }
        });
        fft.correlate(buf, specRe, specIm, re, im, buf, threads);
        w.forEachRun(l, threads, (from, to, count) -> {
            for (int i = 0; i < count; i++) {
                out[to + i] = buf[from + i];
            }
        });
    }

    @Override
    public String describe() {
        int[] c = tiling.count();
        return "float fft tiles " + Arrays.toString(geometry.narrow(tiling.length())) + " x " + (c[0] * c[1] * c[2]);
    }
}
