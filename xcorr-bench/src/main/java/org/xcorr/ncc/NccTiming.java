package org.xcorr.ncc;

import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.Mode;

/**
 * A quick timing main (the JMH benchmarks in org.xcorr.bench have the real measurements):
 * {@code java -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccTiming [imageSize templateSize mode reps]}.
 */
public final class NccTiming {

    private NccTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        Mode mode = args.length > 2 ? Mode.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Mode.VALID;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Random r = new Random(1);
        double[] img = new double[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextDouble();
        }
        NdArray image = NdArray.wrap(img, n, n);
        double[] tp = new double[m * m];
        for (int y = 0; y < m; y++) {
            System.arraycopy(img, (100 + y) * n + 200, tp, y * m, m);
        }
        NdArray template = NdArray.wrap(tp, m, m);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : Parallel.defaultThreads();
        NccOptions o = NccOptions.defaults().withMode(mode).withThreads(threads);
        int tile = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        TemplateMatcher tm = tile > 0
                ? TemplateMatcher.prepare(template, image.shape(), o, TemplateMatcher.Strategy.FFT, new int[] {tile, tile})
                : TemplateMatcher.prepare(template, image.shape(), o);
        System.out.println("plan: " + tm.describe() + ", threads " + o.threads());
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < reps; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            NdArray out = tm.ncc(image);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf("ncc %dx%d / %dx%d %s: %.1f ms wall, %.1f ms cpu of the calling thread (value at the"
                    + " planted copy %.6f)%n", n, n, m, m, mode, (t1 - t0) / 1e6, (c1 - c0) / 1e6, out.get(100, 200));
        }
    }
}
