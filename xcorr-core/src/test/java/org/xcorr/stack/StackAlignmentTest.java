package org.xcorr.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.PreparedReference;
import org.xcorr.register.Registration;
import org.xcorr.register.MaskedRegistrationOptions;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.register.Window;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

/**
 * Stacks built exactly in Fourier space: frame {@code i} is a smooth random image moved by {@code d_i} with the
 * Fourier shift theorem ({@link Shift} FOURIER), so the registering shift relative to frame 0 is exactly
 * {@code -(d_i - d_0)}.
 */
class StackAlignmentTest {

    static final int UPSAMPLE = 20;

    /**
     * Smooth periodic random image built in Fourier space: white noise times a Gaussian envelope
     * {@code exp(-(f/0.15)²)} ({@code f} in cycles per pixel), with the Nyquist bins of even axes removed. Without
     * Nyquist content a Fourier shift is an exact translation (a real signal's Nyquist bin cannot carry a
     * sub-pixel phase), and the envelope has no zeros, so every bin's phase is meaningful.
     */
    static NdArray smooth(Random rnd, int... shape) {
        int n = NdArray.sizeOf(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        org.xcorr.fft.RealFft fft = org.xcorr.fft.RealFft.of(shape);
        double[] re = new double[fft.spectrumSize()];
        double[] im = new double[fft.spectrumSize()];
        fft.forward(v, re, im, 1);
        int[] ss = fft.spectrumShape();
        int[] idx = new int[shape.length];
        for (int k = 0; k < re.length; k++) {
            double f2 = 0;
            boolean nyquist = false;
            for (int a = 0; a < shape.length; a++) {
                int j = idx[a];
                int signed = a == shape.length - 1 ? j : (j > shape[a] / 2 ? j - shape[a] : j);
                nyquist |= shape[a] % 2 == 0 && j == shape[a] / 2 && shape[a] > 1;
                double f = signed / (double) shape[a];
                f2 += f * f;
            }
            double g = nyquist ? 0 : Math.exp(-f2 / (0.15 * 0.15));
            re[k] *= g;
            im[k] *= g;
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < ss[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        double[] out = new double[n];
        fft.inverse(re, im, out, 1);
        return NdArray.wrap(out, shape);
    }

    /** Random-walk drift: steps of up to ±0.8 px per axis, d_0 = 0. */
    static double[][] randomWalk(Random rnd, int frames, int rank) {
        double[][] d = new double[frames][rank];
        for (int i = 1; i < frames; i++) {
            for (int a = 0; a < rank; a++) {
                d[i][a] = d[i - 1][a] + (rnd.nextDouble() * 1.6 - 0.8);
            }
        }
        return d;
    }

    static List<NdArray> frames(NdArray base, double[][] d) {
        List<NdArray> f = new ArrayList<>();
        for (double[] di : d) {
            f.add(Shift.shift(base, di, new ShiftOptions(Interpolation.FOURIER, 1)));
        }
        return f;
    }

    /** Frames as a time-first 3-D array (2-D frames only). */
    static NdArray stack(List<NdArray> frames) {
        int[] s = frames.get(0).shape();
        int n = frames.get(0).size();
        double[] all = new double[frames.size() * n];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i).backingReal(), 0, all, i * n, n);
        }
        return NdArray.wrap(all, frames.size(), s[0], s[1]);
    }

    @Test
    void firstReferenceRecoversARandomWalkWithinOneOverUpsample() {
        Random rnd = new Random(1);
        NdArray base = smooth(rnd, 48, 64);
        double[][] d = randomWalk(rnd, 25, 2);
        AlignmentResult r = StackAlignment.align(FrameSource.of(stack(frames(base, d))),
                AlignmentOptions.registerLike().withThreads(2));
        assertEquals(25, r.frames().size());
        for (FrameShift f : r.frames()) {
            assertTrue(f.ok(), f.toString());
            for (int a = 0; a < 2; a++) {
                assertEquals(-d[f.frame()][a], f.shift()[a], 1.0 / UPSAMPLE, f.toString());
            }
            assertTrue(f.peakValue() > 0.5 && f.peakValue() <= 1 + 1e-12, f.toString());
        }
        assertArrayEquals(new double[] {0, 0}, r.frames().get(0).shift());
        // at most 1 less the share of (empty) Nyquist bins, which phase normalization leaves at 0 (and the
        // bins of the far corners, whose power is below the normalization floor)
        double self = r.frames().get(0).peakValue();
        assertTrue(self > 0.9 && self <= 1 - (64 + 48 - 1) / (48.0 * 64) + 1e-12, "peak " + self);
    }

