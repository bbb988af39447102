package org.xcorr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * NCC valid at 1024² of two builds of xcorr-core, timed in one JVM on a shared machine, as {@link PairedLocalNcc}
 * does for local NCC: each build is loaded by its own class loader, the calls alternate (build A, build B; the order
 * swaps every round) and each reports the minimum over its repetitions of the calling thread's CPU time on one
 * thread ({@code --threads 1}, the default) or of the wall time (more threads). Minimum CPU times of interleaved
 * single-threaded calls move by a few per cent where two-thread wall times scatter by ±100 % (load average 8-12 on
 * two cores), so this measures a change to the kernel; it does not measure the two-thread ratio to OpenCV
 * ({@link PairedNcc} does).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.PairedNccBuilds \
 *      BUILD_A BUILD_B [--threads 1] [--reps 21] [TEMPLATE ...]
 * </pre>
 * {@code BUILD_A}, {@code BUILD_B}: a jar or classes directory holding {@code org.xcorr} (e.g. copies of
 * {@code benchmarks.jar} built before and after a change). Inputs: a uniform 1024² image and a template cut from it
 * at a third of the way in, as {@link BenchmarkNcc}'s shapes (default templates 8, 32, 128, 512); both
 * {@code Ncc.ncc} and a prepared {@code TemplateMatcher}.
 */
public final class PairedNccBuilds {

    private PairedNccBuilds() {
    }

    /** One build's NCC entry points, by reflection. */
    private static final class Build {
        private final Method wrap;
        private final Method ncc;
        private final Method prepare;
        private final Method matcherNcc;
        private final Object options;

        Build(String path, int threads) throws Exception {
            URL url = Path.of(path).toUri().toURL();
            ClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader());
            Class<?> array = loader.loadClass("org.xcorr.array.NdArray");
            Class<?> opt = loader.loadClass("org.xcorr.ncc.NccOptions");
            Class<?> mode = loader.loadClass("org.xcorr.correlate.Mode");
            Class<?> matcher = loader.loadClass("org.xcorr.ncc.TemplateMatcher");
            wrap = array.getMethod("wrap", double[].class, int[].class);
            ncc = loader.loadClass("org.xcorr.ncc.Ncc").getMethod("ncc", array, array, opt);
            prepare = matcher.getMethod("prepare", array, int[].class, opt);
            matcherNcc = matcher.getMethod("ncc", array);
            Object valid = mode.getField("VALID").get(null);
            Object defaults = opt.getMethod("defaults").invoke(null);
            options = opt.getMethod("withThreads", int.class).invoke(opt.getMethod("withMode", mode).invoke(defaults,
                    valid), threads);
        }
    }

    /**
     * Prints per template the minimum time of each build's {@code Ncc.ncc} and matcher call and their ratios.
     *
     * @param args build A, build B, then options and templates (see the class comment)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PairedNccBuilds BUILD_A BUILD_B [--threads N] [--reps N] [TEMPLATE ...]");
        }
        int threads = 1;
        int reps = 21;
        int[] templates = {8, 32, 128, 512};
        int[] given = new int[args.length];
        int count = 0;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default -> given[count++] = Integer.parseInt(args[i]);
            }
        }
        if (count > 0) {
            templates = Arrays.copyOf(given, count);
        }
        Build[] builds = {new Build(args[0], threads), new Build(args[1], threads)};
        boolean cpuTime = threads == 1;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = 1024;
        Random rnd = new Random(1);
        double[] img = new double[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextDouble();
        }
        System.out.printf("minimum %s per call (ms) over %d interleaved repetitions, threads=%d%n%n",
                cpuTime ? "CPU time of the calling thread" : "wall time", reps, threads);
        System.out.println("| image² / template² | A Ncc.ncc | B Ncc.ncc | B / A | A matcher | B matcher | B / A |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int m : templates) {
            int corner = (n - m) / 3;
            double[] tpl = new double[m * m];
            for (int y = 0; y < m; y++) {
                System.arraycopy(img, (corner + y) * n + corner, tpl, y * m, m);
            }
            Object[][] calls = new Object[2][];
            Object[] matchers = new Object[2];
            for (int k = 0; k < 2; k++) {
                Build b = builds[k];
                Object image = b.wrap.invoke(null, img, new int[] {n, n});
                Object template = b.wrap.invoke(null, tpl, new int[] {m, m});
                calls[k] = new Object[] {template, image, b.options};
                matchers[k] = b.prepare.invoke(null, template, new int[] {n, n}, b.options);
            }
            double[][] best = new double[2][2];
            for (double[] row : best) {
                Arrays.fill(row, Double.MAX_VALUE);
            }
            for (int r = 0; r < reps + 5; r++) {
                for (int s = 0; s < 2; s++) {
                    int k = (r + s) % 2;
                    for (int what = 0; what < 2; what++) {
                        long t0 = cpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                        if (what == 0) {
                            builds[k].ncc.invoke(null, calls[k]);
                        } else {
                            builds[k].matcherNcc.invoke(matchers[k], calls[k][1]);
                        }
                        long t1 = cpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                        if (r >= 5) {
                            // the first rounds warm up
                            best[k][what] = Math.min(best[k][what], (t1 - t0) / 1e6);
                        }
                    }
                }
            }
            System.out.printf("| %d² / %d² | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", n, m, best[0][0],
                    best[1][0], best[1][0] / best[0][0], best[0][1], best[1][1], best[1][1] / best[0][1]);
        }
    }
}
