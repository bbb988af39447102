package org.xcorr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the comparison suite of the targets through JMH (one run, so every ratio compares numbers
 * measured side by side) and the heap checks in child JVMs, then prints one Markdown ratio table per job with
 * the target and whether it is met.
 *
 * <pre>
 * java -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.Suite [--quick] [--only ncc,ncc-small,boofcv,fft,local,register,correlate,memory,align,process,warmup,kernels]
 *      [--wi 2] [--i 3] [--w 1] [--r 1] [--threads 2] [--simd on|off] [--heap-flag on|off|both] [--out FILE]
 * </pre>
 * {@code --simd}: whether the benchmark JVMs resolve {@code jdk.incubator.vector}, which turns on the FFT's
 * Vector API kernels (default on: the steady state of a long-running JVM is what JMH measures).
 * {@code --quick}: the key cells only (NCC 4096²/128², local NCC radius 1 and 15, register, correlate, memory).
 * {@code ncc-small}: the 1024² cells of the NCC grid paired in one JVM ({@link PairedNcc}: interleaved rounds of
 * {@code Ncc.ncc}, the prepared matcher and OpenCV; a call there takes ≈ 10 ms, below JMH's noise on this machine).
 * {@code fft}: the 2-D FFT table of {@link Ratios} (interleaved rounds rather than JMH, so background load hits
 * xcorr, JTransforms and FFTW alike), run in a child JVM with the same options, with the two FFT targets.
 * {@code --heap-flag}: whether the child JVMs run with {@code -XX:MaxHeapFreeRatio=100} (see {@link #HEAP}; default
 * on); {@code both} runs every JMH cell twice, back to back, with and without it (in alternating order from cell
 * to cell, so drifting load hits both alike), reports the tables with it, and adds a table of every benchmark's
 * time in both settings and their ratio (issue 16: repeated calls must run at full speed under the default flags).
 * Defaults are short JMH settings ({@code -f 1 -wi 2 -i 3 -w 1 -r 1}).
 */
public final class Suite {

    /**
     * Heap options of the JMH forks and of the FFT child: a heap that never shrinks. By default G1 gives memory
     * back after a full or remark pause and then re-commits it, page by page, under calls that allocate hundreds
     * of MiB of large arrays (correlate 2048² ⋆ 512²: 600,000 page faults per 5 s and 8× slower calls in about
     * half the runs on a VM where a fault costs ~8 µs). A fixed -Xms6g is no cure there: its first touch costs
     * as much, for seconds.
     */
    private static final String[] HEAP = {"-Xmx6g", "-XX:MaxHeapFreeRatio=100"};

    /** The same heap with G1's default sizing (it shrinks the heap after a full or remark pause). */
    private static final String[] HEAP_DEFAULT = {"-Xmx6g"};

    private static final List<String> ALL = List.of("ncc", "ncc-small", "boofcv", "fft", "local", "register",
            "correlate", "memory", "align", "process", "warmup", "kernels");

    private final int warmupIterations;
    private final int iterations;
    private final int warmupSeconds;
    private final int seconds;
    private final String threads;
    private final StringBuilder report = new StringBuilder();
    /** JVM options of every child JVM: the Vector API module, or the switch that keeps the scalar kernels. */
    private final String[] simdArgs;
    /** Heap options of the JMH forks, the first for the tables; two: each cell runs with both. */
    private final List<String[]> heaps;
    /** With two heap settings: one row per benchmark method and cell, the score under each. */
    private final List<String> heapRows = new ArrayList<>();

    private Suite(int wi, int i, int w, int r, String threads, boolean simd, String heapFlag) {
        this.simdArgs = simdArgs(simd);
        this.heaps = switch (heapFlag) {
            case "on" -> List.<String[]>of(HEAP);
            case "off" -> List.<String[]>of(HEAP_DEFAULT);
            case "both" -> List.of(HEAP, HEAP_DEFAULT);
            default -> throw new IllegalArgumentException("--heap-flag must be on, off or both, got " + heapFlag);
        };
        this.warmupIterations = wi;
        this.iterations = i;
        this.warmupSeconds = w;
        this.seconds = r;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(ALL);
        int wi = 2;
        int i = 3;
        int w = 1;
        int r = 1;
        String threads = "2";
        boolean simd = true;
        String heapFlag = "on";
        Path out = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--quick" -> quick = true;
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++k].split(",")));
                case "--wi" -> wi = Integer.parseInt(args[++k]);
                case "--i" -> i = Integer.parseInt(args[++k]);
                case "--w" -> w = Integer.parseInt(args[++k]);
                case "--r" -> r = Integer.parseInt(args[++k]);
                case "--threads" -> threads = args[++k];
                case "--simd" -> simd = parseSimd(args[++k]);
                case "--heap-flag" -> heapFlag = args[++k];
                case "--out" -> out = Path.of(args[++k]);
                default -> throw new IllegalArgumentException("unknown argument " + args[k]
                        + "; expected --quick, --only LIST, --wi N, --i N, --w S, --r S, --threads N, --simd on|off,"
                        + " --heap-flag on|off|both, --out FILE");
            }
        }
        for (String s : only) {
            if (!ALL.contains(s)) {
                throw new IllegalArgumentException("unknown job " + s + "; expected some of " + String.join(",", ALL));
            }
        }
        Suite suite = new Suite(wi, i, w, r, threads, simd, heapFlag);
        suite.header(quick);
        if (only.contains("ncc")) {
            suite.ncc(quick);
        }
        if (only.contains("ncc-small") && !quick) {
            suite.nccSmall();
        }
        if (only.contains("boofcv") && !quick) {
            suite.boofcv();
        }
        if (only.contains("fft") && !quick) {
            suite.fft();
        }
        if (only.contains("local")) {
            suite.local(quick);
        }
        if (only.contains("register")) {
            suite.register();
        }
        if (only.contains("correlate")) {
            suite.correlate();
        }
        if (only.contains("memory")) {
            suite.memory();
        }
        if (only.contains("align") && !quick) {
            suite.align();
        }
        if (only.contains("process")) {
            suite.process();
        }
        if (only.contains("warmup")) {
            suite.warmup();
        }
        if (only.contains("kernels") && !quick) {
            suite.kernels();
        }
        suite.heapTable();
        System.out.println();
        System.out.println("==================== RATIO TABLE ====================");
        System.out.println(suite.report);
        if (out != null) {
            Files.writeString(out, suite.report.toString());
        }
    }

    private void line(String format, Object... values) {
        report.append(String.format(Locale.ROOT, format, values)).append('\n');
    }

    private void header(boolean quick) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(s -> s.startsWith("model name"))
                .findFirst().map(s -> s.substring(s.indexOf(':') + 1).trim()).orElse("?");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        line("Machine: %s, %d cores visible, JDK %s (%s); load average at start: %s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load);
        line("FFT kernels: %s", String.join(" ", simdArgs).contains("add-modules")
                ? "Vector API (--add-modules jdk.incubator.vector)" : "scalar (-Dxcorr.simd=false)");
        line("JMH: -f 1 -wi %d -i %d -w %d -r %d, forks with %s, threads=%s, AverageTime ms (score ± 99.9%% error)%s",
                warmupIterations, iterations, warmupSeconds, seconds, String.join(" ", heaps.get(0)), threads,
                quick ? ", --quick subset" : "");
        if (heaps.size() > 1) {
            line("Every JMH cell also ran with %s (back to back, alternating which goes first): see the heap-flag"
                    + " table at the end; the tables above are the first setting's", String.join(" ", heaps.get(1)));
        }
        line("");
    }

    /**
     * Runs one benchmark class with the given params, one JMH run per parameter cell so that all methods of a
     * cell (ours and the peer) are measured back to back, within seconds of each other, under the same load
     * (JMH alone would run every cell of one method before the next method). Returns method -> (cell key ->
     * score, error).
     */
    private Map<String, Map<String, double[]>> jmh(String benchmarkClass, String keyParam, Map<String, String[]> params)
            throws RunnerException {
        List<Map<String, String>> cells = new ArrayList<>();
        cells.add(new HashMap<>());
        for (Map.Entry<String, String[]> e : new java.util.TreeMap<>(params).entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> cell : cells) {
                for (String v : e.getValue()) {
                    Map<String, String> c = new HashMap<>(cell);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            cells = next;
        }
        List<Map<String, Map<String, double[]>>> byHeap = new ArrayList<>();
        for (int h = 0; h < heaps.size(); h++) {
            byHeap.add(new HashMap<>());
        }
        int cellIndex = 0;
        for (Map<String, String> cell : cells) {
            for (int step = 0; step < heaps.size(); step++) {
                // alternate which heap setting goes first, so a load that drifts during a cell favours neither
                int h = (step + cellIndex) % heaps.size();
                ChainedOptionsBuilder b = new OptionsBuilder().include(benchmarkClass + "\\.").forks(1)
                        .warmupIterations(warmupIterations).measurementIterations(iterations)
                        .warmupTime(TimeValue.seconds(warmupSeconds)).measurementTime(TimeValue.seconds(seconds))
                        .jvmArgsAppend(concat(heaps.get(h), simdArgs)).shouldFailOnError(true)
                        .param("threads", threads);
                cell.forEach((k, v) -> b.param(k, v));
                Collection<RunResult> results = new Runner(b.build()).run();
                for (RunResult rr : results) {
                    String bench = rr.getParams().getBenchmark();
                    String method = bench.substring(bench.lastIndexOf('.') + 1);
                    String key = keyParam == null ? "" : keyOf(rr, keyParam);
                    byHeap.get(h).computeIfAbsent(method, m -> new HashMap<>()).put(key,
                            new double[] {rr.getPrimaryResult().getScore(), rr.getPrimaryResult().getScoreError()});
                }
            }
            cellIndex++;
        }
        if (heaps.size() > 1) {
            for (String method : new java.util.TreeSet<>(byHeap.get(0).keySet())) {
                for (String key : new java.util.TreeSet<>(byHeap.get(0).get(method).keySet())) {
                    double[] with = byHeap.get(0).get(method).get(key);
                    double[] without = byHeap.get(1).getOrDefault(method, Map.of()).get(key);
                    heapRows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", method,
                            key.isEmpty() ? "—" : key, ms(with), ms(without),
                            without == null ? "—" : String.format(Locale.ROOT, "%.2f", without[0] / with[0])));
                }
            }
        }
        return byHeap.get(0);
    }

    private static String keyOf(RunResult rr, String keyParams) {
        StringBuilder k = new StringBuilder();
        for (String p : keyParams.split(",")) {
            k.append(k.length() == 0 ? "" : "/").append(rr.getParams().getParam(p));
        }
        return k.toString();
    }

    private static String ms(double[] s) {
        return s == null ? "—" : String.format(Locale.ROOT, "%.1f ± %.1f", s[0], Double.isNaN(s[1]) ? 0 : s[1]);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void ncc(boolean quick) throws RunnerException {
        String[] images = quick ? new String[] {"4096"} : new String[] {"1024", "2048", "4096"};
        String[] templates = quick ? new String[] {"128"} : new String[] {"8", "32", "128", "512"};
        var s = jmh("BenchmarkNcc", "image,template", Map.of("image", images, "template", templates));
        line("### NCC valid (TM_CCOEFF_NORMED): xcorr double vs OpenCV matchTemplate float32");
        line("");
        line("| image² / template² | xcorr Ncc.ncc (ms) | xcorr TemplateMatcher (ms) | OpenCV (ms) "
                + "| OpenCV / Ncc.ncc | OpenCV / matcher |");
        line("|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        List<Double> matcherRatios = new ArrayList<>();
        for (String image : images) {
            for (String template : templates) {
                String key = image + "/" + template;
                double[] ours = s.get("xcorrNcc").get(key);
                double[] matcher = s.get("xcorrMatcher").get(key);
                double[] cv = s.get("opencvMatchTemplate").get(key);
                double ratio = cv[0] / ours[0];
                double ratioMatcher = cv[0] / matcher[0];
                ratios.add(ratio);
                matcherRatios.add(ratioMatcher);
                line("| %s² / %s² | %s | %s | %s | %.2f | %.2f |", image, template, ms(ours), ms(matcher),
                        ms(cv), ratio, ratioMatcher);
            }
        }
        line("");
        double cv = s.get("opencvMatchTemplate").get("4096/128")[0];
        double[] key = {cv / s.get("xcorrNcc").get("4096/128")[0]};
        line("- 4096²/128² double: OpenCV/xcorr = %.2f (target ≥ 1.5 in double: %s)", key[0],
                key[0] >= 1.5 ? "MET" : "MISSED by " + pct(1.5 / key[0]));
        if (!quick) {
            double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double med = median(ratios);
            line("- grid (Ncc.ncc): min ratio %.2f (target ≥ 1: %s), median %.2f (target ≥ 2: %s); prepared matcher:"
                    + " min %.2f, median %.2f", min, min >= 1 ? "MET" : "MISSED", med,
                    med >= 2 ? "MET" : "MISSED by " + pct(2 / med), matcherRatios.stream().mapToDouble(Double::doubleValue)
                            .min().orElse(Double.NaN), median(matcherRatios));
        }
        line("");
    }

    /**
     * The 1024² NCC cells paired ({@link PairedNcc} in a child JVM with the forks' options), with the target: no cell
     * slower than OpenCV, read on the median ratio of the rounds.
     */
    private void nccSmall() throws Exception {
        line("### NCC valid at 1024², paired rounds (`PairedNcc`): xcorr double vs OpenCV matchTemplate float32");
        line("");
        Output out = run(heaps.get(0), PairedNcc.class, "--threads", threads);
        List<String> misses = new ArrayList<>();
        for (String row : out.text().lines().toList()) {
            if (row.startsWith("|") || row.startsWith("paired rounds") || row.startsWith("load average")) {
                if (row.startsWith("load average")) {
                    line("");
                }
                line("%s", row);
                if (row.startsWith("paired rounds")) {
                    line("");
                }
            }
            String[] cells = row.split("\\|");
            if (cells.length == 7 && cells[1].contains("²") && !cells[1].contains("template")) {
                // "best, median [p25–p75]" of OpenCV / Ncc.ncc and OpenCV / matcher
                for (int c = 5; c <= 6; c++) {
                    double median = Double.parseDouble(cells[c].trim().split("[, ]+")[1]);
                    if (median < 1) {
                        misses.add(String.format(Locale.ROOT, "%s %s %.2f", cells[1].trim(),
                                c == 5 ? "Ncc.ncc" : "matcher", median));
                    }
                }
            }
        }
        line("");
        if (out.exitCode() != 0) {
            line("- PairedNcc FAILED (exit %d); its output is above the ratio table", out.exitCode());
        }
        line("- target no 1024² cell slower than OpenCV (median of paired rounds): %s",
                misses.isEmpty() ? "MET" : "MISSED at " + String.join("; ", misses));
        line("");
    }

    /** The scores of every JMH cell under both heap settings (only with {@code --heap-flag both}). */
    private void heapTable() {
        if (heaps.size() < 2) {
            return;
        }
        line("### every JMH cell with and without -XX:MaxHeapFreeRatio=100 (both -Xmx6g; ratio > 1: slower without)");
        line("");
        line("| benchmark method | cell | with %s (ms) | with %s (ms) | without / with |", String.join(" ", heaps.get(0)),
                String.join(" ", heaps.get(1)));
        line("|---|---|---|---|---|");
        heapRows.forEach(r -> line("%s", r));
        line("");
    }

    /** "x% slower than needed" for a needed speed-up factor above 1. */
    private static String pct(double factor) {
        return String.format(Locale.ROOT, "a factor %.2f", factor);
    }

    private void boofcv() throws RunnerException {
        String[] templates = {"8", "32"};
        var s = jmh("BenchmarkNccBoofcv", "image,template", Map.of("image", new String[] {"1024"}, "template", templates));
        line("### NCC valid: xcorr vs BoofCV TemplateScoreType.NCC (GrayF32, direct, single-threaded)");
        line("");
        line("| image² / template² | xcorr (ms) | BoofCV (ms) | BoofCV / xcorr |");
        line("|---|---|---|---|");
        for (String t : templates) {
            String key = "1024/" + t;
            double[] ours = s.get("xcorrNcc").get(key);
            double[] boof = s.get("boofcvNcc").get(key);
            line("| 1024² / %s² | %s | %s | %.2f |", t, ms(ours), ms(boof), boof[0] / ours[0]);
        }
        line("");
    }

    private void local(boolean quick) throws RunnerException {
        String[] radii = quick ? new String[] {"1", "15"} : new String[] {"1", "3", "7", "15"};
        var s = jmh("BenchmarkLocalNcc", "radius", Map.of("radius", radii));
        line("### local NCC 2048² vs memory floor (read a, b; write a fresh out; same run, same threads)");
        line("");
        line("Floor as issue 16 defines it: `out = a + b` into an output allocated per call, as LocalNcc allocates its "
                + "result; the reused-output pass (output array kept across calls, partly cache-resident) is shown "
                + "for reference only.");
        line("");
        line("| radius | xcorr LocalNcc (ms) | floor, fresh out (ms) | LocalNcc / floor | target ≤ 4 "
                + "| reused-out pass (ms) |");
        line("|---|---|---|---|---|---|");
        for (String r : radii) {
            double[] ours = s.get("xcorrLocalNcc").get(r);
            double[] floor = s.get("memoryFloor").get(r);
            double[] reused = s.get("memoryFloorReused").get(r);
            double ratio = ours[0] / floor[0];
            line("| %s | %s | %s | %.2f | %s | %s |", r, ms(ours), ms(floor), ratio,
                    ratio <= 4 ? "MET" : "MISSED by " + pct(ratio / 4), ms(reused));
        }
        line("");
    }

    private void register() throws RunnerException {
        var s = jmh("BenchmarkRegister", null, Map.of());
        double[] ours = s.get("xcorrRegister").get("");
        double[] cv = s.get("opencvPhaseCorrelate").get("");
        BenchmarkRegister state = new BenchmarkRegister();
        state.size = 2048;
        state.upsample = 100;
        state.threads = Integer.parseInt(threads);
        state.setUp();
        BenchmarkRegister.Accuracy accuracy = state.accuracy();
        double ratio = cv[0] / ours[0];
        line("### register 2048², upsample 100 (double) vs OpenCV phaseCorrelate (float32)");
        line("");
        line("| xcorr (ms) | OpenCV (ms) | OpenCV / xcorr | xcorr error (px) | OpenCV error (px) |");
        line("|---|---|---|---|---|");
        line("| %s | %s | %.2f | %.4f | %.4f |", ms(ours), ms(cv), ratio, accuracy.xcorrError(), accuracy.opencvError());
        line("");
        line("- %s", accuracy);
        line("- speed (target ≥ 1.5, issue 16): %s; accuracy (target ≤ 0.01 px): %s",
                ratio >= 1.5 ? "MET" : "MISSED by " + pct(1.5 / ratio),
                accuracy.xcorrError() <= 0.01 ? "MET" : "MISSED");
        line("");
    }

    private void correlate() throws RunnerException {
        var s = jmh("BenchmarkCorrelate", null, Map.of());
        double[] ours = s.get("xcorrCorrelateFull").get("");
        double[] fftw = s.get("fftwThreeTransforms").get("");
        double ratio = ours[0] / fftw[0];
        int n = BenchmarkCorrelate.paddedSize(2048, 512);
        line("### correlate full 2048² ⋆ 512² vs three FFTW transforms (r2c, r2c, c2r) at %d²", n);
        line("");
        line("| xcorr (ms) | 3 FFTW transforms (ms) | xcorr / FFTW | target ≤ 1.5 |");
        line("|---|---|---|---|");
        line("| %s | %s | %.2f | %s |", ms(ours), ms(fftw), ratio, ratio <= 1.5 ? "MET" : "MISSED by " + pct(ratio / 1.5));
        line("");
    }

    /** The FFT table from {@link Ratios} in a child JVM, with the targets xcorr/FFTW ≤ 1.5 and JTransforms/xcorr ≥ 2.5. */
    private void fft() throws Exception {
        line("### 2-D real forward FFT, double: xcorr vs FFTW MEASURE and JTransforms (`Ratios`, interleaved rounds)");
        line("");
        Output out = run(heaps.get(0), Ratios.class);
        List<String> misses = new ArrayList<>();
        String text = out.text();
        for (String row : text.lines().toList()) {
            if (row.startsWith("threads=")) {
                line("%s", row);
                line("");
            } else if (row.startsWith("|")) {
                line("%s", row);
            }
            String[] cells = row.split("\\|");
            if (cells.length == 7 && cells[1].trim().matches("\\d+x\\d+")) {
                String shape = cells[1].trim();
                double overFftw = Double.parseDouble(cells[5].trim());
                double overJt = Double.parseDouble(cells[6].trim());
                if (overFftw > 1.5) {
                    misses.add(String.format(Locale.ROOT, "%s xcorr/FFTW %.2f (by a factor %.2f)", shape, overFftw, overFftw / 1.5));
                }
                if (overJt < 2.5) {
                    misses.add(String.format(Locale.ROOT, "%s JTransforms/xcorr %.2f (by a factor %.2f)", shape, overJt, 2.5 / overJt));
                }
            }
        }
        line("");
        if (out.exitCode() != 0) {
            line("- Ratios FAILED (exit %d); its output is above the ratio table", out.exitCode());
        }
        line("- targets xcorr/FFTW ≤ 1.5 and JTransforms/xcorr ≥ 2.5 (best times): %s",
                misses.isEmpty() ? "MET at every shape" : "MISSED at " + String.join("; ", misses));
        line("");
    }

    private void memory() throws Exception {
        line("### memory");
        line("");
        line("- %s", child("-Xmx6g", "ncc", "4096", "128"));
        line("- %s", child("-Xmx6g", "minheap", "4096", "128"));
        line("- %s", child("-Xmx2g", "tiled"));
        line("- target: NCC peak heap ≤ 4× (input + output bytes); 16384²/256² completes under -Xmx2g by tiling");
        line("");
    }

    /** Stack alignment vs a register loop and vs register processes ({@link AlignBench} in a child JVM). */
    private void align() throws Exception {
        line("### align 200 frames of 1024², upsample 20: from a file vs in-process register calls vs processes");
        line("");
        Output out = run(heaps.get(0), AlignBench.class, "--threads", threads);
        for (String row : out.text().lines().toList()) {
            if (row.startsWith("|") || row.startsWith("frames=") || row.startsWith("align rounds")) {
                line("%s", row);
            }
        }
        if (out.exitCode() != 0) {
            line("- AlignBench FAILED (exit %d); its output is above the ratio table", out.exitCode());
        }
        line("");
    }

    /**
     * Whole-process one-shot commands against the Python scripts, paired ({@link ProcessBench}); needs the
     * repository's {@code ./xcorr} (run from the repository root) and {@code /usr/bin/python3} with OpenCV and
     * scikit-image.
     */
    private void process() throws Exception {
        line("### one-shot commands, whole process: ./xcorr vs plain java -jar vs the Python script (same .npy files)");
        line("");
        Output out = run(new String[0], ProcessBench.class, "--repo", ".");
        for (String row : out.text().lines().toList()) {
            if (row.startsWith("|") || row.startsWith("load average")) {
                line("%s", row);
            }
        }
        if (out.exitCode() != 0) {
            line("- ProcessBench FAILED (exit %d); its output is above the ratio table", out.exitCode());
        }
        line("");
    }

    /**
     * The share of warm-up in a one-shot command ({@link WarmupBench}): the CLI's code called 8 times in one fresh
     * JVM per case, with the launcher's collector (SerialGC), on the scalar kernels ({@code ./xcorr}'s default) and
     * on the Vector API's.
     */
    private void warmup() throws Exception {
        line("### warm-up: the CLI's code called 8 times in one fresh JVM (SerialGC; same .npy files as `process`)");
        line("");
        for (boolean simd : new boolean[] {false, true}) {
            line("%s:", simd ? "Vector API kernels (--add-modules jdk.incubator.vector)"
                    : "scalar kernels (-Dxcorr.simd=false, what ./xcorr runs by default)");
            line("");
            WarmupBench.header(8).forEach(h -> line("%s", h));
            for (String c : WarmupBench.CASES) {
                Output out = runWith(simdArgs(simd), new String[] {"-XX:+UseSerialGC"}, WarmupBench.class, "--case",
                        c, "--calls", "8");
                String row = out.text().lines().filter(l -> l.startsWith("|")).findFirst()
                        .orElse("| " + c + " | FAILED (exit " + out.exitCode() + ") | | | | |");
                line("%s", row);
            }
            line("");
        }
    }

    /**
     * Which FFT kernels {@code ./xcorr} should run ({@link KernelsBench}): align, apply-shifts, track and batch as
     * whole processes with the scalar and with the Vector API kernels, paired, and what the launcher picks; needs
     * the repository's {@code ./xcorr} (run from the repository root) and {@code python3} with numpy; about 10
     * minutes on a quiet 2-core machine, so not with {@code --quick}.
     */
    private void kernels() throws Exception {
        line("### which kernels ./xcorr runs: stack and batch jobs, whole process, scalar vs Vector API");
        line("");
        Output out = run(new String[0], KernelsBench.class, "--repo", ".");
        for (String row : out.text().lines().toList()) {
            if (row.startsWith("|") || row.startsWith("load average")) {
                line("%s", row);
            }
        }
        if (out.exitCode() != 0) {
            line("- KernelsBench FAILED (exit %d); its output is above the ratio table", out.exitCode());
        }
        line("");
    }

    /** What a child JVM printed (stdout and stderr) and its exit status. */
    private record Output(String text, int exitCode) {
    }

    /** Runs {@code main} of {@code type} in a fresh JVM with the suite's SIMD options. */
    private Output run(String[] jvmOptions, Class<?> type, String... args) throws Exception {
        return runWith(simdArgs, jvmOptions, type, args);
    }

    /** Runs {@code main} of {@code type} in a fresh JVM with the given SIMD options. */
    private Output runWith(String[] simd, String[] jvmOptions, Class<?> type, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(simd));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), type.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        System.out.print(text);
        return new Output(text, rc);
    }

    /** Runs {@link MemoryCheck} in a fresh JVM; returns its MEMORY line (or its output if it failed). */
    private String child(String heap, String... args) throws Exception {
        Output out = run(new String[] {heap}, MemoryCheck.class, args);
        String text = out.text();
        int rc = out.exitCode();
        return text.lines().filter(l -> l.startsWith("MEMORY")).findFirst()
                .map(l -> l.substring("MEMORY ".length()))
                .orElse(String.join(" ", args) + " " + heap + " FAILED (exit " + rc + "): "
                        + text.lines().filter(l -> !l.isBlank()).limit(3).reduce("", (a, b) -> a + " " + b).trim());
    }

    private static boolean parseSimd(String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--simd must be on or off, got " + value);
        };
    }

    private static String[] simdArgs(boolean simd) {
        return simd ? new String[] {"--add-modules", "jdk.incubator.vector"} : new String[] {"-Dxcorr.simd=false"};
    }

    private static String[] concat(String[] first, String[] rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
