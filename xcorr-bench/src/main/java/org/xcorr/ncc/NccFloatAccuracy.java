package org.xcorr.ncc;

import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.Mode;

/**
 * Measures {@link Precision#FLOAT} against {@link Precision#DOUBLE} (not a test; the numbers go into the javadoc
 * of {@link Precision#FLOAT}): {@code max |γ_float - γ_double|} over every output for noise, a smooth
 * "natural-ish" image and a nearly flat patch, and the time of both at 4096²/128².
 * {@code java --add-modules jdk.incubator.vector -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccFloatAccuracy [timingReps]}.
 */
public final class NccFloatAccuracy {

    private NccFloatAccuracy() {
    }

    /** Prints the accuracy table, then (unless {@code args[0]} is 0) the timing, min of {@code args[0]} runs. */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = Parallel.defaultThreads();
        for (int m : new int[] {8, 32, 128}) {
            report("noise 1024², template " + m + "²", noise(1024, 1), m, Mode.FULL, threads);
        }
        for (int m : new int[] {8, 32, 128}) {
            report("natural 1024², template " + m + "²", natural(1024, 2), m, Mode.FULL, threads);
        }
        for (int m : new int[] {32, 128}) {
            report("natural 1024² + 1e4 offset, template " + m + "²", offset(natural(1024, 2), 1e4), m, Mode.FULL,
                    threads);
        }
        report("noise 4096², template 128²", noise(4096, 3), 128, Mode.VALID, threads);
        for (double amp : new double[] {1e-2, 1e-3, 1e-4, 1e-6}) {
            report("natural 1024² with a 300² patch of noise " + amp + ", template 32²", flatPatch(natural(1024, 4), amp),
                    32, Mode.FULL, threads);
        }
        if (reps > 0) {
            time(noise(4096, 5), 128, reps, threads);
        }
    }

    static NdArray noise(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble();
        }
        return NdArray.wrap(d, n, n);
    }

    /** Blurred noise at three scales, a gradient and a few bright rectangles: smooth, with edges. */
    static NdArray natural(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n * n];
        for (int scale : new int[] {3, 15, 60}) {
            double[] z = noise(n, r.nextLong()).backingReal().clone();
            double[] b = boxBlur(boxBlur(z, n, scale), n, scale);
            for (int i = 0; i < d.length; i++) {
                d[i] += b[i] * scale / 20.0;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                d[y * n + x] += 0.3 * x / n + 0.2 * y / n;
            }
        }
        for (int k = 0; k < 12; k++) {
            int y0 = r.nextInt(n - 100), x0 = r.nextInt(n - 100), h = 20 + r.nextInt(80), w = 20 + r.nextInt(80);
            double v = r.nextDouble();
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    d[y * n + x] += v;
                }
            }
        }
        return NdArray.wrap(d, n, n);
    }

    /** Separable box blur of radius {@code r}, clamped at the borders (rows then columns). */
    static double[] boxBlur(double[] a, int n, int r) {
        double[] t = new double[a.length];
        double[] o = new double[a.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                int c = 0;
                for (int k = Math.max(0, x - r); k <= Math.min(n - 1, x + r); k++, c++) {
                    s += a[y * n + k];
                }
                t[y * n + x] = s / c;
            }
        }
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                double s = 0;
                int c = 0;
                for (int k = Math.max(0, y - r); k <= Math.min(n - 1, y + r); k++, c++) {
                    s += t[k * n + x];
                }
                o[y * n + x] = s / c;
            }
        }
        return o;
    }

    static NdArray offset(NdArray a, double offset) {
        double[] d = a.backingReal().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += offset;
        }
        return NdArray.wrap(d, a.shape());
    }

    /** Replaces a 300² square at (500, 500) by 0.5 plus uniform noise of amplitude {@code amp}. */
    static NdArray flatPatch(NdArray a, double amp) {
        int n = a.shape(1);
        double[] d = a.backingReal().clone();
        Random r = new Random(9);
        for (int y = 500; y < 800; y++) {
            for (int x = 500; x < 800; x++) {
                d[y * n + x] = 0.5 + amp * r.nextDouble();
            }
        }
        return NdArray.wrap(d, a.shape());
    }

    static NdArray crop(NdArray image, int y0, int x0, int m) {
        int n = image.shape(1);
        double[] t = new double[m * m];
        for (int y = 0; y < m; y++) {
            System.arraycopy(image.backingReal(), (y0 + y) * n + x0, t, y * m, m);
        }
        return NdArray.wrap(t, m, m);
    }

    static void report(String what, NdArray image, int m, Mode mode, int threads) {
        NdArray template = crop(image, image.shape(0) / 5, image.shape(1) / 7, m);
        NccOptions d = new NccOptions(mode, Padding.ZERO, 0.3, threads);
        NccOptions f = d.withPrecision(Precision.FLOAT);
        double[] gd = Ncc.ncc(template, image, d).backingReal();
        double[] gf = Ncc.ncc(template, image, f).backingReal();
        double max = 0;
        double sum = 0;
        for (int i = 0; i < gd.length; i++) {
            double e = Math.abs(gd[i] - gf[i]);
            max = Math.max(max, e);
            sum += e * e;
        }
        String plan = TemplateMatcher.prepare(template, image.shape(), f, TemplateMatcher.Strategy.AUTO_ONE_SHOT, null)
                .describe();
        System.out.printf("%-70s max %.2e  rms %.2e  (%s)%n", what, max, Math.sqrt(sum / gd.length), plan);
    }

    static void time(NdArray image, int m, int reps, int threads) {
        NdArray template = crop(image, 100, 200, m);
        for (Precision p : new Precision[] {Precision.DOUBLE, Precision.FLOAT, Precision.DOUBLE, Precision.FLOAT}) {
            NccOptions o = new NccOptions(Mode.VALID, Padding.ZERO, 0.3, threads, p);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                Ncc.ncc(template, image, o);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("ncc 4096²/128² valid %s, %d threads: min of %d = %.1f ms%n", p, threads, reps,
                    best / 1e6);
        }
    }
}
