package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.correlate.BruteForceCorrelation.compare;
import static org.xcorr.correlate.BruteForceCorrelation.random;
import static org.xcorr.correlate.BruteForceCorrelation.tolerance;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * What every way of computing a correlation promises (one subclass per entry point or forced strategy, nested in
 * {@link CorrelationContractTest}): the SPEC §1 sum ({@link BruteForceCorrelation}) in every mode it supports,
 * for 1-D, 2-D and 3-D, real and complex inputs, kernels from one sample to the whole input; the same bits for
 * any thread count; and inputs left unmodified.
 */
abstract class CorrelationContract {

    /** The data of every case; fixed so a failure replays. */
    private static final long SEED = 20261207L;

    /** {@code a ⋆ b} in {@code mode} on {@code threads} threads. */
    abstract NdArray correlate(NdArray a, NdArray b, Mode mode, boolean centered, int threads);

    /** Whether this entry point serves {@code mode} (a lag limit, for one, serves the linear modes only). */
    boolean supports(Mode mode) {
        return true;
    }

    /** Shapes of a and b: odd, even, prime, a one-sample kernel and a kernel as large as a. */
    static final int[][][] SHAPES = {
        {{13}, {4}}, {{16}, {16}}, {{7}, {1}},
        {{9, 11}, {3, 4}}, {{8, 6}, {8, 6}}, {{5, 12}, {1, 5}},
        {{5, 4, 6}, {2, 3, 3}},
    };

    @Test
    void equalsTheBruteForceSum() {
        Random r = new Random(SEED);
        int cases = 0;
        for (int[][] s : SHAPES) {
            for (Mode mode : Mode.values()) {
                if (!supports(mode)) {
                    continue;
                }
                for (int kind = 0; kind < 3; kind++) {
                    NdArray a = random(r, kind == 1, s[0]);
                    NdArray b = random(r, kind == 2, s[1]);
                    for (boolean centered : mode == Mode.CIRCULAR ? new boolean[] {false, true} : new boolean[] {false}) {
                        NdArray want = BruteForceCorrelation.correlate(a, b, mode, centered);
                        NdArray got = correlate(a, b, mode, centered, 1);
                        assertNull(compare(got, want, tolerance(a, b)), mode + (centered ? " centred " : " ")
                                + Arrays.toString(s[0]) + " ⋆ " + Arrays.toString(s[1]) + " kind " + kind);
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases >= 3 * SHAPES.length * 3, "too few cases: " + cases);
    }

    @Test
    void threadCountDoesNotChangeABit() {
        Random r = new Random(SEED + 1);
        NdArray a = random(r, false, 37, 29);
        NdArray b = random(r, false, 6, 5);
        for (Mode mode : Mode.values()) {
            if (supports(mode)) {
                NdArray one = correlate(a, b, mode, false, 1);
                NdArray three = correlate(a, b, mode, false, 3);
                assertArrayEquals(one.backingReal(), three.backingReal(), mode + ": 1 vs 3 threads");
            }
        }
    }

    @Test
    void inputsAreLeftUnmodified() {
        Random r = new Random(SEED + 2);
        NdArray a = random(r, true, 10, 7);
        NdArray b = random(r, false, 3, 4);
        double[] are = a.backingReal().clone();
        double[] aim = a.backingImag().clone();
        double[] bre = b.backingReal().clone();
        for (Mode mode : Mode.values()) {
            if (supports(mode)) {
                correlate(a, b, mode, false, 2);
            }
        }
        assertArrayEquals(are, a.backingReal(), "a (real part) modified");
        assertArrayEquals(aim, a.backingImag(), "a (imaginary part) modified");
        assertArrayEquals(bre, b.backingReal(), "b modified");
    }
}
