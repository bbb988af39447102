package org.xcorr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.Json;

/**
 * The one JSON object that a command writing an array prints on stdout, so a script (or a person) learns the
 * answer without opening the file: {@code {"output": "ncc.npy", "shape": [..], "peak": [..], "value": v, "min": m,
 * "max": M}}.
 *
 * <p>{@code peak} is the index of the best value, the first in row-major order: the maximum, or the minimum for
 * the maps where lower is better ({@code match --method sqdiff, sqdiff-normed}); {@code value} is the value there.
 * For complex arrays the magnitude is compared and printed (and {@code "complex": true} is added). Commands add
 * their own keys: {@code correlate}'s {@code lag}, the peak's index turned into a lag by SPEC §1 ({@code i - (Nb-1)}
 * full, {@code i - floor(Nb/2)} same and circular centred, {@code i} valid and circular), and in circular mode
 * {@code lag_wrapped}, the same lag modulo {@code Na} nearest zero; {@code ncc}'s and {@code match}'s
 * {@code offset}, the position of the template's first pixel in the image for the peak placement (for {@code ncc}
 * the lag of {@code correlate(image, template, mode)}, for {@code match} the peak itself, as OpenCV's
 * {@code minMaxLoc} location but in axis order {@code [y, x]}).
 */
final class Summary {

    private Summary() {
    }

    /** The summary of {@code result}, written to {@code output}; the peak is the maximum when {@code highest}. */
    static Json of(Path output, NdArray result, boolean highest) {
        return of(output, result, highest, null);
    }

    /**
     * {@link #of(Path, NdArray, boolean)} with {@code "offset": peak - origin} appended when {@code origin} is
     * not null. One pass over the map finds the minimum, the maximum and the peak together: on a 4096^2 map of
     * a one-shot run each separate pass cost 30-150 ms (it runs interpreted until compiled), and ncc used to make
     * three of them.
     */
    static Json of(Path output, NdArray result, boolean highest, int[] origin) {
        Scan s = scan(result, highest);
        int[] peak = result.unravel(s.best());
        Json j = new Json().put("output", output.toString()).put("shape", result.shape())
                .put("peak", peak).put("value", value(result, s.best()))
                .put("min", s.min()).put("max", s.max());
        if (result.isComplex()) {
            j.put("complex", true);
        }
        if (origin != null) {
            j.put("offset", minus(peak, origin));
        }
        return j;
    }

    /**
     * The index of the first largest value (or smallest, when not {@code highest}) in row-major order,
     * magnitudes for complex arrays.
     */
    static int[] best(NdArray result, boolean highest) {
        return result.unravel(scan(result, highest).best());
    }

    /** Minimum, maximum and the flat index of the first peak of a map (magnitudes for complex ones). */
    private record Scan(double min, double max, int best) {
    }

    /** The one pass behind {@link #of} and {@link #best}; the real branch reads the backing array directly. */
    private static Scan scan(NdArray result, boolean highest) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        boolean complex = result.isComplex();
        double[] re = complex ? null : result.backingReal();
        double bestValue = complex ? value(result, 0) : re[0];
        for (int i = 0, n = result.size(); i < n; i++) {
            double v = complex ? value(result, i) : re[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (highest ? v > bestValue : v < bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return new Scan(min, max, best);
    }

    /** {@code index - origin} per axis: a map index turned into an offset or lag. */
    static int[] minus(int[] index, int[] origin) {
        int[] out = new int[index.length];
        for (int a = 0; a < index.length; a++) {
            out[a] = index[a] - origin[a];
        }
        return out;
    }

    /**
     * A circular lag turned into its representative nearest zero, per axis: {@code lag mod N} in
     * {@code [-floor(N/2), ceil(N/2) - 1]}, the range of NumPy's {@code fftfreq(N) * N} (for even {@code N} the
     * lag {@code N/2} reads as {@code -N/2}).
     */
    static int[] wrap(int[] lag, int[] period) {
        int[] out = new int[lag.length];
        for (int a = 0; a < lag.length; a++) {
            int n = period[a];
            int w = Math.floorMod(lag[a], n);
            out[a] = w >= (n + 1) / 2 ? w - n : w;
        }
        return out;
    }

    private static double value(NdArray a, int flat) {
        return a.isComplex() ? Math.hypot(a.backingReal()[flat], a.backingImag()[flat]) : a.backingReal()[flat];
    }

    /** Prints {@code json} (a {@link Json} object or a JSON list's text) as one line on the command's stdout. */
    static void print(picocli.CommandLine.Model.CommandSpec spec, Object json) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
    }
}
