package org.xcorr.register;

import org.xcorr.concurrent.Parallel;

/**
 * The contraction of one leading axis of the {@link UpsampledDft}, {@code out[o,p,c] = Σ_k K[p,k]·R[k]·in[o,k,c]},
 * blocked like a matrix product so it runs near arithmetic speed instead of re-reading its output for every
 * frequency. Frequencies {@code ±j} are paired so each term costs one real×complex multiply-add per pair.
 */
final class AxisContraction {

    /** Columns per task of a contraction: the output block (r × CHUNK, complex) stays in L1/L2. */
    private static final int CHUNK = 64;

    /** Frequency pairs demodulated together before they are applied (multiple of 4, see accumulate). */
    private static final int BLOCK = 16;

    private AxisContraction() {
    }

    /**
     * Contracts the middle axis of {@code in} (shape {@code outer × n × inner}) with the axis kernel after
     * demodulation: {@code out[o,p,c] = Σ_k K[p,k]·R[k]·in[o,k,c]} (shape {@code outer × r × inner}); with
     * {@code mirror} the Nyquist column uses {@code conj(K)}.
     */
    static ComplexArray contract(ComplexArray in, int outer, AxisKernel ax, int inner, boolean mirror, int threads) {
        double[] inRe = in.re();
        double[] inIm = in.im();
        int n = ax.n;
        int r = ax.r;
        double[] outRe = new double[outer * r * inner];
        double[] outIm = new double[outer * r * inner];
        int pairs = (n - 1) / 2;
        // even/odd parts of the kernel over the pair (j, n-j), built once per basis
        double[] ae = ax.basis.ae;
        double[] bo = ax.basis.bo;
        boolean[] hasEven = ax.basis.hasEven;
        boolean[] hasOdd = ax.basis.hasOdd;
        // Blocked like a matrix product: BLOCK frequency pairs are demodulated into scratch rows, then each
        // output row takes all of them in one pass, so the output block (r rows of CHUNK columns, cache
        // resident) is loaded and stored once per BLOCK pairs instead of once per pair. The grouping of the
        // sum depends only on j, never on the chunking, so every thread count gives the same bits.
        int chunk = CHUNK;
        int chunks = (inner + chunk - 1) / chunk;
        int kernelStride = pairs + 1;
        Parallel.forRange(threads, outer * chunks, (from, to) -> {
            double[][] sRe = new double[BLOCK][chunk];
            double[][] sIm = new double[BLOCK][chunk];
            double[][] dRe = new double[BLOCK][chunk];
            double[][] dIm = new double[BLOCK][chunk];
            double[][] accRe = new double[r][chunk];
            double[][] accIm = new double[r][chunk];
            for (int task = from; task < to; task++) {
                int o = task / chunks;
                int c0 = (task % chunks) * chunk;
                int len = Math.min(chunk, inner - c0);
                int inBase = o * n * inner + c0;
                int outBase = o * r * inner + c0;
                // k = 0: frequency 0, real kernel, R = 1
                for (int p = 0; p < r; p++) {
                    double kr = ax.kRe[p * n];
                    double[] ar = accRe[p];
                    double[] ai = accIm[p];
                    for (int c = 0; c < len; c++) {
                        ar[c] = kr * inRe[inBase + c];
                        ai[c] = kr * inIm[inBase + c];
                    }
                }
                for (int j0 = 1; j0 <= pairs; j0 += BLOCK) {
                    int count = Math.min(BLOCK, pairs + 1 - j0);
                    for (int q = 0; q < count; q++) {
                        int j = j0 + q;
                        double rr = ax.rRe[j];
                        double ri = ax.rIm[j];
                        int ia = inBase + j * inner;
                        int ib = inBase + (n - j) * inner;
                        double[] sr = sRe[q];
                        double[] si = sIm[q];
                        double[] dr = dRe[q];
                        double[] di = dIm[q];
                        for (int c = 0; c < len; c++) {
                            double xr = rr * inRe[ia + c] - ri * inIm[ia + c];
                            double xi = rr * inIm[ia + c] + ri * inRe[ia + c];
                            // R[n-j] = conj(R[j])
                            double yr = rr * inRe[ib + c] + ri * inIm[ib + c];
                            double yi = rr * inIm[ib + c] - ri * inRe[ib + c];
                            sr[c] = xr + yr;
                            si[c] = xi + yi;
                            dr[c] = xr - yr;
                            di[c] = xi - yi;
                        }
                    }
                    for (int p = 0; p < r; p++) {
                        int kb = p * kernelStride + j0;
                        if (hasEven[p]) {
                            accumulate(accRe[p], accIm[p], ae, kb, count, sRe, sIm, len, false);
                        }
                        if (hasOdd[p]) {
                            // i·bo·D: real part -bo·Im D, imaginary part bo·Re D
                            accumulate(accRe[p], accIm[p], bo, kb, count, dRe, dIm, len, true);
                        }
                    }
                }
                if (n % 2 == 0) {
                    int k = n / 2;
                    double rn = ax.rRe[k];
                    int ia = inBase + k * inner;
                    for (int p = 0; p < r; p++) {
                        double kr = ax.kRe[p * n + k] * rn;
                        double ki = (mirror ? -ax.kIm[p * n + k] : ax.kIm[p * n + k]) * rn;
                        double[] ar = accRe[p];
                        double[] ai = accIm[p];
                        for (int c = 0; c < len; c++) {
                            ar[c] += kr * inRe[ia + c] - ki * inIm[ia + c];
                            ai[c] += kr * inIm[ia + c] + ki * inRe[ia + c];
                        }
                    }
                }
                for (int p = 0; p < r; p++) {
                    System.arraycopy(accRe[p], 0, outRe, outBase + p * inner, len);
                    System.arraycopy(accIm[p], 0, outIm, outBase + p * inner, len);
                }
            }
        });
        return new ComplexArray(outRe, outIm);
    }

