package org.xcorr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
        return json(output, result, scan(result, highest), origin);
    }

    /** Writes a result file: {@link Outputs#writeMap} or {@link org.xcorr.io.ArrayFiles#write} of the map. */
    @FunctionalInterface
    interface Write {
        /** Writes the file. */
        void run() throws IOException;
    }

    /**
     * Maps of at least this many values are scanned on a second thread while they are written
     * ({@link #ofWhileWriting}): 2 MiB of float64, where a thread's start (0.1-0.5 ms) is a small part of the
     * scan it moves off the write's path.
     */
    static final int CONCURRENT_SCAN_MIN = 1 << 18;

    /**
     * Runs {@code write} and returns {@link #of(Path, NdArray, boolean, int[])}, the scan running on a second
     * thread during the write when {@code threads > 1} and the map holds at least {@link #CONCURRENT_SCAN_MIN}
     * values. Both only read the map. Why: at the end of a one-shot run the write (a copy into the page cache, in
     * the kernel) and the scan (one pass over the map, C1-compiled) each took 0.07-0.14 s of a 4096^2 ncc run on
     * the 2-core machine, one after the other (xcorr-bench/RESULTS.md, "Issue 16: where a 4096² one-shot run
     * spends its time"). The summary is the same either way: the same scan, in the same order, on a map nobody
     * writes while it runs. A failed write throws at once; the scan, left running, ends on its own (a daemon
     * thread that holds only the map).
     *
     * @param threads the command's {@code --threads}: 1 keeps everything on the calling thread
     */
    static Json ofWhileWriting(Path output, NdArray result, boolean highest, int[] origin, int threads, Write write)
            throws IOException {
        if (threads <= 1 || result.size() < CONCURRENT_SCAN_MIN) {
            write.run();
            return of(output, result, highest, origin);
        }
        FutureTask<Scan> scan = new FutureTask<>(() -> scan(result, highest));
        Thread t = new Thread(scan, "xcorr-summary");
        t.setDaemon(true);
        t.start();
        write.run();
        Scan s;
        try {
            s = scan.get();
        } catch (ExecutionException e) {
            // scan throws nothing of its own; an Error (out of memory) or a bug's RuntimeException passes through
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s = scan(result, highest);
        }
        return json(output, result, s, origin);
    }

    private static Json json(Path output, NdArray result, Scan s, int[] origin) {
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
