package org.xcorr.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.peak.Subpixel;
import org.xcorr.register.MaskedRegistrationOptions;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.PreparedReference;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

/**
 * Drift correction of a stack: the shift of every frame relative to a reference, by phase correlation, and
 * the frames shifted by those shifts.
 *
 * <h2>{@link #align}</h2>
 * Each frame {@code f_i} (cropped to the region of interest, apodised by the window) is registered to the
 * reference {@code R} exactly as {@link PhaseCorrelation#register} registers a moving image to a reference
 * (the frame is the moving image): the row's shift is the one that, applied to the frame with
 * {@link Shift#shift}, aligns it with {@code R}. The reference is frame 0, frame {@code N}, the mean of the
 * first {@code K} frames, or, for {@link Reference.Kind#PREVIOUS}, the frame before, whose shift is then added:
 * {@code shift_i = shift_{i-1} + register(f_{i-1}, f_i)} — see that constant for the random-walk growth of
 * its error. The reference's spectrum is computed once ({@link PreparedReference}), so a frame costs one
 * forward and one inverse transform plus the {@code 1/upsample} refinement (Guizar-Sicairos, Thurman &amp;
 * Fienup, Opt. Lett. 33, 156 (2008), doi:10.1364/OL.33.000156). With a mask or {@code nanAsMask}, frames are
 * registered by masked NCC (Padfield, IEEE TIP 21(5), 2706 (2012), doi:10.1109/TIP.2011.2181402): integer
 * shifts.
 *
 * <p><b>Failures are rows.</b> A frame that cannot be read, or holds NaN or infinity without
 * {@code nanAsMask}, gets a row with NaN values and a status saying why; the other frames are still aligned
 * (with {@code PREVIOUS}, the next frame is registered to the last good one). Only a reference that cannot be
 * built fails the whole call.
 *
 * <p><b>Parallelism and memory.</b> Frames are read, transformed and registered concurrently on
 * {@code threads} workers, each holding one or two frames at a time: memory is a few frames whatever the
 * stack's length, so a stack larger than the heap aligns when its {@link FrameSource} reads lazily. Every
 * frame's row is computed by the same arithmetic whatever thread computes it, and shifts are accumulated in
 * frame order afterwards, so results are bit-identical for every thread count.
 *
 * <p><b>Progress.</b> The listener gets {@code (frames done, frame count)} after every frame; returning false
 * stops the work, and the call throws {@link CancellationException}.
 *
 * <h2>{@link #apply}</h2>
 * Shifts every frame by its row ({@link Shift#shift}, any {@link Interpolation}) and fills the pixels that
 * have no source ({@link Fill}); frames go to a {@link FrameSink} in order.
 *
 * <p><b>Size.</b> Two entry points, {@code align} and {@code apply}, that share the frame pipeline (lazy reads,
 * per-frame workers, ordered accumulation of shifts, failure rows); the registration itself is
 * {@link PreparedReference}'s and {@link PhaseCorrelation}'s.
 */
public final class StackAlignment {

    private StackAlignment() {
    }

    /** {@link #align(FrameSource, AlignmentOptions, ProgressListener)} without progress reports. */
    public static AlignmentResult align(FrameSource source, AlignmentOptions options) {
        return align(source, options, ProgressListener.NONE);
    }

    /**
     * The shift of every frame of {@code source} (see the class comment).
     *
     * @param source   the frames (2-D images or 3-D volumes)
     * @param options  reference, upsample factor, bound, window, roi, mask, threads
     * @param progress receives {@code (done, frameCount)} after each frame; false cancels
     * @return one row per frame, in order
     * @throws IllegalArgumentException when an option does not fit the frames (roi outside a frame, mask of
     *                                  another shape, bound of the wrong length, reference frame out of range)
     *                                  or the reference cannot be built (its frame unreadable or not finite)
     * @throws CancellationException    when the listener asked to stop
     */
    public static AlignmentResult align(FrameSource source, AlignmentOptions options, ProgressListener progress) {
        if (source == null || options == null || progress == null) {
            throw new IllegalArgumentException("source, options and progress must not be null");
        }
        Aligner a = new Aligner(source, options);
        return a.run(progress);
    }

