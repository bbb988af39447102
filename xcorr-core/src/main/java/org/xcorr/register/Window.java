package org.xcorr.register;

import org.xcorr.array.NdArray;

/**
 * Apodisation applied to an image before its Fourier transform, against the edge effects of the transform's
 * periodicity: without it, the jump between opposite edges correlates with itself at zero shift and pulls
 * registrations of drifting images towards 0 (MATLAB {@code imregcorr}'s {@code Window} option, the Hann
 * window of Fiji's Correct 3D Drift).
 */
public enum Window {
    /** No apodisation: the image as it is. */
    NONE,
    /**
     * Separable Hann window {@code w(n) = 0.5 - 0.5·cos(2πn/(N-1))} per axis (1 on an axis of length 1),
     * applied after subtracting the image's mean {@code μ}: {@code out[n] = (in[n] - μ)·Π_a w_a(n_a)}, so
     * that the window does not imprint its own shape on a bright image (the mean only moves the zero
     * frequency, which phase correlation ignores up to its normalization floor).
     */
    HANN;

    /** The parsed name ({@code hann} or {@code none}, any case). */
    public static Window parse(String name) {
        for (Window w : values()) {
            if (w.name().equalsIgnoreCase(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("window must be hann or none, got '" + name + "'");
    }

    /**
     * Applies the window to a real array (a new array; {@code image} is not changed). {@link #NONE} returns
     * {@code image} itself. Non-finite values stay non-finite (masked registration ignores them) and do not
     * enter the mean.
     */
    public NdArray apply(NdArray image) {
        if (this == NONE) {
            return image;
        }
        int[] shape = image.shape();
        int d = shape.length;
        double[][] w = new double[d][];
        for (int a = 0; a < d; a++) {
            int n = shape[a];
            w[a] = new double[n];
            for (int i = 0; i < n; i++) {
                w[a][i] = n == 1 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            }
        }
        double[] in = image.backingReal();
        double sum = 0;
        long count = 0;
        for (double v : in) {
            if (Double.isFinite(v)) {
                sum += v;
                count++;
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double[] out = new double[in.length];
        int[] idx = new int[d];
        for (int i = 0; i < in.length; i++) {
            double f = 1;
            for (int a = 0; a < d; a++) {
                f *= w[a][idx[a]];
            }
            out[i] = (in[i] - mean) * f;
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return NdArray.wrap(out, shape);
    }
}
