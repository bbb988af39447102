package org.xcorr.ncc;

import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;
import org.xcorr.correlate.Method;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.Summation;
import org.xcorr.ncc.internal.TemplateTables;

/**
 * Phase timing (not a test): {@code java -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccPhases [threads reps images templates]}; minimum
 * wall time of each phase of a VALID {@link TemplateMatcher#ncc} call.
 */
public final class NccPhases {

    private NccPhases() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] images = (args.length > 2 ? args[2] : "1024").split(",");
        String[] templates = (args.length > 3 ? args[3] : "8,32,128,512").split(",");
        for (String is : images) {
            int n = Integer.parseInt(is);
            Random r = new Random(1);
            double[] img = new double[n * n];
            for (int i = 0; i < img.length; i++) {
                img[i] = r.nextDouble();
            }
            NdArray image = NdArray.wrap(img, n, n);
            for (String ts : templates) {
                int m = Integer.parseInt(ts);
                double[] tp = new double[m * m];
                for (int y = 0; y < m; y++) {
                    System.arraycopy(img, (n / 3 + y) * n + n / 3, tp, y * m, m);
                }
                Geometry g = new Geometry(new int[] {n, n}, new int[] {m, m}, Mode.VALID);
                double tm = Summation.mean(tp);
                double[] c = new double[tp.length];
                double tsq = 0;
                for (int i = 0; i < c.length; i++) {
                    c[i] = tp[i] - tm;
                    tsq += c[i] * c[i];
                }
                TemplateTables tables = new TemplateTables(c, tp, g.template, false);
                double tsum = tables.sum(0, 1, 0, m, 0, m);
                double[] best = new double[6];
                java.util.Arrays.fill(best, Double.MAX_VALUE);
                String plan = "";
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    image.requireFinite("image");
                    long t1 = System.nanoTime();
                    double mean = Summation.mean(img, threads);
                    long t2 = System.nanoTime();
                    double[] out = new double[g.outputSize()];
                    long t3 = System.nanoTime();
                    CorrelationPlan cross = CorrelationPlan.plan(g, c, null, false, Method.AUTO, true, threads);
                    plan = cross.describe();
                    long t4 = System.nanoTime();
                    cross.compute(img, mean, out, threads);
                    long t5 = System.nanoTime();
                    double floor = WindowPass.numericFloor(cross.tileRoundoff(), Summation.sumOfSquares(img, mean, threads));
                    new WindowPass(g, img, mean, Padding.ZERO, 0.0, 0, tsq, tsum, tables, c, floor).run(out, threads);
                    long t6 = System.nanoTime();
                    long[] t = {t0, t1, t2, t3, t4, t5, t6};
                    for (int k = 0; k < 6; k++) {
                        best[k] = Math.min(best[k], (t[k + 1] - t[k]) / 1e6);
                    }
                }
                System.out.printf("%5d²/%3d² finite %5.2f mean %5.2f alloc %5.2f plan %6.2f cross %7.2f window %6.2f"
                        + " ms  [%s]%n", n, m, best[0], best[1], best[2], best[3], best[4], best[5], plan);
            }
        }
    }
}