    /**
     * Shifts every frame of {@code source} by its row of {@code shifts} and hands the results to {@code sink}
     * in frame order.
     *
     * @param shifts        one row per frame, one finite value per axis ({@link AlignmentResult#shifts()})
     * @param interpolation how to resample ({@link Interpolation#FOURIER} is periodic: see {@link Fill})
     * @param fill          the value of pixels whose source lies outside the frame
     * @param threads       worker threads (>= 1); the frames are identical for every count
     * @throws IllegalArgumentException for a shift row that is missing, of the wrong length or not finite (a
     *                                  frame whose alignment failed), or a frame that holds NaN or infinity
     * @throws IOException              when a frame cannot be read or the sink fails
     * @throws CancellationException    when the listener asked to stop
     */
    public static void apply(FrameSource source, double[][] shifts, Interpolation interpolation, Fill fill,
            int threads, FrameSink sink, ProgressListener progress) throws IOException {
        Parallel.checkThreads(threads);
        int n = source.frameCount();
        int rank = source.frameShape().length;
        if (shifts.length != n) {
            throw new IllegalArgumentException("there are " + shifts.length + " shifts for " + n
                    + " frames; give one row per frame");
        }
        for (int i = 0; i < n; i++) {
            if (shifts[i] == null || shifts[i].length != rank) {
                throw new IllegalArgumentException("shift of frame " + i + " must have " + rank + " values (one per"
                        + " axis of " + NdArray.shapeString(source.frameShape()) + ")");
            }
            for (double v : shifts[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("shift of frame " + i + " is not finite ("
                            + Arrays.toString(shifts[i]) + "): its alignment failed; drop or fix that frame");
                }
            }
        }
        int batch = Math.max(1, Math.min(threads, n));
        int inner = Math.max(1, threads / batch);
        NdArray[] out = new NdArray[batch];
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            int first = start;
            try {
                Parallel.forRange(threads, count, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        int i = first + k;
                        NdArray frame;
                        try {
                            frame = source.frame(i);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        out[k] = shiftFrame(frame, shifts[i], interpolation, fill, inner, source.frameName(i));
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (int k = 0; k < count; k++) {
                sink.accept(start + k, out[k]);
                out[k] = null;
                if (!progress.progress(start + k + 1, n)) {
                    throw new CancellationException("cancelled after " + (start + k + 1) + " of " + n + " frames");
                }
            }
        }
    }

    /**
     * One frame shifted by {@code shift} with {@code fill} where its source lies outside the frame.
     *
     * @throws IllegalArgumentException naming {@code name} when the frame holds NaN or infinity
     */
    public static NdArray shiftFrame(NdArray frame, double[] shift, Interpolation interpolation, Fill fill,
            int threads, String name) {
        try {
            frame.requireFinite(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; cannot shift it", e);
        }
        NdArray shifted = Shift.shift(frame, shift, new ShiftOptions(interpolation, threads));
        return fill(shifted, frame, shift, fill);
    }

    private static NdArray fill(NdArray shifted, NdArray original, double[] s, Fill fill) {
        int[] shape = shifted.shape();
        int d = shape.length;
        double[] out = shifted.toArray();
        double[] in = original.backingReal();
        int[] idx = new int[d];
        for (int i = 0; i < out.length; i++) {
            boolean inside = true;
            for (int a = 0; a < d && inside; a++) {
                double p = idx[a] - s[a];
                inside = p >= 0 && p <= shape[a] - 1;
            }
            if (!inside) {
                switch (fill) {
                    case ZERO:
                        out[i] = 0;
                        break;
                    case NAN:
                        out[i] = Double.NaN;
                        break;
                    case EDGE:
                        int src = 0;
                        for (int a = 0; a < d; a++) {
                            long p = Math.round(idx[a] - s[a]);
                            src = src * shape[a] + (int) Math.max(0, Math.min(shape[a] - 1, p));
                        }
                        out[i] = in[src];
                        break;
                    default:
                        throw new AssertionError(fill);
                }
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return NdArray.wrap(out, shape);
    }

    /** A frame ready to register: cropped and windowed, with its validity mask when masked. */
    private record Loaded(NdArray image, NdArray valid) {
    }

    /** The outcome of one registration. */
    private record Pair(double[] shift, double error, double peakValue, String failure) {
    }

    /** One alignment run. */
    private static final class Aligner {
        private final FrameSource source;
        private final AlignmentOptions options;
        private final int n;
        private final int[] frameShape;
        private final int rank;
        private final int[] roiFrom;
        private final int[] roiTo;
        private final NdArray mask;
        private final boolean masked;
        private final RegistrationOptions registration;
        private final int workers;
        private final int inner;

        Aligner(FrameSource source, AlignmentOptions options) {
            this.source = source;
            this.options = options;
            this.n = source.frameCount();
            this.frameShape = source.frameShape();
            this.rank = frameShape.length;
            if (n < 1) {
                throw new IllegalArgumentException("the stack has no frame");
            }
            if (rank < 1 || rank > NdArray.MAX_RANK) {
                throw new IllegalArgumentException("frames must have 1 to 3 axes, got " + rank);
            }
            int[] roi = options.roi();
            if (roi != null) {
                if (roi.length != 2 * rank) {
                    throw new IllegalArgumentException("roi has " + roi.length + " values but frames "
                            + NdArray.shapeString(frameShape) + " need " + 2 * rank + " (first index per axis, then end)");
                }
                roiFrom = Arrays.copyOfRange(roi, 0, rank);
                roiTo = Arrays.copyOfRange(roi, rank, 2 * rank);
                for (int a = 0; a < rank; a++) {
                    if (roiFrom[a] < 0 || roiTo[a] > frameShape[a] || roiFrom[a] >= roiTo[a]) {
                        throw new IllegalArgumentException("roi " + Arrays.toString(roi) + " is empty or outside the "
                                + NdArray.shapeString(frameShape) + " frames on axis " + a);
                    }
                }
            } else {
                roiFrom = null;
                roiTo = null;
            }
            NdArray m = options.mask();
            if (m != null && !Arrays.equals(m.shape(), frameShape)) {
                throw new IllegalArgumentException("mask " + m.shapeString() + " must have the frames' shape "
                        + NdArray.shapeString(frameShape));
            }
            this.mask = m == null ? null : crop(m);
            this.masked = options.masked();
            double[] maxShift = options.maxShift();
            if (maxShift != null && maxShift.length != rank) {
                throw new IllegalArgumentException("maxShift has " + maxShift.length + " values but frames "
                        + NdArray.shapeString(frameShape) + " have " + rank + " axes");
            }
            Reference ref = options.reference();
            if (ref.kind() == Reference.Kind.FRAME && ref.count() >= n) {
                throw new IllegalArgumentException("reference frame " + ref.count() + " is past the last frame ("
                        + (n - 1) + ")");
            }
            int threads = options.threads();
            this.workers = Math.max(1, Math.min(threads, n));
            this.inner = Math.max(1, threads / workers);
            this.registration = RegistrationOptions.defaults().withUpsampleFactor(options.upsampleFactor())
                    .withOverlapRatio(options.overlapRatio()).withMaxShift(maxShift).withThreads(inner)
                    .withNormalization(options.normalization());
        }

        private NdArray crop(NdArray a) {
            return roiFrom == null ? a : a.subBox(roiFrom, roiTo);
        }

        /** Frame {@code i} ready to register, or the one-line reason it cannot be. */
        private Object load(int i) {
            NdArray raw;
            try {
                raw = source.frame(i);
            } catch (IOException | RuntimeException e) {
                return oneLine(e, source.frameName(i));
            }
            return prepare(raw, source.frameName(i));
        }

        private Object prepare(NdArray raw, String name) {
            if (raw.isComplex()) {
                return name + " is complex; frames must be real";
            }
            if (!Arrays.equals(raw.shape(), frameShape)) {
                return name + " is " + raw.shapeString() + " but frames are " + NdArray.shapeString(frameShape);
            }
            return prepareCropped(crop(raw), name);
        }

        /** {@link #prepare} for a frame already cropped to the region of interest (the mean reference is built so). */
        private Object prepareCropped(NdArray c, String name) {
            NdArray valid = null;
            if (masked) {
                valid = options.nanAsMask() ? PhaseCorrelation.finiteMask(c, mask) : mask;
                if (!anyNonzero(valid)) {
                    return name + " has no valid pixel" + (options.nanAsMask() ? " (all NaN or masked)" : " in the mask");
                }
            } else {
                try {
                    c.requireFinite(name);
                } catch (IllegalArgumentException e) {
                    return e.getMessage() + " (or register with nanAsMask)";
                }
            }
            return new Loaded(options.window().apply(c), valid);
        }

        private Pair register(Loaded reference, PreparedReference prepared, Loaded moving) {
            try {
                if (!masked) {
                    PreparedReference.Result r = prepared.register(moving.image(), inner);
                    return new Pair(r.shift(), r.error(), r.peakValue(), null);
                }
                Registration r = PhaseCorrelation.registerMasked(reference.image(), moving.image(),
                        reference.valid(), moving.valid(), new MaskedRegistrationOptions(registration.overlapRatio(),
                                Subpixel.NONE, true, registration.threads(), registration.maxShift()));
                double[] shift = r.shift();
                NdArray surface = r.surface();
                // equal shapes: surface index - (N - 1) = shift (see Registration#surface)
                int[] at = new int[rank];
                for (int a = 0; a < rank; a++) {
                    at[a] = (int) Math.round(shift[a]) + reference.image().shape(a) - 1;
                }
                return new Pair(shift, Double.NaN, surface.get(at), null);
            } catch (IllegalArgumentException e) {
                return new Pair(null, Double.NaN, Double.NaN, oneLine(e, null));
            }
        }

        private PreparedReference prepared(Loaded l) {
            return masked ? null : PreparedReference.prepare(l.image(), registration);
        }

        /** The reference of FIRST, FRAME and MEAN. */
        private Loaded reference() {
            Reference ref = options.reference();
            if (ref.kind() != Reference.Kind.MEAN) {
                int r = ref.kind() == Reference.Kind.FIRST ? 0 : ref.count();
                Object l = load(r);
                if (l instanceof String reason) {
                    throw new IllegalArgumentException("reference frame " + r + " cannot be used: " + reason);
                }
                return (Loaded) l;
            }
            int k = Math.min(ref.count(), n);
            double[] sum = null;
            long[] count = null;
            int[] shape = null;
            for (int i = 0; i < k; i++) {
                NdArray raw;
                try {
                    raw = source.frame(i);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("mean reference: " + oneLine(e, source.frameName(i)), e);
                }
                if (!Arrays.equals(raw.shape(), frameShape) || raw.isComplex()) {
                    throw new IllegalArgumentException("mean reference: " + source.frameName(i) + " is "
                            + raw.shapeString() + " but frames are " + NdArray.shapeString(frameShape));
                }
                NdArray c = crop(raw);
                if (!masked) {
                    c.requireFinite("mean reference: " + source.frameName(i));
                }
                double[] v = c.backingReal();
                if (sum == null) {
                    sum = new double[v.length];
                    count = new long[v.length];
                    shape = c.shape();
                }
                for (int p = 0; p < v.length; p++) {
                    if (Double.isFinite(v[p])) {
                        sum[p] += v[p];
                        count[p]++;
                    }
                }
            }
            for (int p = 0; p < sum.length; p++) {
                sum[p] = count[p] == 0 ? Double.NaN : sum[p] / count[p];
            }
            Object l = prepareCropped(NdArray.wrap(sum, shape), "mean of frames 0-" + (k - 1));
            if (l instanceof String reason) {
                throw new IllegalArgumentException("mean reference cannot be used: " + reason);
            }
            return (Loaded) l;
        }

        AlignmentResult run(ProgressListener progress) {
            boolean previous = options.reference().kind() == Reference.Kind.PREVIOUS;
            Loaded reference = previous ? null : reference();
            PreparedReference prepared = previous ? null : prepared(reference);
            Pair[] pairs = new Pair[n];
            String[] failures = new String[n];
            int[] prevOf = new int[n];
            int chunk = previous ? Math.max(1, n / (workers * 4)) : 1;
            int tasks = (n + chunk - 1) / chunk;
            AtomicInteger next = new AtomicInteger();
            AtomicLong done = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean cancelled = new AtomicBoolean();
            Parallel.forRange(workers, workers, (w0, w1) -> {
                for (int w = w0; w < w1; w++) {
                    int t;
                    while (!stop.get() && (t = next.getAndIncrement()) < tasks) {
                        int from = t * chunk;
                        int to = Math.min(n, from + chunk);
                        try {
                            if (previous) {
                                chain(from, to, pairs, failures, prevOf, done, stop, cancelled, progress);
                            } else {
                                for (int i = from; i < to && !stop.get(); i++) {
                                    Object l = load(i);
                                    if (l instanceof String reason) {
                                        failures[i] = reason;
                                    } else {
                                        pairs[i] = register(reference, prepared, (Loaded) l);
                                    }
                                    report(done, stop, cancelled, progress);
                                }
                            }
                        } catch (RuntimeException | Error e) {
                            stop.set(true);
                            throw e;
                        }
                    }
                }
            });
            if (cancelled.get()) {
                throw new CancellationException("alignment cancelled after " + done.get() + " of " + n + " frames");
            }
            List<FrameShift> rows = new ArrayList<>(n);
            double[][] total = new double[n][];
            for (int i = 0; i < n; i++) {
                if (failures[i] != null) {
                    rows.add(FrameShift.failed(i, rank, failures[i]));
                    continue;
                }
                Pair p = pairs[i];
                if (p.failure() != null) {
                    rows.add(FrameShift.failed(i, rank, source.frameName(i) + ": " + p.failure()));
                    continue;
                }
                double[] shift = p.shift();
                if (previous) {
                    int before = prevOf[i];
                    if (before >= 0) {
                        if (total[before] == null) {
                            rows.add(FrameShift.failed(i, rank, source.frameName(i) + ": the frame before it ("
                                    + before + ") has no shift, so the accumulated shift is unknown"));
                            continue;
                        }
                        // accumulated in frame order, after the parallel part: the same sums for any thread count
                        shift = shift.clone();
                        for (int a = 0; a < rank; a++) {
                            shift[a] += total[before][a];
                        }
                    }
                }
                total[i] = shift;
                rows.add(new FrameShift(i, shift, p.error(), p.peakValue(), FrameShift.OK));
            }
            return new AlignmentResult(rows, frameShape, masked);
        }

        /** PREVIOUS over frames {@code [from, to)}: each registered to the last loadable frame before it. */
        private void chain(int from, int to, Pair[] pairs, String[] failures, int[] prevOf, AtomicLong done,
                AtomicBoolean stop, AtomicBoolean cancelled, ProgressListener progress) {
            Loaded prev = null;
            int prevIndex = -1;
            for (int j = from - 1; j >= 0 && prev == null; j--) {
                Object l = load(j);
                if (l instanceof Loaded loaded) {
                    prev = loaded;
                    prevIndex = j;
                }
            }
            PreparedReference prevPrepared = prev == null ? null : prepared(prev);
            for (int i = from; i < to && !stop.get(); i++) {
                Object l = load(i);
                if (l instanceof String reason) {
                    failures[i] = reason;
                } else {
                    Loaded cur = (Loaded) l;
                    PreparedReference curPrepared = prepared(cur);
                    if (prev == null) {
                        // the first usable frame is the origin of the chain: registered to itself
                        pairs[i] = register(cur, curPrepared, cur);
                        prevOf[i] = -1;
                    } else {
                        pairs[i] = register(prev, prevPrepared, cur);
                        prevOf[i] = prevIndex;
                    }
                    prev = cur;
                    prevIndex = i;
                    prevPrepared = curPrepared;
                }
                report(done, stop, cancelled, progress);
            }
        }

        private void report(AtomicLong done, AtomicBoolean stop, AtomicBoolean cancelled, ProgressListener progress) {
            long d = done.incrementAndGet();
            if (!progress.progress(d, n)) {
                cancelled.set(true);
                stop.set(true);
            }
        }
    }

    private static boolean anyNonzero(NdArray a) {
        for (double v : a.backingReal()) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** The message of {@code e} on one line, prefixed by {@code name} when it does not mention it already. */
    private static String oneLine(Throwable e, String name) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replace('\n', ' ').replace('\r', ' ');
        if (name != null && !m.contains(name)) {
            m = name + ": " + m;
        }
        return m;
    }
}
