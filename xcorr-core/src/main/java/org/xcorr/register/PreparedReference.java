package org.xcorr.register;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.RealFft;

/**
 * Unmasked phase correlation against one reference, many times: the reference's spectrum and energy are
 * computed once by {@link #prepare}, then each {@link #register(NdArray, int)} costs one forward and one
 * inverse transform of the moving image plus the upsampled refinement, instead of three transforms. Used to
 * align every frame of a stack to one reference.
 *
 * <p>Each call gives bit for bit what {@link PhaseCorrelation#register(NdArray, NdArray, RegistrationOptions)}
 * gives for the same reference, moving image and options (the same arithmetic in the same order; a test
 * holds the two together), plus the height of the correlation peak.
 *
 * <p><b>Memory and threads.</b> A call needs two spectrum-sized arrays and one input-sized array of scratch
 * (for a {@code ny×nx} image {@code 2·ny·(nx/2+1) + ny·nx} doubles, 64 MiB at 2048²). The prepared reference
 * keeps them after the call and hands them to the next one, so repeated calls allocate no large array (only
 * the result, the upsampled grid and a few per-thread rows) and run at full speed under the JVM's default heap
 * sizing, which otherwise gives the heap back between calls and faults it in again page by page. Thread-safe:
 * one prepared reference may serve concurrent calls; each running call holds its own scratch set (taken from
 * the kept ones, or new), so the prepared reference keeps as many sets as calls ever ran on it at the same
 * time, until it is itself garbage. Results never depend on which set a call got: every element of the
 * scratch is written before it is read.
 */
public final class PreparedReference {

    private static final double EPS = Math.ulp(1.0);

    private final int[] shape;
    private final RegistrationOptions options;
    private final RealFft fft;
    private final double[] fRe;
    private final double[] fIm;
    /**
     * The upsampled DFT's centre-independent kernels, built by the first call that refines (a benign race: two
     * first calls build equal ones).
     */
    private volatile AxisKernel.Basis[] bases;
    /** Scratch sets of finished calls, for the next ones (see the class comment). */
    private final ConcurrentLinkedDeque<Workspace> spares = new ConcurrentLinkedDeque<>();
    private final double referenceEnergy;
    /** The reference as computed with (rescaled, not windowed), for the real-space overlap NCC. */
    private final NdArray reference;
    /** The reference's power-of-two rescaling. */
    private final ValueScale.Scaled scaled;

    /**
     * Result of one registration.
     *
     * @param shift     as {@link Registration#shift()}: shifting the moving image by it aligns it with the reference
     * @param error     as {@link Registration#error()}
     * @param phaseDiff as {@link Registration#phaseDiff()}
     * @param peakValue height of the correlation peak, {@code |CCmax| / N} ({@code N} pixels): with
     *                  {@link Normalization#PHASE} it lies in [0, 1], 1 for an exact (circular) translation and
     *                  near 0 when nothing matches — a usable quality number, unlike {@code error}, which is
     *                  close to 1 under phase normalization; with {@link Normalization#NONE} it is the
     *                  correlation at the peak divided by the images' norms,
     *                  {@code |Σ reference(n + s)·moving(n)| / sqrt(Σ reference²·Σ moving²)}, in [0, 1] (the
     *                  cosine similarity at the shift; 0 when an image is all zero)
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

    /**
     * Transforms the reference into {@code spectrumRe}, {@code spectrumIm} (null: new arrays) and keeps
     * {@code scratch} (null: none yet) for the first call, and {@code bases} (null: none yet; checked before use)
     * for the upsampled DFT.
     */
    private PreparedReference(NdArray reference, RegistrationOptions options, double[] spectrumRe,
            double[] spectrumIm, Workspace scratch, AxisKernel.Basis[] bases) {
        this.bases = bases;
        this.shape = reference.shape();
        this.options = options;
        int threads = options.threads();
        // The shift must not depend on the inputs' scale: values far from 1 are rescaled by a power of two
        // (exact, see ValueScale) so the spectra cannot overflow, and the normalization floor 100·eps is applied
        // in units where both inputs' largest magnitudes lie in [1, 2) (scaled by 2^(er + em) below), which
        // equals rescaling every input but copies none in the common case. The max-abs pass also checks
        // finiteness and sums the energy. Values are restored where units matter (the error's energies, the
        // unnormalized surface).
        Energy.Measured measured = Energy.measure(reference, "reference", threads);
        this.scaled = measured.scaled();
        this.reference = scaled.array();
        this.fft = RealFft.of(shape);
        this.fRe = spectrumRe != null ? spectrumRe : new double[fft.spectrumSize()];
        this.fIm = spectrumIm != null ? spectrumIm : new double[fft.spectrumSize()];
        NdArray windowed = options.window().apply(this.reference);
        fft.forward(windowed.backingReal(), fRe, fIm, threads);
        this.referenceEnergy = windowed == this.reference ? measured.energy()
                : Energy.of(windowed.backingReal(), threads);
        if (scratch != null) {
            spares.push(scratch);
        }
    }

