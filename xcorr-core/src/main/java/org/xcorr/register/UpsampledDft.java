package org.xcorr.register;

/**
 * The matrix-multiply ("upsampled") DFT of Guizar-Sicairos, Thurman &amp; Fienup (2008,
 * doi:10.1364/OL.33.000156), evaluated from a half spectrum.
 *
 * <p>Evaluates, at the {@code m^d} points {@code x_a = s_a + (i_a - dftshift)/u} ({@code i_a = 0..m-1},
 * {@code s_a} integers), the inverse DFT without normalization of the full (Hermitian) spectrum {@code P}
 * of which only the half {@code H} (last axis {@code n/2+1}, as {@code rfftn} stores it) is given:
 * <pre>  CC(x) = Σ_k P[k] · exp(2πi Σ_a f_a(k_a) x_a),   f_a(k) = fftfreq(n_a)[k]</pre>
 * with numpy's frequency convention (the Nyquist bin of an even axis is the negative frequency −1/2). This
 * is exactly what scikit-image's {@code _upsampled_dft} computes on the full spectrum. Because the Nyquist
 * bins have no partner, {@code CC} is complex even though {@code P} is Hermitian; the reconstruction of the
 * missing half below keeps that exactly: {@code P[-k] = conj(H[k])}, and contracting the leading axes with
 * the "mirror" kernel {@code K'[p,k] = conj(K[p,-k])} (which differs from {@code K} only in the Nyquist
 * column) gives the missing half of the last axis as a conjugate ({@link HalfSpectrum}).
 *
 * <p>Speed: every axis kernel ({@link AxisKernel}) {@code E[i,k] = exp(2πi f_k (s + t_i))} is split as
 * {@code R[k]·Σ_p X[i,p]·K[p,k]} with the demodulation {@code R[k] = exp(2πi f_k s)} applied to the data,
 * real {@code X}, and either the direct kernel ({@code X} = identity, {@code K[i,k] = exp(2πi f_k t_i)}, rank
 * {@code m}) or, when shorter, the Taylor expansion {@code K[p,k] = (2πi f_k)^p/p!}, {@code X[i,p] = t_i^p}
 * whose rank {@code P} is the first with {@code (π·max|t|)^P / P!} below 1e-17 (about 26 terms for
 * {@code |t| <= 0.75}), independent of {@code u}. Frequencies {@code ±k} are paired so each term costs one
 * real×complex multiply-add per pair. For a 2-D {@code ny×nx} image the dominant cost is
 * {@code ny·(nx/2+1)·r} real×complex multiply-adds with {@code r = min(m, P)}, against
 * {@code ny·nx·m} complex ones for the plain matrix products. At 2048², {@code u = 100} ({@code m = 150},
 * {@code r = 26}) that is about 1.1·10⁸ flops against 2.5·10⁹ for the full-spectrum matrix products (1.3·10⁹
 * on the half spectrum). The contraction is blocked like a matrix product ({@link AxisContraction}) so it runs
 * near arithmetic speed instead of re-reading its output for every frequency pair (a time on one machine:
 * {@code xcorr-bench/RESULTS.md}, "Numbers moved from the javadoc").
 */
final class UpsampledDft {

    private UpsampledDft() {
    }

    /**
     * Evaluates {@code CC} (see the class comment) at the {@code m^d} points around {@code s}: as scikit-image's
     * {@code _upsampled_dft}, a kernel per axis and a contraction of the data along each axis with it.
     *
     * @param half     the half spectrum, shape {@code shape} with the last axis {@code n/2+1}
     * @param shape    the full real-space shape
     * @param s        integer centre per axis
     * @param u        upsample factor
     * @param m        points per axis
     * @param dftshift index of the centre point
     * @param threads  worker threads (the result does not depend on them)
     * @return the {@code m^d} values, row-major
     */
    static ComplexArray evaluate(ComplexArray half, int[] shape, long[] s, int u, int m, int dftshift, int threads) {
        return evaluate(half, shape, s, bases(shape, u, m, dftshift), threads);
    }

    /** The centre-independent kernel part of every axis, for {@link #evaluate(ComplexArray, int[], long[], AxisKernel.Basis[], int)}. */
    static AxisKernel.Basis[] bases(int[] shape, int u, int m, int dftshift) {
        AxisKernel.Basis[] bases = new AxisKernel.Basis[shape.length];
        for (int a = 0; a < shape.length; a++) {
            bases[a] = new AxisKernel.Basis(shape[a], m, dftshift, u);
        }
        return bases;
    }

    /**
     * {@link #evaluate(ComplexArray, int[], long[], int, int, int, int)} with the kernels' centre-independent parts
     * given ({@link #bases}; a prepared reference keeps them from call to call).
     */
    static ComplexArray evaluate(ComplexArray half, int[] shape, long[] s, AxisKernel.Basis[] bases, int threads) {
        int d = shape.length;
        int m = bases[0].m;
        AxisKernel[] kernels = new AxisKernel[d];
        for (int a = 0; a < d; a++) {
            kernels[a] = new AxisKernel(bases[a], s[a]);
        }
        HalfSpectrum data = HalfSpectrum.of(half, shape);
        for (int a = 0; a < d - 1; a++) {
            data = data.contract(kernels[a], threads);
        }
        ComplexArray out = data.contractLast(kernels[d - 1], threads);
        // every axis now has its kernel's rank; expand each to the m points
        int[] dims = new int[d];
        for (int a = 0; a < d; a++) {
            dims[a] = kernels[a].r;
        }
        for (int a = 0; a < d; a++) {
            out = kernels[a].expand(out, dims, a, m);
            dims[a] = m;
        }
        return out;
    }
}
