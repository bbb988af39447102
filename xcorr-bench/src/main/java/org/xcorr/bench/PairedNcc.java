package org.xcorr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * NCC valid ({@code TM_CCOEFF_NORMED}) at the small cells of the grid, paired in one JVM: for each cell the three
 * calls of {@link BenchmarkNcc} (same inputs, same set-up: {@code Ncc.ncc}, the prepared {@code TemplateMatcher},
 * OpenCV {@code matchTemplate} on CV_32F through org.openpnp, threads = N on both sides) are warmed up, then timed in
 * interleaved rounds: each round calls all three back to back, in an order that rotates from round to round, so
 * background load on a shared machine hits all of them alike. At 1024² one call takes ≈ 10 ms, less than JMH's
 * iteration noise on this machine (± 20 ms in the suite's short runs), so the grid's 1024² ratios need this.
 *
 * <p>Prints a Markdown table per cell: best and median wall time per call of each subject, the ratios OpenCV /
 * xcorr of the best and of the median times, and the spread of the per-round ratios (the 25th and 75th
 * percentiles of {@code opencv_r / xcorr_r} over the rounds {@code r}), plus the load average before and after.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.PairedNcc \
 *      [--threads 2] [--rounds 41] [--warmup 1.5] [--image 1024] [TEMPLATE ...]
 * </pre>
 * Default templates 8, 32, 128, 512; {@code --warmup} is seconds per subject and cell.
 */
public final class PairedNcc {

    /** Calls that end in a field the JIT cannot see through, so no result is dead code. */
    private static volatile Object sink;

    private PairedNcc() {
    }

    /**
     * Runs the paired rounds; see the class comment for the arguments.
     *
     * @param args command-line arguments
     * @throws Exception if /proc/loadavg cannot be read
     */
    public static void main(String[] args) throws Exception {
        int threads = 2;
        int rounds = 41;
        double warmup = 1.5;
        int image = 1024;
        List<Integer> templates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--image" -> image = Integer.parseInt(args[++i]);
                default -> templates.add(Integer.parseInt(args[i]));
            }
        }
        if (templates.isEmpty()) {
            templates = List.of(8, 32, 128, 512);
        }
        System.out.printf(Locale.ROOT, "paired rounds: image %d², threads=%d, rounds=%d (order rotates), warm-up %.1f s"
                + " per subject; load average before: %s%n%n", image, threads, rounds, warmup, load());
        System.out.println("| image² / template² | Ncc.ncc best / median (ms) | TemplateMatcher best / median (ms)"
                + " | OpenCV best / median (ms) | OpenCV / Ncc.ncc best, median [p25–p75] | OpenCV / matcher best,"
                + " median [p25–p75] |");
        System.out.println("|---|---|---|---|---|---|");
        for (int template : templates) {
            BenchmarkNcc b = new BenchmarkNcc();
            b.image = image;
            b.template = template;
            b.threads = threads;
            b.setUp();
            Runnable[] subjects = {() -> sink = b.xcorrNcc(), () -> sink = b.xcorrMatcher(),
                () -> sink = b.opencvMatchTemplate()};
            for (Runnable s : subjects) {
                long end = System.nanoTime() + (long) (warmup * 1e9);
                for (int w = 0; w < 5 || System.nanoTime() < end; w++) {
                    s.run();
                }
            }
            double[][] times = new double[3][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < 3; j++) {
                    int k = (r + j) % 3;
                    long t = System.nanoTime();
                    subjects[k].run();
                    times[k][r] = (System.nanoTime() - t) / 1e6;
                }
            }
            double[] perRoundNcc = new double[rounds];
            double[] perRoundMatcher = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                perRoundNcc[r] = times[2][r] / times[0][r];
                perRoundMatcher[r] = times[2][r] / times[1][r];
            }
            double[][] sorted = new double[3][];
            for (int k = 0; k < 3; k++) {
                sorted[k] = times[k].clone();
                Arrays.sort(sorted[k]);
            }
            System.out.printf(Locale.ROOT, "| %d² / %d² | %s | %s | %s | %s | %s |%n", image, template,
                    bestMedian(sorted[0]), bestMedian(sorted[1]), bestMedian(sorted[2]),
                    ratios(sorted[2], sorted[0], perRoundNcc), ratios(sorted[2], sorted[1], perRoundMatcher));
        }
        System.out.printf(Locale.ROOT, "%nload average after: %s%n", load());
    }

    private static String bestMedian(double[] sorted) {
        return String.format(Locale.ROOT, "%.2f / %.2f", sorted[0], median(sorted));
    }

    /** Best ratio, median ratio, and the quartiles of the per-round ratios. */
    private static String ratios(double[] peer, double[] ours, double[] perRound) {
        double[] q = perRound.clone();
        Arrays.sort(q);
        return String.format(Locale.ROOT, "%.2f, %.2f [%.2f–%.2f]", peer[0] / ours[0], median(peer) / median(ours),
                q[q.length / 4], q[(3 * q.length) / 4]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
