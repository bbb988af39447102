package org.xcorr.ncc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;

/**
 * Cross term by overlap-save FFT tiles: the output lags are cut into tiles of {@code B} lags per axis; each tile
 * reads the image rows it needs into a zero-filled buffer of FFT length {@code L >= B + M - 1}, multiplies its
 * real half spectrum by the conjugate template spectrum (computed once per plan) and keeps the {@code B}
 * wrap-free lags. Along an axis where one tile is cheapest, the tile is the whole image padded to
 * {@code FastSizes.next(N - lagOrigin)}. Tiles are independent, so they run in parallel, each by the same
 * arithmetic whatever the thread count.
 */
final class FftCrossTerm extends CrossTerm {

    /** Largest multi-tile buffer (elements); keeps per-thread buffers cache- and memory-friendly. */
    private static final int MAX_TILE = 1 << 21;
    /** Largest single-tile buffer (elements, 128 MiB of doubles); larger inputs are always tiled. */
    private static final long MAX_SINGLE = 1L << 24;
    /** Tile-length factors tried per axis: {@code 2^k · f}. */
    private static final int[] FACTORS = {1, 3, 5, 7, 9, 15};

    /** Per-axis tile FFT length {@code length}, lags per tile {@code lags} and tile count {@code count}. */
    record Tiling(int[] length, int[] lags, int[] count) {

        /**
         * Modelled single-thread time (ns) of the cross term: per tile a forward and an inverse real FFT, the
         * spectrum product and the copies; with {@code oneShot} also the template's forward FFT.
         */
        double cost(boolean oneShot) {
            double size = (double) length[0] * length[1] * length[2];
            double tiles = (double) count[0] * count[1] * count[2];
            double fft = fftPairCost(size);
            return tiles * (fft + COPY_COST * size) + (oneShot ? fft / 2 : 0);
        }
    }

    /**
     * Measured time per element of a forward + inverse real FFT pair, divided by log2(size), in ns: small
     * transforms run from cache, large ones (beyond {@link #CACHE_SIZE} elements) are memory bound.
     */
    static final double FFT_SMALL = 1.25;
    /** As {@link #FFT_SMALL} for transforms larger than {@link #CACHE_SIZE} elements. */
    static final double FFT_LARGE = 2.4;
    /** Transforms up to this many real elements count as cache-resident. */
    static final double CACHE_SIZE = 1 << 20;
    /** Per-element time (ns) of a tile's copy in, spectrum product and copy out. */
    static final double COPY_COST = 2.0;

    static double fftPairCost(double size) {
        double perLog = size <= CACHE_SIZE ? FFT_SMALL
                : FFT_SMALL + (FFT_LARGE - FFT_SMALL) * Math.min(1.0, Math.log(size / CACHE_SIZE) / Math.log(16));
        return perLog * size * Math.max(1.0, Math.log(size) / Math.log(2));
    }

    private final Tiling tiling;
    private final RealFft fft;
    private final double[] specRe;
    private final double[] specIm;

    FftCrossTerm(Geometry g, double[] centredTemplate, Tiling tiling, int threads) {
        super(g);
        this.tiling = tiling;
        this.fft = RealFft.of(g.narrow(tiling.length));
        int[] l = tiling.length;
        int[] m = g.template;
        double[] padded = new double[l[0] * l[1] * l[2]];
        for (int z = 0; z < m[0]; z++) {
            for (int y = 0; y < m[1]; y++) {
                System.arraycopy(centredTemplate, (z * m[1] + y) * m[2], padded, (z * l[1] + y) * l[2], m[2]);
            }
        }
        specRe = new double[fft.spectrumSize()];
        specIm = new double[fft.spectrumSize()];
        fft.forward(padded, specRe, specIm, threads);
    }

