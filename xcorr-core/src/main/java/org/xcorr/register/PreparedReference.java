package org.xcorr.register;

import java.util.Arrays;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.RealFft;
import org.xcorr.peak.Subpixel;

/**
 * Unmasked phase correlation against one reference, many times: the reference's spectrum and energy are
 * computed once by {@link #prepare}, then each {@link #register(NdArray, int)} costs one forward and one
 * inverse transform of the moving image plus the upsampled refinement, instead of three transforms. Used to
 * align every frame of a stack to one reference.
 *
 * <p>Each call gives bit for bit what {@link PhaseCorrelation#register(NdArray, NdArray, RegistrationOptions)}
 * gives for the same reference, moving image and options (the same arithmetic in the same order; a test
 * holds the two together), plus the height of the correlation peak. Thread-safe: one prepared reference may
 * serve concurrent calls.
 */
public final class PreparedReference {

    private static final double EPS = Math.ulp(1.0);

    private final int[] shape;
    private final RegistrationOptions options;
    private final RealFft fft;
    private final double[] fRe;
    private final double[] fIm;
    private final double referenceEnergy;

    /**
     * Result of one registration.
     *
     * @param shift     as {@link Registration#shift()}: shifting the moving image by it aligns it with the reference
     * @param error     as {@link Registration#error()}
     * @param phaseDiff as {@link Registration#phaseDiff()}
     * @param peakValue height of the correlation peak, {@code |CCmax| / N} ({@code N} pixels): with
     *                  {@link Normalization#PHASE} it lies in [0, 1], 1 for an exact (circular) translation and
     *                  near 0 when nothing matches — a usable quality number, unlike {@code error}, which is
     *                  close to 1 under phase normalization; with {@link Normalization#NONE} it is the raw
     *                  correlation {@code Σ reference·moving} at the peak divided by {@code N}
     */
    public record Result(double[] shift, double error, double phaseDiff, double peakValue) {
        /** Copies {@code shift}. */
        public Result {
            shift = shift.clone();
        }

        /** A copy of the shift. */
        @Override
        public double[] shift() {
            return shift.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(shift, r.shift) && Double.compare(error, r.error) == 0
                    && Double.compare(phaseDiff, r.phaseDiff) == 0 && Double.compare(peakValue, r.peakValue) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(shift) * 31 + Double.hashCode(error) * 17 + Double.hashCode(peakValue);
        }

        @Override
        public String toString() {
            return "Result[shift=" + Arrays.toString(shift) + ", error=" + error + ", phaseDiff=" + phaseDiff
                    + ", peakValue=" + peakValue + "]";
        }
    }

    private PreparedReference(NdArray reference, RegistrationOptions options) {
        this.shape = reference.shape();
        this.options = options;
        this.fft = RealFft.of(shape);
        this.fRe = new double[fft.spectrumSize()];
        this.fIm = new double[fft.spectrumSize()];
        int threads = options.threads();
        fft.forward(reference.backingReal(), fRe, fIm, threads);
        if (!Double.isFinite(fRe[0]) || !Double.isFinite(fIm[0])) {
            reference.requireFinite("reference");
        }
        this.referenceEnergy = PhaseCorrelation.sumsOfSquares(reference.backingReal(), reference.backingReal(),
                threads)[0];
    }

    /**
     * Transforms {@code reference} once for later registrations.
     *
     * @param reference real array, 1-3 axes, finite
     * @param options   upsample factor, normalization, max shift, threads (used here and as the default of
     *                  {@link #register(NdArray)}); {@code subpixel} must be NONE, {@code keepSurface} is ignored
     * @throws IllegalArgumentException for complex or non-finite input, a sub-pixel method, or a max shift of
     *                                  the wrong length
     */
    public static PreparedReference prepare(NdArray reference, RegistrationOptions options) {
        if (reference == null) {
            throw new IllegalArgumentException("reference must not be null");
        }
        if (reference.isComplex()) {
            throw new IllegalArgumentException("reference must be real, got a complex array");
        }
        if (options.subpixel() != Subpixel.NONE) {
            throw new IllegalArgumentException("subpixel " + options.subpixel()
                    + " applies to masked registration only; use upsampleFactor for sub-pixel phase correlation");
        }
        if (options.maxShift() != null) {
            LagBounds.check(options.maxShift(), reference.rank());
        }
        return new PreparedReference(reference, options);
    }

    /** Shape of the reference (a copy); moving images must have it. */
    public int[] shape() {
        return shape.clone();
    }

    /** {@link #register(NdArray, int)} with the prepared options' thread count. */
    public Result register(NdArray moving) {
        return register(moving, options.threads());
    }

