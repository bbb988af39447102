package org.xcorr.correlate.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.ComplexFft;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.FusedTile;
import org.xcorr.fft.RealFft;

/**
 * Correlation by overlap-save FFT tiles. The output lags are cut into tiles of {@code B} lags per axis; a tile
 * whose first lag is {@code k0} reads the image samples it needs ({@code J[k0 + x]}, {@code x < B + M - 1}; zero
 * outside a linear axis, wrapped on a circular one) as a tile of FFT length {@code L >= B + M - 1} (zero past
 * them), multiplies its spectrum by the conjugate kernel spectrum (prepared once per plan, at the tile length)
 * and keeps the {@code B} lags free of wrap-around. Along an axis where one tile is cheapest, the tile holds the
 * whole output, padded to a fast length; on a circular axis one tile may also be exactly the period {@code N},
 * whose wrap-around is the periodic correlation itself.
 *
 * <p>Real 1-D and 2-D tiles (every real correlation of rank up to 2, so {@code correlate}, NCC and {@code match})
 * run through the fused pipeline of {@link FusedTile}: the real row transforms read the image rows in place (minus
 * the offset) and skip the rows of zero padding, each block of spectrum columns is transformed, multiplied by the
 * kernel's conjugate spectrum and transformed back while it is in cache, and the inverse row transforms write the
 * kept lags straight into the output. Nothing but the tile's half spectrum is held between the passes: no padded
 * copy of the image, the result or (for a plan that serves one image with one tile, as {@code correlate} does) the
 * kernel, whose column transforms then run per block from the half spectra of its own rows. 3-D real tiles go
 * through a padded buffer and {@link RealFft#correlate}, complex tiles through the complex FFT.
 *
 * <p>Tiles are independent, so they run in parallel, each by the same arithmetic whatever the thread count (a
 * single tile spreads its transforms over the threads instead, again with the same result). Memory (real 1-D and
 * 2-D): the output, the kernel spectrum at tile size (or only its rows' half spectra, one-shot) and one tile half
 * spectrum per thread, taken from {@link ScratchPool} and given back, so repeated calls allocate no scratch;
 * several tiles are at most {@link Tuning#MAX_TILE} elements each, one tile at most {@link Tuning#MAX_SINGLE}.
 */
final class TiledFftPlan extends CorrelationPlan {

    /**
     * Per-axis tile FFT length {@code length}, lags per tile {@code lags} and tile count {@code count} (three
     * axes).
     */
    record Tiling(int[] length, int[] lags, int[] count) {

        /** Elements of one tile. */
        long size() {
            return (long) length[0] * length[1] * length[2];
        }

        /** Number of tiles. */
        long tiles() {
            return (long) count[0] * count[1] * count[2];
        }

        /**
         * Modelled single-thread time (ns): per tile a forward and an inverse FFT, the spectrum product and the
         * copies; with {@code oneShot} also the kernel's forward FFT. Non-fast lengths (only a circular period
         * tile has them) are charged as Bluestein's three transforms of {@code next(2L - 1)}.
         */
        double cost(boolean complex, boolean oneShot) {
            double effective = 1;
            for (int l : length) {
                effective *= FastSizes.isFast(l) ? l : 3.0 * FastSizes.next(2 * l - 1);
            }
            double fft = fftPairCost(effective) * (complex ? Tuning.COMPLEX_FFT_FACTOR : 1.0);
            return tiles() * (fft + Tuning.COPY_COST * size()) + (oneShot ? fft / 2 : 0);
        }
    }

    /**
     * Modelled time (ns) of a forward plus inverse real FFT pair of {@code size} elements:
     * {@code perLog · size · log2(size)}, {@code perLog} from {@link Tuning#FFT_SMALL} (cache-resident) rising to
     * {@link Tuning#FFT_LARGE} at 16 times {@link Tuning#CACHE_SIZE}.
     */
    static double fftPairCost(double size) {
        double perLog = size <= Tuning.CACHE_SIZE ? Tuning.FFT_SMALL
                : Tuning.FFT_SMALL + (Tuning.FFT_LARGE - Tuning.FFT_SMALL)
                        * Math.min(1.0, Math.log(size / Tuning.CACHE_SIZE) / Math.log(16));
        return perLog * size * Math.max(1.0, Math.log(size) / Math.log(2));
    }

