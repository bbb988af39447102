package org.xcorr.correlate;

import org.junit.jupiter.api.Nested;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;

/**
 * {@link CorrelationContract} run against {@link Correlation#correlate} with each {@link Method}, with a lag limit
 * that keeps every lag, and against the planner's FFT tiles forced small (several overlap-save tiles per axis).
 */
class CorrelationContractTest {

    /** {@link Correlation#correlate} with one method. */
    abstract static class MethodContract extends CorrelationContract {
        final Method method;

        MethodContract(Method method) {
            this.method = method;
        }

        @Override
        NdArray correlate(NdArray a, NdArray b, Mode mode, boolean centered, int threads) {
            return Correlation.correlate(a, b, new CorrelationOptions(mode, centered, method, threads, null));
        }
    }

    @Nested
    class Direct extends MethodContract {
        Direct() {
            super(Method.DIRECT);
        }
    }

    @Nested
    class Fft extends MethodContract {
        Fft() {
            super(Method.FFT);
        }
    }

    @Nested
    class Auto extends MethodContract {
        Auto() {
            super(Method.AUTO);
        }
    }

    /** A lag limit as large as the longest axis: every lag of the linear mode is kept, so nothing may change. */
    @Nested
    class MaxLagKeepingEveryLag extends CorrelationContract {
        @Override
        boolean supports(Mode mode) {
            return mode != Mode.CIRCULAR;
        }

        @Override
        NdArray correlate(NdArray a, NdArray b, Mode mode, boolean centered, int threads) {
            int longest = 0;
            for (int d = 0; d < a.rank(); d++) {
                longest = Math.max(longest, a.shape(d) + b.shape(d));
            }
            return Correlation.correlate(a, b, CorrelationOptions.of(mode).withThreads(threads).withMaxLag(longest));
        }
    }

    /** The planner's FFT path with tile lengths of the kernel + 2 per axis (at most the single-tile length). */
    @Nested
    class PlannerSmallFftTiles extends CorrelationContract {
        @Override
        NdArray correlate(NdArray a, NdArray b, Mode mode, boolean centered, int threads) {
            int[] tiles = b.shape();
            for (int d = 0; d < tiles.length; d++) {
                tiles[d] += 2;
            }
            Geometry g = new Geometry(a.shape(), b.shape(), mode, centered);
            CorrelationPlan plan = CorrelationPlan.fft(g, b.backingReal(), b.backingImag(), a.isComplex(), tiles);
            boolean complex = a.isComplex() || b.isComplex();
            double[] re = new double[g.outputSize()];
            double[] im = complex ? new double[g.outputSize()] : null;
            plan.compute(a.backingReal(), a.backingImag(), 0.0, re, im, threads);
            int[] shape = g.narrow(g.output);
            return complex ? NdArray.wrapComplex(re, im, shape) : NdArray.wrap(re, shape);
        }
    }
}
