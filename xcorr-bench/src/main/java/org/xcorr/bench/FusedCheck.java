package org.xcorr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.CorrelationOptions;
import org.xcorr.correlate.Mode;
import org.xcorr.match.MatchMethod;
import org.xcorr.match.TemplateMatching;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.TemplateMatcher;

/**
 * The before/after check of the fused tile pipeline (issue 16 §2, issue 12): the planner's jobs timed in one JVM
 * in interleaved rounds, and the smallest heap of {@code correlate} full 2048² ⋆ 512². It calls only public API
 * that older builds have too, so the same compiled class runs against a build from before the change: put its
 * class directory first on the class path and the other build's {@code benchmarks.jar} after it, and alternate
 * the two builds' runs.
 *
 * <pre>
 * java -XX:MaxHeapFreeRatio=100 -Xmx6g --add-modules jdk.incubator.vector -cp CLASSES:JAR org.xcorr.bench.FusedCheck time [ROUNDS] [THREADS]
 * java -cp CLASSES:JAR org.xcorr.bench.FusedCheck minheap
 * </pre>
 * {@code time}: per job the median and minimum wall time of {@code ROUNDS} (default 15) calls after 5 warm-up
 * rounds, and with {@code THREADS} 1 also the calling thread's CPU time (every call then runs on it, FFTW's too:
 * the work without the time lost to other processes on a shared machine); the three FFTW transforms of
 * {@code BenchmarkCorrelate} run in the same rounds as the floor of {@code correlate}. {@code minheap}: the smallest {@code -Xmx} (8 MiB steps, bisection over child JVMs with Serial GC and an
 * 8 MiB young generation, as {@link MemoryCheck}) with which one {@code correlate} full 2048² ⋆ 512² completes.
 */
public final class FusedCheck {

    private FusedCheck() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "time";
        switch (mode) {
            case "time" -> time(args.length > 1 ? Integer.parseInt(args[1]) : 15,
                    args.length > 2 ? Integer.parseInt(args[2]) : 2);
            case "minheap" -> minHeap();
            case "once" -> {
                NdArray c = correlate(2).get();
                System.out.println("CORRELATE " + Arrays.toString(c.shape()));
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + "; expected time or minheap");
        }
    }

    /** {@code correlate} full 2048² ⋆ 512², as {@code BenchmarkCorrelate}. */
    private static Supplier<NdArray> correlate(int threads) {
        NdArray a = NdArray.wrap(Inputs.uniform(2048, 2048, 5), 2048, 2048);
        NdArray b = NdArray.wrap(Inputs.uniform(512, 512, 6), 512, 512);
        CorrelationOptions options = CorrelationOptions.of(Mode.FULL).withThreads(threads);
        return () -> Correlation.correlate(a, b, options);
    }

    private static void time(int rounds, int threads) {
        Map<String, Supplier<NdArray>> jobs = new LinkedHashMap<>();
        jobs.put("correlate full 2048² ⋆ 512²", correlate(threads));
        BenchmarkCorrelate.FftwTriple fftw = new BenchmarkCorrelate.FftwTriple(BenchmarkCorrelate.paddedSize(2048, 512),
                Inputs.uniform(2048, 2048, 5), 2048, Inputs.uniform(512, 512, 6), 512, threads);
        jobs.put("three FFTW MEASURE transforms at 2560²", () -> {
            fftw.run();
            return null;
        });
        NdArray a1 = NdArray.wrap(Inputs.uniform(1024, 1024, 7), 1024, 1024);
        NdArray b1 = NdArray.wrap(Inputs.uniform(100, 100, 8), 100, 100);
        CorrelationOptions same = CorrelationOptions.of(Mode.SAME).withThreads(threads);
        jobs.put("correlate same 1024² ⋆ 100²", () -> Correlation.correlate(a1, b1, same));
        double[] img = Inputs.uniform(4096, 4096, 1);
        NdArray image = NdArray.wrap(img, 4096, 4096);
        NdArray template = NdArray.wrap(Inputs.crop(img, 4096, 1000, 1500, 128, 128), 128, 128);
        NccOptions options = NccOptions.defaults().withMode(Mode.VALID).withThreads(threads);
        jobs.put("ncc valid 4096²/128² (Ncc.ncc)", () -> Ncc.ncc(template, image, options));
        TemplateMatcher matcher = TemplateMatcher.prepare(template, image.shape(), options);
        jobs.put("ncc valid 4096²/128² (prepared TemplateMatcher)", () -> matcher.ncc(image));
        double[] small = Inputs.uniform(1024, 1024, 2);
        NdArray smallImage = NdArray.wrap(small, 1024, 1024);
        NdArray bigTemplate = NdArray.wrap(Inputs.crop(small, 1024, 100, 200, 512, 512), 512, 512);
        jobs.put("ncc valid 1024²/512² (Ncc.ncc)", () -> Ncc.ncc(bigTemplate, smallImage, options));
        NdArray m1 = NdArray.wrap(Inputs.crop(img, 4096, 300, 700, 64, 64), 64, 64);
        NdArray m2 = NdArray.wrap(Inputs.crop(img, 4096, 300, 700, 2048, 2048), 2048, 2048);
        jobs.put("match CCOEFF_NORMED 2048²/64²", () -> TemplateMatching.match(m1, m2, MatchMethod.CCOEFF_NORMED));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int r = -5; r < rounds; r++) {
            for (Map.Entry<String, Supplier<NdArray>> job : jobs.entrySet()) {
                long c0 = bean.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                job.getValue().get();
                double ms = (System.nanoTime() - t0) / 1e6;
                double cpuMs = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
                if (r >= 0) {
                    times.computeIfAbsent(job.getKey(), k -> new ArrayList<>()).add(ms);
                    cpu.computeIfAbsent(job.getKey(), k -> new ArrayList<>()).add(cpuMs);
                }
            }
        }
        fftw.close();
        // with one thread every call runs on this thread (FFTW's too), so its CPU time is the work without the
        // time lost to other processes on a busy machine
        System.out.printf(Locale.ROOT, "TIME threads %d, %d rounds; wall ms (median, min) and, with one thread, this"
                + " thread's CPU ms (median, min)%n", threads, rounds);
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] c = cpu.get(e.getKey()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "TIME %-50s wall %7.1f %7.1f%s%n", e.getKey(), v[v.length / 2], v[0],
                    threads == 1 ? String.format(Locale.ROOT, "   cpu %7.1f %7.1f", c[c.length / 2], c[0]) : "");
        }
    }

    private static boolean runsWithin(int mib) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx" + mib + "m", "-Xms" + mib + "m", "-XX:+UseSerialGC", "-Xmn8m",
                "-cp", System.getProperty("java.class.path"), FusedCheck.class.getName(), "once")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 && text.contains("CORRELATE");
    }

    private static void minHeap() throws Exception {
        long io = 8L * (2048L * 2048 + 512L * 512 + 2559L * 2559);
        int lo = (int) (io >> 20);
        int hi = 512;
        if (!runsWithin(hi)) {
            System.out.printf("MINHEAP correlate full 2048² ⋆ 512²: fails even with -Xmx%dm%n", hi);
            return;
        }
        while (hi - lo > 8) {
            int mid = (lo + hi) / 2;
            if (runsWithin(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        System.out.printf(Locale.ROOT, "MINHEAP correlate full 2048² ⋆ 512²: smallest -Xmx that completes %d MiB"
                + " (Serial GC); input+output %.1f MiB%n", hi, io / 1048576.0);
    }
}