    private final Tiling tiling;
    private final boolean complex;
    /** Real 1-D and 2-D tiles: the fused pipeline and the kernel prepared for it (else null). */
    private final FusedTile fused;
    private final FusedTile.Kernel fusedKernel;
    /** Real 3-D tiles (a padded buffer through {@link RealFft#correlate}), else null. */
    private final RealFft realFft;
    /** Complex tiles, else null. */
    private final ComplexFft complexFft;
    /** The kernel spectrum of the padded-buffer paths (3-D real, complex), else null. */
    private final double[] specRe;
    private final double[] specIm;

    /**
     * @param oneShot the plan serves one image: a single real 2-D tile then keeps only the half spectra of the
     *                kernel's rows and transforms their columns during the call (no whole padded kernel spectrum)
     */
    TiledFftPlan(Geometry g, double[] kernelRe, double[] kernelIm, boolean complex, Tiling tiling, boolean oneShot,
            int threads) {
        super(g, kernelIm != null);
        this.tiling = tiling;
        this.complex = complex;
        int[] l = tiling.length;
        int[] shape = g.narrow(l);
        int size = l[0] * l[1] * l[2];
        if (!complex && l[0] == 1) {
            fused = FusedTile.of(l[1], l[2]);
            fusedKernel = fused.prepare(kernelRe, g.template[1], g.template[2], !(oneShot && tiling.tiles() == 1),
                    threads);
            realFft = null;
            complexFft = null;
            specRe = null;
            specIm = null;
            return;
        }
        fused = null;
        fusedKernel = null;
        double[] re = pad(kernelRe, g.template, l);
        if (complex) {
            realFft = null;
            complexFft = ComplexFft.of(shape);
            double[] im = kernelIm == null ? new double[size] : pad(kernelIm, g.template, l);
            complexFft.forward(re, im, threads);
            specRe = re;
            specIm = im;
        } else {
            realFft = RealFft.of(shape);
            complexFft = null;
            specRe = new double[realFft.spectrumSize()];
            specIm = new double[realFft.spectrumSize()];
            realFft.forward(re, specRe, specIm, threads);
        }
    }

