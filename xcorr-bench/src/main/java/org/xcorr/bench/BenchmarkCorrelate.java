package org.xcorr.bench;

import java.util.concurrent.TimeUnit;
import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.javacpp.DoublePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.CorrelationOptions;
import org.xcorr.fft.FastSizes;

/**
 * Full 2-D cross-correlation {@code a ⋆ b} of an {@code image²} array with a {@code kernel²} array (output
 * {@code (image + kernel - 1)²}), xcorr {@code Correlation.correlate(FULL)} in double precision, against the
 * FFT floor: the three FFTW 3.3.10 transforms (FFTW_MEASURE, same threads) any FFT method needs at the padded
 * size {@code FastSizes.next(image + kernel - 1)}: r2c of both padded inputs and one c2r. The floor leaves out
 * padding, the spectrum product and cropping, which xcorr pays, so {@code time / floor} is its overhead over
 * FFTW's transforms (target: at most 1.5).
 *
 * <pre>
 * java -jar xcorr-bench/target/benchmarks.jar BenchmarkCorrelate -f 1 -wi 2 -i 3 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BenchmarkCorrelate {

    /** Side of {@code a}. */
    @Param({"2048"})
    public int image;

    /** Side of {@code b}. */
    @Param({"512"})
    public int kernel;

    /** Threads for both. */
    @Param({"2"})
    public int threads;

    private NdArray a;
    private NdArray b;
    private CorrelationOptions options;
    private FftwTriple fftw;

    @Setup
    public void setUp() {
        setUpXcorr();
        fftw = new FftwTriple(paddedSize(image, kernel), a.backingReal(), image, b.backingReal(), kernel, threads);
    }

    /**
     * Prepares xcorr's side only. {@link Profile} calls it instead of {@link #setUp()} so it measures the same
     * inputs and call without paying FFTW's MEASURE planning (seconds at 2560²), which it never runs.
     */
    void setUpXcorr() {
        a = NdArray.wrap(Inputs.uniform(image, image, 5), image, image);
        b = NdArray.wrap(Inputs.uniform(kernel, kernel, 6), kernel, kernel);
        options = CorrelationOptions.of(org.xcorr.correlate.Mode.FULL).withThreads(threads);
    }

    /** The FFT size of a full correlation: the next 2^a 3^b 5^c 7^d at or above the full output length. */
    static int paddedSize(int image, int kernel) {
        return FastSizes.next(image + kernel - 1);
    }

    @TearDown
    public void tearDown() {
        fftw.close();
    }

    @Benchmark
    public NdArray xcorrCorrelateFull() {
        return Correlation.correlate(a, b, options);
    }

    @Benchmark
    public void fftwThreeTransforms() {
        fftw.run();
    }

    /**
     * Two out-of-place r2c transforms of the zero-padded inputs and one c2r of the first spectrum, planned once.
     * The c2r overwrites its input spectrum (FFTW may for multi-dimensional c2r); the next r2c rewrites it.
     */
    static final class FftwTriple implements AutoCloseable {
        private final DoublePointer inA;
        private final DoublePointer inB;
        private final DoublePointer specA;
        private final DoublePointer specB;
        private final DoublePointer out;
        private final fftw3.fftw_plan forwardA;
        private final fftw3.fftw_plan forwardB;
        private final fftw3.fftw_plan inverse;

        FftwTriple(int n, double[] a, int na, double[] b, int nb, int threads) {
            synchronized (Fft2d.class) {
                fftw3.fftw_init_threads();
                fftw3.fftw_plan_with_nthreads(threads);
            }
            long real = (long) n * n;
            long spectrum = (long) n * (n / 2 + 1);
            inA = new DoublePointer(fftw3.fftw_malloc(8 * real));
            inB = new DoublePointer(fftw3.fftw_malloc(8 * real));
            out = new DoublePointer(fftw3.fftw_malloc(8 * real));
            specA = new DoublePointer(fftw3.fftw_malloc(16 * spectrum));
            specB = new DoublePointer(fftw3.fftw_malloc(16 * spectrum));
            int flags = (int) fftw3.FFTW_MEASURE;
            forwardA = fftw3.fftw_plan_dft_r2c_2d(n, n, inA, specA, flags);
            forwardB = fftw3.fftw_plan_dft_r2c_2d(n, n, inB, specB, flags);
            inverse = fftw3.fftw_plan_dft_c2r_2d(n, n, specA, out, flags);
            // planning with MEASURE overwrites the arrays: fill them afterwards
            fillPadded(inA, a, na, n);
            fillPadded(inB, b, nb, n);
        }

        private static void fillPadded(DoublePointer dst, double[] src, int side, int n) {
            double[] padded = new double[n * n];
            for (int r = 0; r < side; r++) {
                System.arraycopy(src, r * side, padded, r * n, side);
            }
            dst.put(padded);
        }

        void run() {
            fftw3.fftw_execute(forwardA);
            fftw3.fftw_execute(forwardB);
            fftw3.fftw_execute(inverse);
        }

        @Override
        public void close() {
            fftw3.fftw_destroy_plan(forwardA);
            fftw3.fftw_destroy_plan(forwardB);
            fftw3.fftw_destroy_plan(inverse);
            for (DoublePointer p : new DoublePointer[] {inA, inB, out, specA, specB}) {
                fftw3.fftw_free(p);
            }
        }
    }
}