    /**
     * Registers {@code moving} onto the reference (see {@link PhaseCorrelation} for the definition).
     *
     * @param moving  real array of the reference's shape, finite
     * @param threads threads for this call's transforms (>= 1); the result does not depend on it
     * @throws IllegalArgumentException for a different shape, complex or non-finite input
     */
    public Result register(NdArray moving, int threads) {
        Parallel.checkThreads(threads);
        if (moving == null) {
            throw new IllegalArgumentException("moving must not be null");
        }
        if (moving.isComplex()) {
            throw new IllegalArgumentException("moving must be real, got a complex array");
        }
        if (!Arrays.equals(shape, moving.shape())) {
            throw new IllegalArgumentException("reference " + NdArray.shapeString(shape) + " and moving "
                    + moving.shapeString() + " must have the same shape");
        }
        int d = shape.length;
        int size = moving.size();
        int spectrum = fft.spectrumSize();
        double[] pRe = new double[spectrum];
        double[] pIm = new double[spectrum];
        double[] gRe = new double[spectrum];
        double[] gIm = new double[spectrum];
        fft.forward(moving.backingReal(), gRe, gIm, threads);
        if (!Double.isFinite(gRe[0]) || !Double.isFinite(gIm[0])) {
            moving.requireFinite("moving");
        }
        boolean phase = options.normalization() == Normalization.PHASE;
        // the same products as PhaseCorrelation.register, written to fresh arrays so F stays for the next call
        Parallel.forRange(threads, spectrum, 4096, (from, to) -> {
            if (phase) {
                double floor = 100 * EPS;
                for (int k = from; k < to; k++) {
                    double fr = fRe[k];
                    double fi = fIm[k];
                    double re = fr * gRe[k] + fi * gIm[k];
                    double im = fi * gRe[k] - fr * gIm[k];
                    double scale = 1.0 / Math.max(Math.sqrt(re * re + im * im), floor);
                    pRe[k] = re * scale;
                    pIm[k] = im * scale;
                }
            } else {
                for (int k = from; k < to; k++) {
                    double fr = fRe[k];
                    double fi = fIm[k];
                    pRe[k] = fr * gRe[k] + fi * gIm[k];
                    pIm[k] = fi * gRe[k] - fr * gIm[k];
                }
            }
        });
        double[] correlation = new double[size];
        fft.inverse(pRe, pIm, correlation, threads);
        double[] maxShift = options.maxShift();
        int peak = maxShift == null ? PhaseCorrelation.argmaxAbs(correlation, threads)
                : LagBounds.argmaxAbsWithin(correlation, shape, maxShift);
        long[] integerShift = new long[d];
        int rem = peak;
        for (int a = d - 1; a >= 0; a--) {
            int j = rem % shape[a];
            rem /= shape[a];
            integerShift[a] = j > shape[a] / 2 ? j - shape[a] : j;
        }
        double sourceEnergy = referenceEnergy;
        double targetEnergy = PhaseCorrelation.sumsOfSquares(moving.backingReal(), moving.backingReal(),
                threads)[0];
        double[] shift = new double[d];
        double ccRe;
        double ccIm;
        double peakValue;
        int u = options.upsampleFactor();
        if (u == 1) {
            for (int a = 0; a < d; a++) {
                shift[a] = integerShift[a];
            }
            ccRe = correlation[peak];
            ccIm = 0;
            peakValue = Math.abs(ccRe);
        } else {
            int m = (3 * u + 1) / 2; // ceil(1.5 u)
            int dftshift = m / 2;
            double[][] cc = UpsampledDft.evaluate(pRe, pIm, shape, integerShift, u, m, dftshift, threads);
            int best = 0;
            double bestValue = -1;
            for (int i = 0; i < cc[0].length; i++) {
                if (maxShift != null && !LagBounds.gridPointWithin(i, d, m, dftshift, u, integerShift, maxShift)) {
                    continue;
                }
                double v = cc[0][i] * cc[0][i] + cc[1][i] * cc[1][i];
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            ccRe = cc[0][best];
            ccIm = cc[1][best];
            rem = best;
            for (int a = d - 1; a >= 0; a--) {
                int i = rem % m;
                rem /= m;
                shift[a] = integerShift[a] + (i - dftshift) / (double) u;
            }
            sourceEnergy *= size;
            targetEnergy *= size;
            // the upsampled DFT is unnormalized: the same correlation as the u = 1 surface times N
            peakValue = Math.hypot(ccRe, ccIm) / size;
        }
        for (int a = 0; a < d; a++) {
            if (shape[a] == 1) {
                shift[a] = 0;
            }
        }
        double amplitude = sourceEnergy * targetEnergy;
        double error = amplitude == 0 ? Double.NaN
                : Math.sqrt(Math.abs(1 - (ccRe * ccRe + ccIm * ccIm) / amplitude));
        double phaseDiff = Math.atan2(ccIm, ccRe);
        return new Result(shift, error, phaseDiff, peakValue);
    }
}