    /**
     * Transforms {@code reference} once for later registrations.
     *
     * @param reference real array, 1-3 axes, finite
     * @param options   upsample factor, normalization, max shift, threads (used here and as the default of
     *                  {@link #register(NdArray)}); {@code keepSurface} is ignored
     * @throws IllegalArgumentException for complex or non-finite input, or a max shift of the wrong length
     */
    public static PreparedReference prepare(NdArray reference, RegistrationOptions options) {
        if (reference == null) {
            throw new IllegalArgumentException("reference must not be null");
        }
        if (reference.isComplex()) {
            throw new IllegalArgumentException("reference must be real, got a complex array");
        }
        if (options.maxShift() != null) {
            LagBounds.check(options.maxShift(), reference.rank());
        }
        return new PreparedReference(reference, options, null, null, null, null);
    }

    /**
     * One registration of {@code moving} onto {@code reference}, as {@code prepare(reference,
     * options).registration(moving, ...)}, with the reference's spectrum and the call's scratch taken from (and
     * given back to) a process-wide cache: repeated one-shot registrations of one size allocate no large array.
     * The cache holds one set (the reference spectrum and one scratch set, 96 MiB at 2048²), softly referenced
     * (the collector may clear it when memory is short); concurrent one-shot calls that find it taken allocate
     * their own.
     */
    static Registration once(NdArray reference, NdArray moving, RegistrationOptions options, int threads,
            boolean keepSurface, boolean quality) {
        if (options.maxShift() != null) {
            LagBounds.check(options.maxShift(), reference.rank());
        }
        long size = 1;
        int[] shape = reference.shape();
        for (int n : shape) {
            size *= n;
        }
        RealFft fft = RealFft.of(shape);
        OneShot cached = OneShot.take((int) size, fft.spectrumSize());
        PreparedReference prepared = null;
        try {
            prepared = new PreparedReference(reference, options, cached.fRe, cached.fIm, cached.scratch,
                    cached.bases);
            return prepared.registration(moving, threads, keepSurface, quality);
        } finally {
            // the one scratch set is back in the deque once the call is over, however it ended
            if (prepared == null || prepared.spares.poll() != null) {
                OneShot.give(new OneShot(cached.fRe, cached.fIm, cached.scratch,
                        prepared == null ? cached.bases : prepared.bases));
            }
        }
    }

    /**
     * The process-wide scratch of {@link #once}: a reference spectrum, one scratch set, and the last call's
     * upsampled-DFT kernels (null: none).
     */
    private record OneShot(double[] fRe, double[] fIm, Workspace scratch, AxisKernel.Basis[] bases) {

        private static final AtomicReference<SoftReference<OneShot>> SLOT = new AtomicReference<>();

        /** The cached set if it fits, else a new one (the cached one, if any, stays for a later call). */
        static OneShot take(int size, int spectrum) {
            SoftReference<OneShot> ref = SLOT.getAndSet(null);
            OneShot cached = ref == null ? null : ref.get();
            if (cached != null && cached.fRe.length == spectrum && cached.scratch.fits(size, spectrum)) {
                return cached;
            }
            if (cached != null) {
                SLOT.compareAndSet(null, ref);
            }
            return new OneShot(new double[spectrum], new double[spectrum], new Workspace(size, spectrum), null);
        }