    /** {@code x} (widened shape {@code s}) in the corner of a zero array of widened shape {@code l}. */
    private static double[] pad(double[] x, int[] s, int[] l) {
        double[] p = new double[l[0] * l[1] * l[2]];
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                System.arraycopy(x, (z * s[1] + y) * s[2], p, (z * l[1] + y) * l[2], s[2]);
            }
        }
        return p;
    }

    /**
     * The tile length from which one tile holds every output lag of axis {@code a} without wrap-around: the lags
     * plus the template length minus one; when the first lag {@code k0} is negative, the zeros before the image
     * need no room, so it is enough that the last read index {@code lags + M - 2 + k0} stays below the length and
     * that the samples read, {@code min(N, k0 + lags + M - 1)}, wrap from index {@code k0} onto zeros. At least
     * the template.
     */
    static int singleLength(Geometry g, int a) {
        long lags = g.output[a];
        long m = g.template[a];
        long k0 = g.lagOrigin[a];
        long need = lags + m - 1;
        if (!g.circular && k0 < 0) {
            need = Math.max(lags + m - 1 + k0, Math.min(g.image[a], k0 + lags + m - 1) - k0);
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(need, m));
    }

    /**
     * The tiling with explicit widened FFT lengths: a length at least {@link #singleLength} (or, on a circular
     * axis, equal to the period) means one tile on that axis; a shorter one must hold the template.
     */
    static Tiling tiling(Geometry g, int[] l) {
        int[] lags = new int[3];
        int[] count = new int[3];
        for (int a = 0; a < 3; a++) {
            boolean period = g.circular && l[a] == g.image[a] && g.output[a] <= g.image[a];
            if (period || l[a] >= singleLength(g, a)) {
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
        return new Tiling(l.clone(), lags, count);
    }

    /**
     * The cheapest tiling by the cost model among single tiles (a fast length, or the period on a circular axis)
     * and tiles of {@code 2^k · f} elements per axis ({@link Tuning#TILE_FACTORS}) that hold the template twice.
     * Several tiles are at most {@link Tuning#MAX_TILE} elements; a single tile at most
     * {@link Tuning#MAX_SINGLE} unless nothing else fits. Depends only on the shapes.
     */
    static Tiling chooseTiling(Geometry g, boolean complex) {
        // the search costs 0.2-0.4 ms for small templates (a few per cent of a 1024² NCC call, paid by every
        // one-shot call); it depends on the shapes alone, so repeated calls on one shape look it up
        String key = complex + " " + g.circular + " " + Arrays.toString(g.image) + Arrays.toString(g.template)
                + Arrays.toString(g.lagOrigin) + Arrays.toString(g.output);
        Tiling known = CHOSEN.get(key);
        if (known != null) {
            return known;
        }
        Tiling chosen = searchTiling(g, complex);
        if (CHOSEN.size() >= CHOSEN_LIMIT) {
            // a service that sees ever new shapes keeps a bounded table
            CHOSEN.clear();
        }
        CHOSEN.put(key, chosen);
        return chosen;
    }

    /** Tilings chosen so far, by shapes ({@link #chooseTiling}); their arrays are never written after the search. */
    private static final Map<String, Tiling> CHOSEN = new ConcurrentHashMap<>();
    private static final int CHOSEN_LIMIT = 256;

    /** The search of {@link #chooseTiling}. */
    static Tiling searchTiling(Geometry g, boolean complex) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            List<Integer> c = new ArrayList<>();
            int single = FastSizes.next(Math.max(1, singleLength(g, a)));
            c.add(single);
            if (g.circular && g.output[a] <= g.image[a] && !c.contains(g.image[a])) {
                c.add(g.image[a]);
            }
            for (int p = 1; p < single; p *= 2) {
                for (int f : Tuning.TILE_FACTORS) {
                    long len = (long) p * f;
                    if (len >= 2L * g.template[a] && len < single && len <= Tuning.MAX_TILE
                            && !c.contains((int) len)) {
                        c.add((int) len);
                    }
                }
            }
            candidates.add(c);
        }
        Tiling best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Tiling fallback = null;
        double fallbackCost = Double.POSITIVE_INFINITY;
        for (int l0 : candidates.get(0)) {
            for (int l1 : candidates.get(1)) {
                for (int l2 : candidates.get(2)) {
                    Tiling t = tiling(g, new int[] {l0, l1, l2});
                    double cost = t.cost(complex, false);
                    if (t.tiles() > 1 ? t.size() > Tuning.MAX_TILE : t.size() > Tuning.MAX_SINGLE) {
                        // over the memory bound: only if nothing within it exists (a huge template)
                        if (cost < fallbackCost) {
                            fallbackCost = cost;
                            fallback = t;
                        }
                        continue;
                    }
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = t;
                    }
                }
            }
        }
        return best != null ? best : fallback;
    }

    /** Tiling chosen for this plan. */
    Tiling tiling() {
        return tiling;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    @Override
    public double tileRoundoff() {
        return 0x1p-53;
    }

    @Override
    public void compute(double[] imageRe, double[] imageIm, double offset, double[] outRe, double[] outIm,
            int threads) {
        int[] c = tiling.count;
        int tiles = c[0] * c[1] * c[2];
        int inner = tiles == 1 ? threads : 1;
        int[] l = tiling.length;
        int size = l[0] * l[1] * l[2];
        // per worker: the fused pipeline's half spectrum, or a padded tile buffer (and the spectrum pair of the
        // real 3-D path); taken from the pool and given back, so repeated calls allocate no scratch
        int[] lengths = fused != null ? new int[] {fused.spectrumSize(), fused.spectrumSize()}
                : complex ? new int[] {size, size}
                : new int[] {size, realFft.spectrumSize(), realFft.spectrumSize()};
        Queue<double[][]> taken = new ConcurrentLinkedQueue<>();
        try {
            Parallel.forEachItem(threads, tiles, () -> {
                double[][] b = new double[lengths.length][];
                for (int i = 0; i < b.length; i++) {
                    b[i] = ScratchPool.take(lengths[i]);
                }
                taken.add(b);
                return b;
            }, (b, t) -> {
                int[] tile = {t / (c[1] * c[2]), (t / c[2]) % c[1], t % c[2]};
                if (fused != null) {
                    runFusedTile(imageRe, offset, outRe, tile, b, inner);
                } else {
                    runTile(imageRe, imageIm, offset, outRe, outIm, tile, b, inner);
                }
            });
        } finally {
            for (double[][] b : taken) {
                for (double[] a : b) {
                    ScratchPool.give(a);
                }
            }
        }
    }

    /** Where one tile reads the image and writes the output, per axis. */
    static final class Window {
        private final Geometry geometry;
        /** First lag of the tile, image index of buffer position 0, samples read, lags kept. */
        final int[] k0 = new int[3];
        final int[] start = new int[3];
        final int[] len = new int[3];
        final int[] lags = new int[3];

        Window(Geometry g, Tiling tiling, int[] tile) {
            this.geometry = g;
            for (int a = 0; a < 3; a++) {
                int n = g.image[a];
                int m = g.template[a];
                k0[a] = g.lagOrigin[a] + tile[a] * tiling.lags[a];
                lags[a] = Math.min(tiling.lags[a], g.output[a] - tile[a] * tiling.lags[a]);
                if (g.circular) {
                    // the periodic image read from the tile's first lag on, up to the tile length
                    start[a] = k0[a];
                    len[a] = Math.min(tiling.length[a], lags[a] + m - 1);
                } else {
                    // zeros before the image need no room: lag j then sits at circular index j + k0 - start
                    start[a] = Math.max(k0[a], 0);
                    len[a] = Math.max(0, Math.min(n - start[a], k0[a] + lags[a] + m - 1 - start[a]));
                }
            }
        }

        /** Receives one contiguous run of kept lags: buffer index, output index, length. */
        interface Run {
            void copy(int src, int dst, int count);
        }

        /**
         * Calls {@code run} for every contiguous run of kept lags of this tile in the circular result of tile
         * lengths {@code l} (lag {@code j} sits at circular index {@code j + k0 - start}; at most two runs a row).
         */
        void forEachRun(int[] l, int threads, Run run) {
            int[] o = geometry.output;
            int[] base = new int[3];
            int[] shift = new int[3];
            for (int a = 0; a < 3; a++) {
                base[a] = k0[a] - geometry.lagOrigin[a];
                shift[a] = Math.floorMod(k0[a] - start[a], l[a]);
            }
            Parallel.forRange(threads, lags[0] * lags[1], Tuning.TILE_ROWS_PER_CHUNK, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int z = r / lags[1];
                    int y = r % lags[1];
                    int cz = (z + shift[0]) % l[0];
                    int cy = (y + shift[1]) % l[1];
                    int dst = ((base[0] + z) * o[1] + base[1] + y) * o[2] + base[2];
                    int rowBase = (cz * l[1] + cy) * l[2];
                    int first = Math.min(lags[2], l[2] - shift[2]);
                    run.copy(rowBase + shift[2], dst, first);
                    run.copy(rowBase, dst + first, lags[2] - first);
                }
            });
        }

        /** Image index along axis {@code a} of buffer position {@code x}, or -1 where there is no sample. */
        int source(int a, int x) {
            if (x >= len[a]) {
                return -1;
            }
            return geometry.circular ? Math.floorMod(start[a] + x, geometry.image[a]) : start[a] + x;
        }
    }

    /**
     * One real 1-D or 2-D tile through the fused pipeline: each tile row is copied from the image (minus
     * {@code offset}, wrapped on a circular axis, zero past the image) as the row transforms ask for it, and each
     * kept row of the result goes from the inverse row transform straight to its place in the output, rotated
     * from the tile's circular order; only the tile's half spectrum ({@code b[0]}, {@code b[1]}) is held between.
     */
    private void runFusedTile(double[] image, double offset, double[] out, int[] tile, double[][] b, int threads) {
        Window w = new Window(geometry, tiling, tile);
        int[] l = tiling.length;
        int[] n = geometry.image;
        int[] o = geometry.output;
        int z = w.source(0, 0);
        int len = w.len[2];
        FusedTile.RowSource source = (y, dst, at) -> {
            int iy = z < 0 ? -1 : w.source(1, y);
            if (iy < 0) {
                return false;
            }
            loadRow(image, (z * n[1] + iy) * n[2], n[2], w, len, offset, dst, at, l[2]);
            return true;
        };
        int base0 = w.k0[0] - geometry.lagOrigin[0];
        int base1 = w.k0[1] - geometry.lagOrigin[1];
        int base2 = w.k0[2] - geometry.lagOrigin[2];
        int shift1 = Math.floorMod(w.k0[1] - w.start[1], l[1]);
        int shift2 = Math.floorMod(w.k0[2] - w.start[2], l[2]);
        int lags = w.lags[2];
        int first = Math.min(lags, l[2] - shift2);
        FusedTile.RowSink sink = (y, src, at) -> {
            int dst = (base0 * o[1] + base1 + y) * o[2] + base2;
            System.arraycopy(src, at + shift2, out, dst, first);
            System.arraycopy(src, at, out, dst + first, lags - first);
        };
        fused.correlate(source, w.len[1], fusedKernel, b[0], b[1], shift1, w.lags[1], sink, threads);
    }

    private void runTile(double[] imageRe, double[] imageIm, double offset, double[] outRe, double[] outIm,
            int[] tile, double[][] b, int threads) {
        Window w = new Window(geometry, tiling, tile);
        double[] bufRe = b[0];
        // every element of the buffers is written: they hold the previous tile's inverse transform
        load(w, imageRe, offset, bufRe, threads);
        if (complex) {
            double[] bufIm = b[1];
            if (imageIm == null) {
                Arrays.fill(bufIm, 0.0);
            } else {
                load(w, imageIm, 0.0, bufIm, threads);
            }
            complexFft.forward(bufRe, bufIm, threads);
            multiplyConjugate(bufRe, bufIm, specRe, specIm, threads);
            complexFft.inverse(bufRe, bufIm, threads);
            store(w, bufRe, outRe, threads);
            store(w, bufIm, outIm, threads);
        } else {
            // 3-D: buf ← irfft(rfft(buf)·conj(kernel spectrum)) through a padded buffer
            realFft.correlate(bufRe, specRe, specIm, b[1], b[2], bufRe, threads);
            store(w, bufRe, outRe, threads);
        }
    }

    /** The tile's image samples minus {@code offset} into {@code buf}, zeros elsewhere. */
    private void load(Window w, double[] image, double offset, double[] buf, int threads) {
        int[] l = tiling.length;
        int[] n = geometry.image;
        Parallel.forRange(threads, l[0] * l[1], Tuning.TILE_ROWS_PER_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = w.source(0, r / l[1]);
                int y = w.source(1, r % l[1]);
                int dst = r * l[2];
                if (z < 0 || y < 0) {
                    Arrays.fill(buf, dst, dst + l[2], 0.0);
                    continue;
                }
                loadRow(image, (z * n[1] + y) * n[2], n[2], w, w.len[2], offset, buf, dst, l[2]);
            }
        });
    }

    /** The tile's kept lags from the circular result {@code buf} into the output. */
    private void store(Window w, double[] buf, double[] out, int threads) {
        w.forEachRun(tiling.length, threads, (src, dst, count) -> System.arraycopy(buf, src, out, dst, count));
    }

    /** {@code (ar + i ai) ← (ar + i ai) · conj(br + i bi)}, element by element. */
    private static void multiplyConjugate(double[] ar, double[] ai, double[] br, double[] bi, int threads) {
        Parallel.forRange(threads, ar.length, Tuning.ELEMENTS_PER_CHUNK, (from, to) -> {
            for (int k = from; k < to; k++) {
                double xr = ar[k];
                double xi = ai[k];
                double yr = br[k];
                double yi = bi[k];
                ar[k] = xr * yr + xi * yi;
                ai[k] = xi * yr - xr * yi;
            }
        });
    }

    @Override
    public String describe() {
        return (complex ? "complex " : "") + "fft tiles " + Arrays.toString(geometry.narrow(tiling.length)) + " x "
                + tiling.tiles();
    }

    /**
     * One tile row from image row {@code row} (its first element; {@code rowLength} long): the window's source
     * columns in runs (a run ends where the source column wraps), {@code offset} subtracted, written to
     * {@code dst[at ..]} and zero-filled up to {@code width}. Shared by the fused and the padded-buffer loads.
     */
    private static void loadRow(double[] image, int row, int rowLength, Window w, int len, double offset,
            double[] dst, int at, int width) {
        for (int x = 0; x < len; ) {
            int col = w.source(2, x);
            int count = Math.min(len - x, rowLength - col);
            int src = row + col;
            int d = at + x;
            for (int i = 0; i < count; i++) {
                dst[d + i] = image[src + i] - offset;
            }
            x += count;
        }
        Arrays.fill(dst, at + len, at + width, 0.0);
    }
}
