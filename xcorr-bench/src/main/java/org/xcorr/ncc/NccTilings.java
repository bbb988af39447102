package org.xcorr.ncc;

import java.util.Random;
import org.xcorr.correlate.Mode;
import org.xcorr.correlate.Method;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;

/**
 * Cross-term timing per tile length (not a test): {@code java -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccTilings threads reps image
 * template len,len,...}; minimum wall time of {@code compute} per forced square tiling, and the model's choice.
 */
public final class NccTilings {

    private NccTilings() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        Random r = new Random(1);
        double[] img = new double[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextDouble();
        }
        double[] t = new double[m * m];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextDouble() - 0.5;
        }
        Geometry g = new Geometry(new int[] {n, n}, new int[] {m, m}, Mode.VALID);
        double[] out = new double[g.outputSize()];
        System.out.printf("%d²/%d²: model picks %s (reuse), %s (one shot)%n", n, m, CorrelationPlan.plan(g, t, null, false, Method.AUTO, false, 1).describe(),
                CorrelationPlan.plan(g, t, null, false, Method.AUTO, true, 1).describe());
        for (String ls : args[4].split(",")) {
            int l = Integer.parseInt(ls);
            CorrelationPlan c = l == 0 ? CorrelationPlan.plan(g, t, null, false, Method.DIRECT, false, 1)
                    : CorrelationPlan.fft(g, t, new int[] {l, l});
            double best = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                c.compute(img, 0.5, out, threads);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf("  %-32s %8.2f ms%n", c.describe(), best);
        }
    }
}