        /** Keeps {@code set} for the next call (the last one given wins). */
        static void give(OneShot set) {
            SLOT.set(new SoftReference<>(set));
        }
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
        Registration r = registration(moving, threads, false, options.disambiguate());
        return new Result(r.shift(), r.error(), r.phaseDiff(), r.peakValue());
    }

    /**
     * The one unmasked phase-correlation engine, behind both {@link #register(NdArray, int)} and
     * {@link PhaseCorrelation#register(NdArray, NdArray, RegistrationOptions)}: cross-power spectrum, integer
     * peak (optionally disambiguated), upsampled refinement, error, phase difference and peak value.
     *
     * @param keepSurface return the fftshifted correlation surface
     * @param quality     compute the real-space overlap NCC at the answer (always done when disambiguating)
     */
    Registration registration(NdArray moving, int threads, boolean keepSurface, boolean quality) {
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
        int size = moving.size();
        int spectrum = fft.spectrumSize();
        Energy.Measured measured = Energy.measure(moving, "moving", threads);
        ValueScale.Scaled mov = measured.scaled();
        moving = mov.array();
        int unitExponent = scaled.exponent() == ValueScale.ZERO || mov.exponent() == ValueScale.ZERO ? 0
                : scaled.exponent() + mov.exponent();
        NdArray windowed = options.window().apply(moving);
        double movEnergy = windowed == moving ? measured.energy() : Energy.of(windowed.backingReal(), threads);
        Workspace ws = spares.poll();
        if (ws == null) {
            ws = new Workspace(size, spectrum);
        }
        try {
            return registration(moving, mov, movEnergy, windowed, unitExponent, ws, threads, keepSurface, quality);
        } finally {
            spares.push(ws);
        }
    }