    /** The tiling with explicit FFT lengths (a length {@code >= N - lagOrigin} means one tile on that axis). */
    static Tiling tiling(Geometry g, int[] tileLengths) {
        int[] l = Geometry.widen(tileLengths);
        int[] lags = new int[3];
        int[] count = new int[3];
        for (int a = 0; a < 3; a++) {
            int single = FastSizes.next(g.image[a] - g.lagOrigin[a]);
            if (l[a] >= single) {
                lags[a] = g.output[a];
                count[a] = 1;
            } else {
                if (l[a] < g.template[a]) {
                    throw new IllegalArgumentException("tile length " + l[a] + " is shorter than the template");
                }
                lags[a] = Math.min(g.output[a], l[a] - g.template[a] + 1);
                count[a] = (g.output[a] + lags[a] - 1) / lags[a];
            }
        }
        return new Tiling(l, lags, count);
    }

    /** The cheapest tiling by the cost model; depends only on the shapes (and whether it serves one image). */
    static Tiling chooseTiling(Geometry g, boolean oneShot) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            List<Integer> c = new ArrayList<>();
            int single = FastSizes.next(g.image[a] - g.lagOrigin[a]);
            c.add(single);
            for (int p = 1; p < single; p *= 2) {
                for (int f : FACTORS) {
                    long len = (long) p * f;
                    if (len >= 2L * g.template[a] && len < single && len <= MAX_TILE && !c.contains((int) len)) {
                        c.add((int) len);
                    }
                }
            }
            candidates.add(c);
        }
        Tiling best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int l0 : candidates.get(0)) {
            for (int l1 : candidates.get(1)) {
                for (int l2 : candidates.get(2)) {
                    Tiling t = tiling(g, new int[] {l0, l1, l2});
                    long size = (long) t.length[0] * t.length[1] * t.length[2];
                    boolean multi = t.count[0] * t.count[1] * t.count[2] > 1;
                    if (multi ? size > MAX_TILE : size > MAX_SINGLE && best != null) {
                        continue;
                    }
                    double cost = t.cost(oneShot);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = t;
                    }
                }
            }
        }
        return best;
    }

    /** Tiling chosen for this plan. */
    Tiling tiling() {
        return tiling;
    }

    @Override
    public void compute(double[] image, double offset, double[] out, int threads) {
        Geometry g = geometry;
        int[] c = tiling.count;
        int tiles = c[0] * c[1] * c[2];
        int inner = tiles == 1 ? threads : 1;
        int[] l = tiling.length;
        Parallel.forEachItem(threads, tiles, () -> new double[][] {new double[l[0] * l[1] * l[2]],
            new double[fft.spectrumSize()], new double[fft.spectrumSize()]}, (b, t) -> {
                int[] tile = {t / (c[1] * c[2]), (t / c[2]) % c[1], t % c[2]};
                runTile(g, image, offset, out, tile, b[0], b[1], b[2], inner);
            });
    }

    private void runTile(Geometry g, double[] image, double offset, double[] out, int[] tile, double[] buf, double[] re,
            double[] im, int threads) {
        int[] l = tiling.length;
        int[] b = tiling.lags;
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
        // Every element of the buffer is written: the image part minus the offset, zeros elsewhere (the buffer
        // holds the previous tile's inverse transform). Element-wise work, so a single tile spreads it over the
        // threads that its transforms use, with the same result.
        Parallel.forRange(threads, l[0] * l[1], 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = r / l[1];
                int y = r % l[1];
                int dst = r * l[2];
                if (z < len[0] && y < len[1]) {
                    int src = ((s[0] + z) * n[1] + s[1] + y) * n[2] + s[2];
                    for (int x = 0; x < len[2]; x++) {
                        buf[dst + x] = image[src + x] - offset;
                    }
                    Arrays.fill(buf, dst + len[2], dst + l[2], 0.0);
                } else {
                    Arrays.fill(buf, dst, dst + l[2], 0.0);
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
                System.arraycopy(buf, rowBase + start, out, dst, first);
                System.arraycopy(buf, rowBase, out, dst + first, lagsHere[2] - first);
            }
        });
    }

    @Override
    public String describe() {
        int[] c = tiling.count;
        return "fft tiles " + Arrays.toString(geometry.narrow(tiling.length)) + " x " + (c[0] * c[1] * c[2]);
    }
}