    /**
     * {@code out[ob + c] += Σ_{q<count} w[kb + q]·v_q[c]} for {@code c < len}, with {@code v_q} the scratch row
     * {@code q} (stride {@code chunk}); with {@code timesI} the sum is multiplied by {@code i}. Unrolled by 4
     * so one load/store of the output serves four terms.
     */
    private static void accumulate(double[] accRe, double[] accIm, double[] w, int kb, int count,
            double[][] vRe, double[][] vIm, int len, boolean timesI) {
        // timesI: (x + iy)·i = -y + ix, so read the parts swapped and negate the new real part
        double[][] aRe = timesI ? vIm : vRe;
        double[][] aIm = timesI ? vRe : vIm;
        double sign = timesI ? -1 : 1;
        int q = 0;
        for (; q + 4 <= count; q += 4) {
            double w0 = w[kb + q];
            double w1 = w[kb + q + 1];
            double w2 = w[kb + q + 2];
            double w3 = w[kb + q + 3];
            double n0 = sign * w0;
            double n1 = sign * w1;
            double n2 = sign * w2;
            double n3 = sign * w3;
            double[] r0 = aRe[q];
            double[] r1 = aRe[q + 1];
            double[] r2 = aRe[q + 2];
            double[] r3 = aRe[q + 3];
            double[] i0 = aIm[q];
            double[] i1 = aIm[q + 1];
            double[] i2 = aIm[q + 2];
            double[] i3 = aIm[q + 3];
            for (int c = 0; c < len; c++) {
                accRe[c] += n0 * r0[c] + n1 * r1[c] + n2 * r2[c] + n3 * r3[c];
            }
            for (int c = 0; c < len; c++) {
                accIm[c] += w0 * i0[c] + w1 * i1[c] + w2 * i2[c] + w3 * i3[c];
            }
        }
        for (; q < count; q++) {
            double w0 = w[kb + q];
            double n0 = sign * w0;
            double[] r0 = aRe[q];
            double[] i0 = aIm[q];
            for (int c = 0; c < len; c++) {
                accRe[c] += n0 * r0[c];
            }
            for (int c = 0; c < len; c++) {
                accIm[c] += w0 * i0[c];
            }
        }
    }
}
