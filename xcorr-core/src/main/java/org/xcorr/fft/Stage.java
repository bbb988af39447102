package org.xcorr.fft;

/**
 * One pass of a {@link SmoothFft} plan, built once per length: the radix {@code r}, the Stockham stride
 * {@code s} (the product of the radices of the passes before it), the {@code m = n/(r·s)} butterflies' twiddle
 * factors and the kernel that runs it, scalar ({@link Butterflies}) or SIMD ({@link VectorButterflies}), chosen
 * once by {@link Simd#ENABLED}. A plan is the list of its stages; {@link #apply} is the only thing a plan calls.
 *
 * <p>The pass computes, for {@code p < m}, {@code q < s}, {@code k < r},
 * <pre>
 *   y[q + s·(r·p + k)] = w^(k·p) · Σ_{j&lt;r} x[q + s·(p + j·m)] · ω_r^(j·k),
 * </pre>
 * with {@code ω_r = exp(-2πi/r)} and {@code w = exp(-2πi/(r·m))}.
 */
final class Stage {

    /** A radix-r butterfly pass over lane-batched lines, as documented on {@link Butterflies}. */
    @FunctionalInterface
    interface Kernel {
        /** Runs the pass with {@code m} butterflies and Stockham stride {@code s} over {@code lanes} lanes. */
        void run(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi);
    }

    final int radix;
    final int stride;
    private final int m;
    private final double[] twr;
    private final double[] twi;
    private final Kernel kernel;

    /**
     * The stage of radix {@code radix} that follows passes whose radices multiply to {@code stride}, in a
     * transform of length {@code n}. Twiddles come from exact angles: {@code tw[p·(r-1) + k-1] = w^(k·p)}; the
     * row {@code p = 0} is exactly {@code (1, +0)}, so kernels read every row the same way.
     */
    Stage(int n, int radix, int stride) {
        this.radix = radix;
        this.stride = stride;
        int current = n / stride;
        this.m = current / radix;
        this.twr = new double[m * (radix - 1)];
        this.twi = new double[m * (radix - 1)];
        for (int p = 0; p < m; p++) {
            for (int k = 1; k < radix; k++) {
                double angle = -2 * Math.PI * ((long) k * p % current) / current;
                twr[p * (radix - 1) + k - 1] = Math.cos(angle);
                // + 0.0 turns sin(-0.0) into +0.0: row p = 0 is exactly (1, +0), the values the kernels multiply by
                // when they load it unconditionally (bit-identical to skipping the load there)
                twi[p * (radix - 1) + k - 1] = Math.sin(angle) + 0.0;
            }
        }
        this.kernel = kernel(radix, Simd.ENABLED);
    }

    /** The kernel of a radix, vector or scalar: the one place that maps radices to butterflies. */
    static Kernel kernel(int radix, boolean simd) {
        return switch (radix) {
            case 2 -> simd ? VectorButterflies::radix2 : Butterflies::radix2;
            case 3 -> simd ? VectorButterflies::radix3 : Butterflies::radix3;
            case 4 -> simd ? VectorButterflies::radix4 : Butterflies::radix4;
            case 5 -> simd ? VectorButterflies::radix5 : Butterflies::radix5;
            case 7 -> simd ? VectorButterflies::radix7 : Butterflies::radix7;
            case 8 -> simd ? VectorButterflies::radix8 : Butterflies::radix8;
            default -> throw new IllegalArgumentException("no butterfly of radix " + radix);
        };
    }

    /**
     * Runs this pass from {@code x} to {@code y} over {@code lanes} lanes. When both sides are dense
     * ({@code stride = lanes}) the Stockham stride is folded into the lanes ({@code s} consecutive elements become
     * one element of {@code s·lanes} lanes), so the kernel's inner loop is as long as possible.
     */
    void apply(int lanes, Lines x, Lines y) {
        if (stride > 1 && x.stride() == lanes && y.stride() == lanes) {
            kernel.run(m, 1, stride * lanes, x.grouped(stride), y.grouped(stride), twr, twi);
        } else {
            kernel.run(m, stride, lanes, x, y, twr, twi);
        }
    }
}
