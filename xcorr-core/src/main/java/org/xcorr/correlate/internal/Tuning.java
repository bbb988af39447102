package org.xcorr.correlate.internal;

/**
 * Every tuning constant of the correlation planner, in one place (as EJML keeps its thresholds in
 * {@code EjmlParameters}). None of them changes a result beyond rounding: they decide between the direct sum and
 * FFT tiles, the tile lengths, and how work is cut for threads. Every choice depends on shapes only, never on the
 * thread count, so results are bit-identical for any number of threads.
 *
 * <p>Times are modelled single-thread nanoseconds on the reference machine (a shared 2-core AMD EPYC with AVX2,
 * JDK 17, where they were measured); re-measure them when the FFT or the direct kernel changes
 * ({@code xcorr-bench}: {@code NccTilings}, {@code NccSweep}).
 */
public final class Tuning {

    private Tuning() {
    }

    /**
     * Time of one real multiply-add of the direct kernel, ns: measured 0.15-0.17 on 1024² images with 8² to 16²
     * templates (calibration: {@code xcorr-bench/RESULTS.md}, "Numbers moved from the javadoc"). A complex product costs 2 (one complex input) or 4
     * (both) real ones.
     */
    public static final double DIRECT_COST = 0.16;

    /**
     * Direct kernel overhead per output element (zeroing, copying out), ns: an estimate (one pass over the output,
     * not measured on its own), so that the model never finds a huge, nearly empty direct sum free.
     */
    public static final double DIRECT_OUTPUT_COST = 0.3;

    /**
     * Time per element of a forward plus inverse real FFT pair, divided by {@code log2(size)}, ns, for transforms
     * that run from cache (up to {@link #CACHE_SIZE} elements).
     */
    public static final double FFT_SMALL = 1.25;

    /** As {@link #FFT_SMALL} for memory-bound transforms, 16 times {@link #CACHE_SIZE} and beyond (interpolated). */
    public static final double FFT_LARGE = 2.4;

    /** Transforms up to this many real elements count as cache-resident. */
    public static final double CACHE_SIZE = 1 << 20;

    /**
     * Cost of a complex FFT pair relative to a real pair of the same size: the real transform computes half the
     * spectrum, so twice the work by operation count (not measured separately; complex inputs are rare).
     */
    public static final double COMPLEX_FFT_FACTOR = 2.0;

    /**
     * Per-element time of a tile's copy in, spectrum product and copy out, ns. The fused pipeline of real 1-D and
     * 2-D tiles copies rows through in-cache staging instead of whole padded buffers and skips the zero rows; the
     * constant was kept (not re-measured for it), since it charges all tilings alike and moves no choice between
     * one tile and several for the shapes benchmarked.
     */
    public static final double COPY_COST = 2.0;

    /**
     * Largest tile (elements) when the output is cut into several tiles (16 MiB of doubles): bounds the
     * per-thread buffers, so a correlation's memory is its output plus a few tiles, whatever its size.
     */
    public static final int MAX_TILE = 1 << 21;

    /**
     * Largest single tile (elements, 128 MiB of doubles): a whole-output transform up to this size is used when
     * the model finds it cheapest (a large template makes tiles costly: each must hold it twice); larger outputs
     * are always tiled, unless no tiling within {@link #MAX_TILE} exists (a template too large for any tile). So
     * the memory of a real 1-D or 2-D correlation is its input and output plus one tile half spectrum (at most
     * this many complex values over two) and the kernel's: the fused tile pipeline holds no padded copy of the
     * image or the result, and a one-shot single tile only the half spectra of the kernel's rows. For
     * {@code correlate} full 2048² ⋆ 512² (one tile of 2560²) smaller tiles took nearly twice as long, so a lower
     * bound here would trade speed for memory (calibration and the smallest heaps: {@code xcorr-bench/RESULTS.md},
     * "Numbers moved from the javadoc" and "Fused tile pipeline").
     */
    public static final long MAX_SINGLE = 1L << 24;

    /**
     * Tile size aimed at (samples) by {@code ncc.TemplateSet}, whose tiles hold one image spectrum shared by every
     * template: half of {@link #MAX_TILE}, so a set's per-thread buffers stay within a single template's bound.
     */
    public static final int TEMPLATE_SET_TILE = MAX_TILE / 2;

    /** Tile lengths tried per axis: {@code 2^k · f} for these {@code f} (all fast lengths). */
    static final int[] TILE_FACTORS = {1, 3, 5, 7, 9, 15};

    /** Longest run of output columns of the direct kernel (its accumulator stays in L1). */
    static final int DIRECT_RUN = 512;

    /** Doubles of shifted image-row copies per thread in the direct kernel (512 KiB, L2-resident). */
    static final int DIRECT_RING = 1 << 16;

    /**
     * Shortest run of output columns worth a ring of shifted copies: a kernel of more than
     * {@code DIRECT_RING / DIRECT_MIN_RUN} samples reads its image segments in place instead.
     */
    static final int DIRECT_MIN_RUN = 64;

    /** Multiply-adds below which a direct chunk of rows is not split further over threads. */
    static final int DIRECT_MIN_WORK = 1 << 16;

    /** The direct kernel cuts its output rows into at most this many fixed items (independent of threads). */
    static final int DIRECT_ITEMS = 32;

    /** Elements per chunk of an element-wise pass over a whole spectrum (the complex tiles' product). */
    static final int ELEMENTS_PER_CHUNK = 1 << 14;

    /** Rows per chunk of a tile's element-wise passes (copy in, copy out) when one tile uses several threads. */
    static final int TILE_ROWS_PER_CHUNK = 64;
}
