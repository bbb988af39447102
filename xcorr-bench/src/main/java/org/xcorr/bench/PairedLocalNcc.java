package org.xcorr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Random;

/**
 * Local NCC of two builds of xcorr-core, timed in one JVM on a shared machine: each build is loaded by its own class
 * loader, the calls alternate (build A, build B, the memory floor) and each reports the minimum over its repetitions
 * of the calling thread's CPU time on one thread. On a machine where other jobs load both cores, JMH's wall times
 * scatter by ±100% and more; the minimum CPU time of interleaved single-threaded calls moves by a few per cent, so it
 * measures a change to the kernel where the suite cannot (it does not measure the two-thread wall time the suite's
 * ratio is about).
 *
 * <pre>
 * java -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.PairedLocalNcc BUILD_A BUILD_B [REPS]
 * </pre>
 * {@code BUILD_A}, {@code BUILD_B}: a jar or classes directory holding {@code org.xcorr} (e.g. a copy of
 * {@code benchmarks.jar} built on main, and {@code xcorr-core/target/classes}). Inputs as {@link BenchmarkLocalNcc}:
 * 2048², radii 1, 3, 7, 15. The floor is issue 16's: {@code out[i] = a[i] + b[i]} on the same thread into an output
 * allocated per call (LocalNcc allocates its result per call too); the same pass into one output array reused across
 * calls is printed beside it ("reused"), for reference only: no ratio is taken against it.
 */
public final class PairedLocalNcc {

    private PairedLocalNcc() {
    }

    /** One build's {@code LocalNcc.localNcc(NdArray, NdArray, LocalNccOptions)}, by reflection. */
    private static final class Build {
        private final Method wrap;
        private final Method localNcc;
        private final Method ofRadius;
        private final Method withThreads;

        Build(String path) throws Exception {
            URL url = Path.of(path).toUri().toURL();
            ClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader());
            Class<?> array = loader.loadClass("org.xcorr.array.NdArray");
            Class<?> options = loader.loadClass("org.xcorr.local.LocalNccOptions");
            wrap = array.getMethod("wrap", double[].class, int[].class);
            localNcc = loader.loadClass("org.xcorr.local.LocalNcc").getMethod("localNcc", array, array, options);
            ofRadius = options.getMethod("ofRadius", int.class);
            withThreads = options.getMethod("withThreads", int.class);
        }

        void run(double[] a, double[] b, int[] shape, int radius) throws Exception {
            Object options = withThreads.invoke(ofRadius.invoke(null, radius), 1);
            localNcc.invoke(null, wrap.invoke(null, a, shape), wrap.invoke(null, b, shape), options);
        }
    }

    /**
     * Prints, per radius, the minimum single-thread CPU time of each build and of the floor, and their ratios.
     *
     * @param args build A, build B, optional repetitions (default 8)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PairedLocalNcc BUILD_A BUILD_B [REPS]");
        }
        Build first = new Build(args[0]);
        Build second = new Build(args[1]);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int size = 2048;
        int[] shape = {size, size};
        Random rnd = new Random(2);
        double[] a = new double[size * size];
        double[] b = new double[a.length];
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble();
        }
        for (int i = 0; i < a.length; i++) {
            b[i] = 0.5 * a[i] + rnd.nextDouble();
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double sink = 0;
        System.out.println("| radius | A (ms) | B (ms) | B / A | floor, fresh out (ms) | A / floor | B / floor "
                + "| reused-out pass (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int radius : new int[] {1, 3, 7, 15}) {
            double bestA = Double.MAX_VALUE;
            double bestB = Double.MAX_VALUE;
            double bestFloor = Double.MAX_VALUE;
            double bestReused = Double.MAX_VALUE;
            for (int k = 0; k < reps + 3; k++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                first.run(a, b, shape, radius);
                long t1 = cpu.getCurrentThreadCpuTime();
                second.run(a, b, shape, radius);
                long t2 = cpu.getCurrentThreadCpuTime();
                double[] fresh = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    fresh[i] = a[i] + b[i];
                }
                long t3 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < a.length; i++) {
                    out[i] = a[i] + b[i];
                }
                long t4 = cpu.getCurrentThreadCpuTime();
                sink += fresh[k] + out[k];
                if (k >= 3) {
                    // the first calls of each radius warm up
                    bestA = Math.min(bestA, (t1 - t0) / 1e6);
                    bestB = Math.min(bestB, (t2 - t1) / 1e6);
                    bestFloor = Math.min(bestFloor, (t3 - t2) / 1e6);
                    bestReused = Math.min(bestReused, (t4 - t3) / 1e6);
                }
            }
            System.out.printf("| %d | %.1f | %.1f | %.2f | %.2f | %.1f | %.1f | %.2f |%n", radius, bestA, bestB,
                    bestB / bestA, bestFloor, bestA / bestFloor, bestB / bestFloor, bestReused);
        }
        if (sink == 42.125) {
            // keeps the floors' stores observable to the JIT
            System.out.println();
        }
    }
}
