package org.xcorr.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Register 2048², upsample 100 against OpenCV {@code phaseCorrelate}, as {@link BenchmarkRegister}, in interleaved
 * pairs in one JVM (the order alternates from pair to pair): on a shared machine whose load drifts, a pair's two
 * calls see the same load, so the median of the per-pair ratios is steadier than a ratio of two JMH scores taken
 * seconds apart. Per call it takes the wall time and the process CPU time (all threads, the JIT's and the
 * collector's included); for xcorr also the bytes allocated by all threads, the minor page faults of the process
 * ({@code /proc/self/stat}) and the collections, which show whether the call allocates large scratch and whether
 * the heap under it is fresh memory.
 *
 * <pre>
 * java -XX:MaxHeapFreeRatio=100 -Xmx6g --add-modules jdk.incubator.vector -cp xcorr-bench/target/benchmarks.jar \
 *      org.xcorr.bench.RegisterPairs [seconds 8] [warm-up pairs 12]
 * </pre>
 * Run it with and without {@code -XX:MaxHeapFreeRatio=100}, and under each JDK, to compare them.
 */
public final class RegisterPairs {

    private RegisterPairs() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        BenchmarkRegister b = new BenchmarkRegister();
        b.size = 2048;
        b.upsample = 100;
        b.threads = 2;
        b.setUp();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < warmup; i++) {
            sink = b.xcorrRegister();
            sink = b.opencvPhaseCorrelate();
        }
        List<Double> xcorrWall = new ArrayList<>();
        List<Double> xcorrCpu = new ArrayList<>();
        List<Double> cvWall = new ArrayList<>();
        List<Double> cvCpu = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long allocated = 0;
        long faults = 0;
        long gc0 = collections();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int pairs = 0;
        while (System.nanoTime() < end || pairs < 3) {
            double[] x = null;
            double[] c = null;
            for (int step = 0; step < 2; step++) {
                boolean xcorr = (step == 0) == (pairs % 2 == 0);
                long bytes = xcorr ? allocated(threads) : 0;
                long flt = xcorr ? minorFaults() : 0;
                long cpu = os.getProcessCpuTime();
                long t = System.nanoTime();
                sink = xcorr ? b.xcorrRegister() : b.opencvPhaseCorrelate();
                double[] took = {(System.nanoTime() - t) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6};
                if (xcorr) {
                    allocated += allocated(threads) - bytes;
                    faults += minorFaults() - flt;
                    x = took;
                } else {
                    c = took;
                }
            }
            xcorrWall.add(x[0]);
            xcorrCpu.add(x[1]);
            cvWall.add(c[0]);
            cvCpu.add(c[1]);
            ratios.add(c[0] / x[0]);
            pairs++;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        System.out.printf(Locale.ROOT, "JDK %s, %d pairs: xcorr wall median %.1f min %.1f ms, CPU %.1f ms;"
                + " OpenCV wall median %.1f min %.1f ms, CPU %.1f ms; OpenCV/xcorr median of pair ratios %.2f;"
                + " xcorr per call: %.1f MiB allocated, %d minor faults, %d collections in all; load %s%n",
                System.getProperty("java.version"), pairs, median(xcorrWall), Collections.min(xcorrWall),
                median(xcorrCpu), median(cvWall), Collections.min(cvWall), median(cvCpu), median(ratios),
                allocated / 1048576.0 / pairs, faults / pairs, collections() - gc0,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Bytes allocated so far by all live threads (the worker pool's included). */
    private static long allocated(ThreadMXBean threads) {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /** Minor page faults of this process so far (field 10 of {@code /proc/self/stat}). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }
}