    /** {@link #registration(NdArray, int, boolean, boolean)} once the inputs are checked and measured. */
    private Registration registration(NdArray moving, ValueScale.Scaled mov, double movEnergy, NdArray windowed,
            int unitExponent, Workspace ws, int threads, boolean keepSurface, boolean quality) {
        int d = shape.length;
        int size = moving.size();
        int spectrum = fft.spectrumSize();
        // G, then (in place) the cross-power spectrum P: F stays for the next call
        double[] pRe = ws.re;
        double[] pIm = ws.im;
        fft.forward(windowed.backingReal(), pRe, pIm, threads);
        boolean phase = options.normalization() == Normalization.PHASE;
        // cross-power product fused with its normalization; one loop per mode so the hot loop has no branch
        Parallel.forRange(threads, spectrum, 4096, (from, to) -> {
            if (phase) {
                double floor = ValueScale.scalb(100 * EPS, unitExponent);
                for (int k = from; k < to; k++) {
                    double fr = fRe[k];
                    double fi = fIm[k];
                    double gr = pRe[k];
                    double gi = pIm[k];
                    double re = fr * gr + fi * gi;
                    double im = fi * gr - fr * gi;
                    double scale = 1.0 / Math.max(Math.sqrt(re * re + im * im), floor);
                    pRe[k] = re * scale;
                    pIm[k] = im * scale;
                }
            } else {
                for (int k = from; k < to; k++) {
                    double fr = fRe[k];
                    double fi = fIm[k];
                    double gr = pRe[k];
                    double gi = pIm[k];
                    pRe[k] = fr * gr + fi * gi;
                    pIm[k] = fi * gr - fr * gi;
                }
            }
        });
        double[] correlation = ws.correlation;
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
        double[] check = null;
        if (options.disambiguate()) {
            Disambiguation.Choice choice = Disambiguation.choose(reference.backingReal(), moving.backingReal(),
                    shape, correlation, peak, integerShift, options, threads);
            peak = choice.peak();
            integerShift = choice.shift();
            check = new double[] {choice.ncc(), choice.overlap()};
        }
        double sourceEnergy = referenceEnergy;
        double targetEnergy = movEnergy;
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
            if (!phase) {
                peakValue = normalized(peakValue, sourceEnergy, targetEnergy);
            }
        } else {
            int m = (3 * u + 1) / 2; // ceil(1.5 u)
            int dftshift = m / 2;
            UpsampleBound.checkWork(u, m, dftshift, shape);
            AxisKernel.Basis[] kernels = bases;
            if (!fits(kernels, u, m, dftshift)) {
                kernels = UpsampledDft.bases(shape, u, m, dftshift);
                bases = kernels;
            }
            ComplexArray cc = UpsampledDft.evaluate(new ComplexArray(pRe, pIm), shape, integerShift, kernels, threads);
            int best = 0;
            double bestValue = -1;
            for (int i = 0; i < cc.length(); i++) {
                if (maxShift != null && !LagBounds.gridPointWithin(i, d, m, dftshift, u, integerShift, maxShift)) {
                    continue;
                }
                double v = cc.re()[i] * cc.re()[i] + cc.im()[i] * cc.im()[i];
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            ccRe = cc.re()[best];
            ccIm = cc.im()[best];
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
            if (!phase) {
                peakValue = normalized(peakValue, sourceEnergy / size, targetEnergy / size);
            }
        }
        for (int a = 0; a < d; a++) {
            if (shape[a] == 1) {
                shift[a] = 0;
            }
        }
        double amplitude = sourceEnergy * targetEnergy;
        double ratio = (ccRe * ccRe + ccIm * ccIm) / amplitude;
        if (phase) {
            // the normalized CCmax has no units but the energies do: back to the inputs' own units
            ratio = ValueScale.scalb(ratio, 2 * (scaled.shift() + mov.shift()));
        }
        double error = amplitude == 0 ? Double.NaN : Math.sqrt(Math.abs(1 - ratio));
        double phaseDiff = Math.atan2(ccIm, ccRe);
        double overlapNcc = Double.NaN;
        long overlap = 0;
        if (quality || check != null) {
            long[] nearest = new long[d];
            for (int a = 0; a < d; a++) {
                nearest[a] = Math.round(shift[a]);
            }
            double[] q = Arrays.equals(nearest, integerShift) && check != null ? check
                    : Disambiguation.overlapNcc(reference.backingReal(), moving.backingReal(), shape, nearest,
                            threads);
            overlapNcc = q[0];
            overlap = (long) q[1];
        }
        NdArray surface = null;
        if (keepSurface) {
            double[] shifted = PhaseCorrelation.fftshift(correlation, shape);
            int unscale = phase ? 0 : -(scaled.shift() + mov.shift());
            for (int i = 0; unscale != 0 && i < shifted.length; i++) {
                shifted[i] = ValueScale.scalb(shifted[i], unscale);
                if (Double.isInfinite(shifted[i])) {
                    throw new IllegalArgumentException("the correlation surface exceeds the double range (about"
                            + " 1.8e308); scale the inputs down or use phase normalization");
                }
            }
            surface = NdArray.wrap(shifted, shape);
        }
        return new Registration(shift, error, phaseDiff, surface, peakValue, overlapNcc, overlap);
    }

    /** Whether {@code kernels} (null: none) are the upsampled DFT's kernels for this shape and grid. */
    private boolean fits(AxisKernel.Basis[] kernels, int u, int m, int dftshift) {
        if (kernels == null || kernels.length != shape.length) {
            return false;
        }
        for (int a = 0; a < shape.length; a++) {
            if (!kernels[a].fits(shape[a], m, dftshift, u)) {
                return false;
            }
        }
        return true;
    }

    /** {@code c / sqrt(a·b)}, 0 when a norm is 0, at most 1 (Cauchy-Schwarz; rounding may exceed it). */
    private static double normalized(double c, double a, double b) {
        double d = Math.sqrt(a * b);
        return d == 0 ? 0 : Math.min(1, c / d);
    }
}