    @Test
    void meanReferenceRecoversALinearDrift() {
        Random rnd = new Random(2);
        NdArray base = smooth(rnd, 40, 40);
        int k = 4;
        double[][] d = new double[20][2];
        for (int i = k; i < 20; i++) {
            // still for the first K frames (so their mean is the base image), then a linear drift
            d[i][0] = 0.37 * (i - k + 1);
            d[i][1] = -0.61 * (i - k + 1);
        }
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)),
                AlignmentOptions.registerLike().withReference(Reference.mean(k)));
        for (FrameShift f : r.frames()) {
            assertEquals(-d[f.frame()][0], f.shift()[0], 1.0 / UPSAMPLE, f.toString());
            assertEquals(-d[f.frame()][1], f.shift()[1], 1.0 / UPSAMPLE, f.toString());
        }
    }

    @Test
    void meanReferenceWithARegionOfInterestIsCroppedOnce() {
        // the bug: the mean of the cropped frames was checked against the full frame shape and cropped again,
        // so mean + roi always failed ("mean of frames 0-2 is 30x40 but frames are 47x63")
        Random rnd = new Random(12);
        NdArray base = smooth(rnd, 64, 64);
        double[][] d = {{0, 0}, {0, 0}, {0, 0}, {1.35, -2.7}, {-3.1, 0.45}};
        AlignmentOptions roi = AlignmentOptions.registerLike().withRoi(8, 10, 56, 58).withWindow(Window.HANN);
        AlignmentResult mean = StackAlignment.align(FrameSource.of(frames(base, d)),
                roi.withReference(Reference.mean(3)));
        AlignmentResult first = StackAlignment.align(FrameSource.of(frames(base, d)), roi);
        for (FrameShift f : mean.frames()) {
            assertTrue(f.ok(), f.toString());
            for (int a = 0; a < 2; a++) {
                assertEquals(-d[f.frame()][a], f.shift()[a], 0.15, f.toString());
                // the mean of three identical frames is that frame (to rounding): the same answer as 'first'
                assertEquals(first.frames().get(f.frame()).shift()[a], f.shift()[a], 1e-9, f.toString());
            }
        }
    }

    @Test
    void frameReferenceIsZeroForItself() {
        Random rnd = new Random(3);
        NdArray base = smooth(rnd, 32, 36);
        double[][] d = randomWalk(rnd, 8, 2);
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)),
                AlignmentOptions.registerLike().withReference(Reference.frame(5)));
        assertArrayEquals(new double[] {0, 0}, r.frames().get(5).shift());
        for (FrameShift f : r.frames()) {
            for (int a = 0; a < 2; a++) {
                assertEquals(d[5][a] - d[f.frame()][a], f.shift()[a], 1.0 / UPSAMPLE);
            }
        }
    }

    /**
     * PREVIOUS adds one quantized pair estimate per frame: each within 1/(2u) of the true step (plus the
     * estimator's own error), so the accumulated error after i frames stays within i/u, and in practice grows
     * like a random walk (sqrt(i)).
     */
    @Test
    void previousAccumulatesWithinTheDocumentedBound() {
        Random rnd = new Random(4);
        NdArray base = smooth(rnd, 48, 48);
        double[][] d = randomWalk(rnd, 40, 2);
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)),
                AlignmentOptions.registerLike().withReference(Reference.previous()).withThreads(3));
        double worst = 0;
        for (FrameShift f : r.frames()) {
            int i = f.frame();
            for (int a = 0; a < 2; a++) {
                double err = Math.abs(f.shift()[a] + d[i][a]);
                assertTrue(err <= Math.max(1, i) * 1.0 / UPSAMPLE, "frame " + i + " error " + err);
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst > 0, "accumulation should show some error");
    }

    @Test
    void resultsAreIdenticalForEveryThreadCount() {
        Random rnd = new Random(5);
        NdArray base = smooth(rnd, 32, 40);
        double[][] d = randomWalk(rnd, 17, 2);
        FrameSource s = FrameSource.of(frames(base, d));
        for (Reference ref : new Reference[] {Reference.first(), Reference.previous(), Reference.mean(3)}) {
            AlignmentOptions o = AlignmentOptions.registerLike().withReference(ref).withWindow(Window.HANN);
            AlignmentResult one = StackAlignment.align(s, o.withThreads(1));
            for (int t : new int[] {2, 3, 5, 16}) {
                assertEquals(one, StackAlignment.align(s, o.withThreads(t)), ref + " threads " + t);
            }
        }
    }

    @Test
    void preparedReferenceIsBitIdenticalToRegister() {
        Random rnd = new Random(6);
        for (int[] shape : new int[][] {{33, 40}, {16, 12, 20}, {64}}) {
            NdArray ref = smooth(rnd, shape);
            double[] by = new double[shape.length];
            for (int a = 0; a < by.length; a++) {
                by[a] = rnd.nextDouble() * 6 - 3;
            }
            NdArray mov = Shift.shift(ref, by, new ShiftOptions(Interpolation.LINEAR, 1));
            for (int u : new int[] {1, 20, 100}) {
                for (double[] bound : new double[][] {null, filled(shape.length, 1.5)}) {
                    RegistrationOptions o = RegistrationOptions.defaults().withUpsampleFactor(u).withMaxShift(bound);
                    Registration expected = PhaseCorrelation.register(ref, mov, o);
                    PreparedReference.Result got = PreparedReference.prepare(ref, o).register(mov, 1);
                    assertArrayEquals(expected.shift(), got.shift());
                    assertEquals(expected.error(), got.error());
                    assertEquals(expected.phaseDiff(), got.phaseDiff());
                }
            }
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void maxShiftIsNeverExceeded() {
        Random rnd = new Random(7);
        NdArray base = smooth(rnd, 48, 48);
        double[][] d = {{0, 0}, {6.3, -4.2}, {-2.2, 9.7}, {1.1, 0.4}};
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)),
                AlignmentOptions.registerLike().withMaxShift(2.5, 3));
        for (FrameShift f : r.frames()) {
            assertTrue(Math.abs(f.shift()[0]) <= 2.5 && Math.abs(f.shift()[1]) <= 3, f.toString());
        }
        // the in-bound frame is still found
        assertEquals(-1.1, r.frames().get(3).shift()[0], 1.0 / UPSAMPLE);
        assertEquals(-0.4, r.frames().get(3).shift()[1], 1.0 / UPSAMPLE);
        // the library option on register and on masked register
        NdArray mov = Shift.shift(base, new double[] {6, -4}, new ShiftOptions(Interpolation.FOURIER, 1));
        double[] s = PhaseCorrelation.register(base, mov, RegistrationOptions.defaults().withUpsampleFactor(20)
                .withMaxShift(2, 2)).shift();
        assertTrue(Math.abs(s[0]) <= 2 && Math.abs(s[1]) <= 2, java.util.Arrays.toString(s));
        double[] m = PhaseCorrelation.registerMasked(base, mov, null, null,
                MaskedRegistrationOptions.defaults().withMaxShift(2, 2)).shift();
        assertTrue(Math.abs(m[0]) <= 2 && Math.abs(m[1]) <= 2, java.util.Arrays.toString(m));
        double[] unbounded = PhaseCorrelation.register(base, mov, RegistrationOptions.defaults()).shift();
        assertArrayEquals(new double[] {-6, 4}, unbounded);
    }

    @Test
    void aNanFrameIsAnErrorRowAndTheOthersStillAlign() {
        Random rnd = new Random(8);
        NdArray base = smooth(rnd, 32, 32);
        double[][] d = randomWalk(rnd, 6, 2);
        List<NdArray> f = frames(base, d);
        double[] bad = f.get(3).toArray();
        bad[5 * 32 + 7] = Double.NaN;
        f.set(3, NdArray.wrap(bad, 32, 32));
        for (Reference ref : new Reference[] {Reference.first(), Reference.previous()}) {
            AlignmentResult r = StackAlignment.align(FrameSource.of(f), AlignmentOptions.registerLike().withReference(ref));
            FrameShift row = r.frames().get(3);
            assertFalse(row.ok());
            assertTrue(row.status().contains("NaN") && row.status().contains("[5, 7]"), row.status());
            assertTrue(Double.isNaN(row.shift()[0]) && Double.isNaN(row.peakValue()));
            assertEquals(1, r.failedCount());
            for (int i : new int[] {4, 5}) {
                assertEquals(-d[i][0], r.frames().get(i).shift()[0], 3.0 / UPSAMPLE, ref + " " + i);
            }
        }
        // with nanAsMask the frame is registered (masked: integer shift)
        AlignmentResult masked = StackAlignment.align(FrameSource.of(f),
                AlignmentOptions.registerLike().withNanAsMask(true));
        assertTrue(masked.frames().get(3).ok(), masked.frames().get(3).toString());
        assertEquals(Math.round(-d[3][0]), masked.frames().get(3).shift()[0], 1.0);
    }

    @Test
    void aReferenceThatCannotBeUsedFailsTheWholeCall() {
        NdArray good = smooth(new Random(9), 16, 16);
        NdArray nan = NdArray.wrap(new double[256], 16, 16);
        nan.backingReal()[0] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackAlignment.align(FrameSource.of(List.of(nan, good)), AlignmentOptions.registerLike()));
        assertTrue(e.getMessage().startsWith("reference frame 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StackAlignment.align(FrameSource.of(List.of(good, good)),
                AlignmentOptions.registerLike().withReference(Reference.frame(2))));
        assertThrows(IllegalArgumentException.class, () -> StackAlignment.align(FrameSource.of(List.of(good, good)),
                AlignmentOptions.registerLike().withRoi(0, 0, 20, 8)));
    }

    @Test
    void volumesDriftIn3d() {
        Random rnd = new Random(10);
        NdArray base = smooth(rnd, 12, 20, 16);
        double[][] d = randomWalk(rnd, 5, 3);
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)), AlignmentOptions.registerLike());
        for (FrameShift f : r.frames()) {
            for (int a = 0; a < 3; a++) {
                assertEquals(-d[f.frame()][a], f.shift()[a], 1.0 / UPSAMPLE, f.toString());
            }
        }
    }

    @Test
    void roiWithHannWindowEstimatesTheWholeFrameShift() {
        Random rnd = new Random(11);
        NdArray base = smooth(rnd, 64, 64);
        double[][] d = {{0, 0}, {1.35, -2.7}, {-3.1, 0.45}};
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames(base, d)),
                AlignmentOptions.registerLike().withRoi(8, 10, 56, 58).withWindow(Window.HANN));
        for (FrameShift f : r.frames()) {
            for (int a = 0; a < 2; a++) {
                assertEquals(-d[f.frame()][a], f.shift()[a], 0.15, f.toString());
            }
        }
    }

    @Test
    void alignedFramesEqualTheUnshiftedOnes() throws Exception {
        Random rnd = new Random(12);
        NdArray base = smooth(rnd, 40, 48);
        double[][] d = randomWalk(rnd, 6, 2);
        FrameSource s = FrameSource.of(frames(base, d));
        // the exact shifts undo the drift exactly (Fourier interpolation is the inverse of the drift)
        double[][] exact = new double[d.length][2];
        for (int i = 0; i < d.length; i++) {
            exact[i][0] = -d[i][0];
            exact[i][1] = -d[i][1];
        }
        List<NdArray> out = new ArrayList<>();
        StackAlignment.apply(s, exact, Interpolation.FOURIER, Fill.ZERO, 2, (i, f) -> out.add(f),
                ProgressListener.NONE);
        assertEquals(d.length, out.size());
        for (int i = 0; i < d.length; i++) {
            double[] a = out.get(i).backingReal();
            double[] b = base.backingReal();
            for (int y = 4; y < 36; y++) {
                for (int x = 4; x < 44; x++) {
                    assertEquals(b[y * 48 + x], a[y * 48 + x], 1e-9);
                }
            }
        }
        // the estimated shifts: within the interpolation error of a 1/(2u) shift error
        AlignmentResult r = StackAlignment.align(s, AlignmentOptions.registerLike());
        List<NdArray> est = new ArrayList<>();
        StackAlignment.apply(s, r.shifts(), Interpolation.CUBIC, Fill.NAN, 3, (i, f) -> est.add(f),
                ProgressListener.NONE);
        double rms = 0;
        double signal = 0;
        int count = 0;
        for (int i = 0; i < d.length; i++) {
            double[] a = est.get(i).backingReal();
            for (int y = 4; y < 36; y++) {
                for (int x = 4; x < 44; x++) {
                    double diff = a[y * 48 + x] - base.backingReal()[y * 48 + x];
                    rms += diff * diff;
                    signal += base.backingReal()[y * 48 + x] * base.backingReal()[y * 48 + x];
                    count++;
                }
            }
        }
        assertTrue(Math.sqrt(rms / signal) < 0.05, "relative rms " + Math.sqrt(rms / signal));
        assertTrue(count > 0);
        // NaN fill marks the pixels without a source
        assertTrue(Double.isNaN(est.get(5).backingReal()[r.frames().get(5).shift()[0] > 0 ? 0 : 39 * 48]));
    }

    @Test
    void applyIsIdenticalForEveryThreadCountAndRejectsFailedRows() throws Exception {
        Random rnd = new Random(13);
        NdArray base = smooth(rnd, 24, 30);
        double[][] d = randomWalk(rnd, 7, 2);
        FrameSource s = FrameSource.of(frames(base, d));
        for (Fill fill : Fill.values()) {
            List<NdArray> one = new ArrayList<>();
            StackAlignment.apply(s, d, Interpolation.LINEAR, fill, 1, (i, f) -> one.add(f), ProgressListener.NONE);
            List<NdArray> many = new ArrayList<>();
            StackAlignment.apply(s, d, Interpolation.LINEAR, fill, 4, (i, f) -> many.add(f), ProgressListener.NONE);
            assertEquals(one, many);
        }
        double[][] failed = d.clone();
        failed[2] = new double[] {Double.NaN, Double.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackAlignment.apply(s,
                failed, Interpolation.LINEAR, Fill.ZERO, 1, (i, f) -> { }, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("frame 2"), e.getMessage());
    }

    @Test
    void aListenerCanCancel() {
        Random rnd = new Random(14);
        NdArray base = smooth(rnd, 16, 16);
        FrameSource s = FrameSource.of(frames(base, randomWalk(rnd, 30, 2)));
        long[] seen = new long[1];
        assertThrows(CancellationException.class, () -> StackAlignment.align(s, AlignmentOptions.registerLike()
                .withThreads(1), (done, total) -> {
                    seen[0] = done;
                    return done < 3;
                }));
        assertEquals(3, seen[0]);
        long[] last = new long[1];
        StackAlignment.align(s, AlignmentOptions.registerLike().withThreads(3), (done, total) -> {
            synchronized (last) {
                last[0] = Math.max(last[0], done);
            }
            assertEquals(30, total);
            return true;
        });
        assertEquals(30, last[0]);
    }

    /**
     * The defaults (Hann window, plain cross-correlation) on what a camera sees: a crop of a larger field that
     * drifts, so content leaves and enters at the edges and the frame edges stay put. {@code register}'s
     * settings lock onto the edges there (shift 0); the defaults follow the drift.
     */
    @Test
    void defaultsFollowContentThatLeavesTheFrame() {
        Random rnd = new Random(15);
        NdArray field = smooth(rnd, 96, 112);
        double[][] d = randomWalk(rnd, 12, 2);
        List<NdArray> crops = new ArrayList<>();
        for (NdArray f : frames(field, d)) {
            crops.add(f.subBox(new int[] {16, 16}, new int[] {80, 96}));
        }
        AlignmentResult r = StackAlignment.align(FrameSource.of(crops), AlignmentOptions.defaults());
        for (FrameShift f : r.frames()) {
            for (int a = 0; a < 2; a++) {
                assertEquals(-d[f.frame()][a], f.shift()[a], 0.15, f.toString());
            }
            assertTrue(f.peakValue() > 0.8 && f.peakValue() <= 1, f.toString());
        }
    }
}
