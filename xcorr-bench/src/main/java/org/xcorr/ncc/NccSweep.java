package org.xcorr.ncc;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * A timing sweep (not a test): {@code java -cp xcorr-bench/target/benchmarks.jar org.xcorr.ncc.NccSweep [threads reps images templates]}, e.g.
 * {@code 2 15 1024,4096 8,32,128,512}. Prints per cell the plans and the minimum wall and process-CPU time of
 * the one-shot {@link Ncc#ncc} and of a prepared {@link TemplateMatcher}.
 */
public final class NccSweep {

    private NccSweep() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] images = (args.length > 2 ? args[2] : "1024,4096").split(",");
        String[] templates = (args.length > 3 ? args[3] : "8,32,128,512").split(",");
        String which = args.length > 4 ? args[4] : "both";
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
                int corner = (n - m) / 3;
                double[] tp = new double[m * m];
                for (int y = 0; y < m; y++) {
                    System.arraycopy(img, (corner + y) * n + corner, tp, y * m, m);
                }
                NdArray template = NdArray.wrap(tp, m, m);
                NccOptions o = NccOptions.defaults().withMode(Mode.VALID).withThreads(threads);
                TemplateMatcher tm = TemplateMatcher.prepare(template, image.shape(), o);
                TemplateMatcher one = TemplateMatcher.prepare(template, image.shape(), o,
                        TemplateMatcher.Strategy.AUTO_ONE_SHOT, null);
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                double check = 0;
                for (int i = 0; i < reps; i++) {
                    if (!which.equals("matcher")) {
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        NdArray a = Ncc.ncc(template, image, o);
                        long t1 = System.nanoTime();
                        long c1 = os.getProcessCpuTime();
                        best[0] = Math.min(best[0], (t1 - t0) / 1e6);
                        best[1] = Math.min(best[1], (c1 - c0) / 1e6);
                        check += a.get(corner, corner);
                    }
                    if (!which.equals("ncc")) {
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        NdArray b = tm.ncc(image);
                        long t1 = System.nanoTime();
                        long c1 = os.getProcessCpuTime();
                        best[2] = Math.min(best[2], (t1 - t0) / 1e6);
                        best[3] = Math.min(best[3], (c1 - c0) / 1e6);
                        check += b.get(corner, corner);
                    }
                }
                System.out.printf("%5d²/%3d²  Ncc.ncc %7.1f ms wall %7.1f ms cpu [%s] | matcher %7.1f ms wall %7.1f ms cpu"
                        + " [%s]  (%.3f)%n", n, m, best[0], best[1], one.describe(), best[2], best[3], tm.describe(),
                        check);
            }
        }
    }
}
