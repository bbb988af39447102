package org.xcorr.ncc;

import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Warm-up and steady-state timing like a JMH fork (not a test):
 * {@code java -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccWarmup image template threads ncc|matcher seconds}: prints the average
 * time per call of each one-second iteration of a fresh JVM.
 */
public final class NccWarmup {

    private NccWarmup() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int m = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean oneShot = args[3].equals("ncc");
        int seconds = Integer.parseInt(args[4]);
        Random r = new Random(1);
        double[] img = new double[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextDouble();
        }
        NdArray image = NdArray.wrap(img, n, n);
        int corner = (n - m) / 3;
        double[] tp = new double[m * m];
        for (int y = 0; y < m; y++) {
            System.arraycopy(img, (corner + y) * n + corner, tp, y * m, m);
        }
        NdArray template = NdArray.wrap(tp, m, m);
        NccOptions o = NccOptions.defaults().withMode(Mode.VALID).withThreads(threads);
        TemplateMatcher tm = TemplateMatcher.prepare(template, image.shape(), o);
        StringBuilder sb = new StringBuilder();
        long first = 0;
        for (int it = 0; it < seconds; it++) {
            long start = System.nanoTime();
            int calls = 0;
            double best = Double.MAX_VALUE;
            while (System.nanoTime() - start < 1_000_000_000L) {
                long t0 = System.nanoTime();
                NdArray out = oneShot ? Ncc.ncc(template, image, o) : tm.ncc(image);
                long t1 = System.nanoTime();
                if (first == 0) {
                    first = t1 - t0;
                }
                best = Math.min(best, (t1 - t0) / 1e6);
                calls++;
            }
            sb.append(String.format(" %.1f(min %.1f)", (System.nanoTime() - start) / 1e6 / calls, best));
        }
        System.out.printf("%d²/%d² %s threads %d: first call %.1f ms; per iteration avg(min):%s%n", n, m, args[3], threads,
                first / 1e6, sb);
    }
}
