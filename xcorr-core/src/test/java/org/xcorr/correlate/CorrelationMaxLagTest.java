package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.correlate.BruteForceCorrelation.compare;
import static org.xcorr.correlate.BruteForceCorrelation.random;
import static org.xcorr.correlate.BruteForceCorrelation.tolerance;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * {@link CorrelationOptions#maxLag()}: only the lags {@code |k| <= L} of a linear mode (SciPy#21552), equal to the
 * brute-force correlation of that mode cropped to them, by every method and thread count.
 */
class CorrelationMaxLagTest {

    /** The mode's brute-force output cropped to {@code |lag_d| <= limit_d}; also returns the first lags. */
    private static NdArray cropped(NdArray a, NdArray b, Mode mode, int[] limit, int[] firstLag) {
        NdArray whole = BruteForceCorrelation.correlate(a, b, mode, false);
        int rank = a.rank();
        int[] from = new int[rank];
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            int[] lags = Correlation.lags(a.shape(d), b.shape(d), mode);
            int l = limit.length == 1 ? limit[0] : limit[d];
            int first = -1;
            int count = 0;
            for (int i = 0; i < lags.length; i++) {
                if (Math.abs(lags[i]) <= l) {
                    if (first < 0) {
                        first = i;
                    }
                    count++;
                }
            }
            from[d] = first;
            shape[d] = count;
            firstLag[d] = lags[first];
        }
        int size = NdArray.sizeOf(shape);
        double[] re = new double[size];
        double[] im = new double[size];
        int[] idx = new int[rank];
        int[] src = new int[rank];
        for (int k = 0; k < size; k++) {
            BruteForceCorrelation.unravel(k, shape, idx);
            for (int d = 0; d < rank; d++) {
                src[d] = idx[d] + from[d];
            }
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                flat = flat * whole.shape(d) + src[d];
            }
            re[k] = whole.backingReal()[flat];
            im[k] = whole.isComplex() ? whole.backingImag()[flat] : 0;
        }
        return whole.isComplex() ? NdArray.wrapComplex(re, im, shape) : NdArray.wrap(re, shape);
    }

    @Test
    void everyMethodEqualsTheModeCroppedToTheLags() {
        Random rnd = new Random(21552);
        Mode[] modes = {Mode.FULL, Mode.SAME, Mode.VALID};
        int checked = 0;
        for (int t = 0; t < 120; t++) {
            int rank = 1 + t % 3;
            Mode mode = modes[(t / 3) % 3];
            int max = rank == 1 ? 80 : rank == 2 ? 20 : 8;
            int[] as = new int[rank];
            int[] bs = new int[rank];
            int[] limit = new int[rnd.nextBoolean() ? 1 : rank];
            for (int d = 0; d < rank; d++) {
                as[d] = 1 + rnd.nextInt(max);
                bs[d] = 1 + rnd.nextInt(mode == Mode.VALID ? as[d] : max);
            }
            for (int d = 0; d < limit.length; d++) {
                limit[d] = rnd.nextInt(max + 2);
            }
            NdArray a = random(rnd, t % 4 == 1, as);
            NdArray b = random(rnd, t % 4 == 2, bs);
            CorrelationOptions o = CorrelationOptions.of(mode).withMaxLag(limit);
            int[] first = new int[rank];
            NdArray want;
            try {
                want = cropped(a, b, mode, limit, first);
            } catch (ArrayIndexOutOfBoundsException noLagLeft) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Correlation.correlate(a, b, o));
                assertTrue(e.getMessage().contains("leaves no lag"), e.getMessage());
                continue;
            }
            assertArrayEquals(first, Correlation.firstLag(as, bs, o));
            assertArrayEquals(want.shape(), Correlation.outputShape(as, bs, o));
            for (Method m : Method.values()) {
                for (int threads : new int[] {1, 3}) {
                    NdArray got = Correlation.correlate(a, b, o.withMethod(m).withThreads(threads));
                    assertNull(compare(got, want, tolerance(a, b)),
                            mode + " a" + a.shapeString() + " b" + b.shapeString() + " L"
                                    + java.util.Arrays.toString(limit) + " " + m + " threads " + threads);
                }
            }
            checked++;
        }
        assertTrue(checked > 90, "only " + checked + " cases had lags left");
    }

    /** A long signal, a short lag window: the lag of the peak is the planted delay, and only 2L+1 values come back. */
    @Test
    void timeDelayOfALongSignalWithinTheWindow() {
        Random rnd = new Random(9);
        int n = 20000;
        double[] s = rnd.doubles(n, -1, 1).toArray();
        double[] delayed = new double[n];
        System.arraycopy(s, 0, delayed, 37, n - 37);
        CorrelationOptions o = CorrelationOptions.defaults().withMaxLag(50);
        NdArray c = Correlation.correlate(NdArray.wrap(delayed, n), NdArray.wrap(s, n), o);
        assertEquals(101, c.size());
        int best = 0;
        for (int i = 1; i < c.size(); i++) {
            if (c.backingReal()[i] > c.backingReal()[best]) {
                best = i;
            }
        }
        assertArrayEquals(new int[] {37}, Correlation.lagAt(new int[] {best}, new int[] {n}, new int[] {n}, o));
        assertEquals(Method.DIRECT, Correlation.chosenMethod(NdArray.wrap(delayed, n), NdArray.wrap(s, n), o));
    }

    @Test
    void badLimitsAreRefusedInOneLine() {
        assertThrows(IllegalArgumentException.class, () -> CorrelationOptions.defaults().withMaxLag(-1));
        assertThrows(IllegalArgumentException.class,
                () -> CorrelationOptions.of(Mode.CIRCULAR).withMaxLag(3));
        assertThrows(IllegalArgumentException.class, () -> CorrelationOptions.defaults().withMaxLag(1, 2, 3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.correlate(NdArray.zeros(5, 5), NdArray.zeros(2, 2),
                        CorrelationOptions.defaults().withMaxLag(1, 2, 3)));
        assertTrue(e.getMessage().contains("max-lag has 3 values"), e.getMessage());
        // valid mode covers lags 0..3 only; a window of width 0 at 0 is fine, nothing is left below it
        NdArray c = Correlation.correlate(NdArray.zeros(5), NdArray.zeros(2),
                CorrelationOptions.of(Mode.VALID).withMaxLag(0));
        assertEquals(1, c.size());
        assertEquals(new CorrelationOptions(Mode.FULL, false, Method.AUTO, 1, new int[] {2}),
                new CorrelationOptions(Mode.FULL, false, Method.AUTO, 1, new int[] {2}));
    }
}
