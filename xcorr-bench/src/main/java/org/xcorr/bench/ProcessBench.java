package org.xcorr.bench;

import static org.xcorr.bench.WholeProcess.cpuText;
import static org.xcorr.bench.WholeProcess.exec;
import static org.xcorr.bench.WholeProcess.median;
import static org.xcorr.bench.WholeProcess.timed;
import static org.xcorr.bench.WholeProcess.waitForTraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process timing of one-shot commands, the way a user meets them: {@code ./xcorr ncc} and
 * {@code ./xcorr register} (the launcher: JVM choice, AOT cache, JIT flags, see {@code xcorr-jvm.sh}) against the
 * Python script a user would write instead ({@code xcorr-bench/process/peer_*.py}: OpenCV
 * {@code matchTemplate TM_CCOEFF_NORMED}, scikit-image {@code phase_cross_correlation}) reading the same
 * {@code .npy} files (and, for ncc, the same 8-bit PNG files) and writing the same {@code .npy}, and against
 * plain {@code java -jar} on the JDK on PATH (what the launcher did before it chose flags).
 *
 * <p>Runs are paired and interleaved: each round runs every command of a case once, in a rotating order, so
 * background load falls on all of them alike; the first round is a warm-up (page cache, AOT cache training) and
 * is dropped. Reports medians of the wall time and, where {@code /usr/bin/time} exists, of the CPU time (user +
 * system, the steadier number on a shared machine), the ratio peer / xcorr (above 1: xcorr is faster) with its
 * spread (min–max of the per-round ratios), the target and by how much it is met or missed.
 *
 * <pre>
 * java -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.ProcessBench [--repo DIR] [--rounds N]
 *      [--python /usr/bin/python3] [--data DIR]
 * </pre>
 * Needs {@code python3} with numpy, OpenCV and scikit-image (Debian: {@code python3-opencv python3-skimage});
 * the inputs (1024², 2048², 4096² scenes, 64²/128² templates, a shifted 2048² copy) are generated once by
 * {@code process/make_inputs.py} into the data folder (default {@code xcorr-bench/target/process-data}).
 */
public final class ProcessBench {

    private ProcessBench() {
    }

    /** One command line to time and its label. */
    private record Cmd(String label, List<String> argv) {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        int rounds = 7;
        String python = "/usr/bin/python3";
        Path data = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--repo" -> repo = Path.of(args[++k]);
                case "--rounds" -> rounds = Integer.parseInt(args[++k]);
                case "--python" -> python = args[++k];
                case "--data" -> data = Path.of(args[++k]);
                default -> throw new IllegalArgumentException("unknown argument " + args[k]
                        + "; expected --repo DIR, --rounds N, --python EXE, --data DIR");
            }
        }
        repo = repo.toAbsolutePath().normalize();
        if (data == null) {
            data = repo.resolve("xcorr-bench/target/process-data");
        }
        Path scripts = repo.resolve("xcorr-bench/process");
        String xcorr = repo.resolve("xcorr").toString();
        String jar = repo.resolve("xcorr-cli/target/xcorr-cli-all.jar").toString();
        String d = data.toString();
        if (!Files.exists(data.resolve("image4096.npy"))) {
            exec(List.of(python, scripts.resolve("make_inputs.py").toString(), d), Map.of(), true);
        }
        if (!Files.exists(data.resolve("image4096.png"))) {
            exec(List.of(python, scripts.resolve("make_png_inputs.py").toString(), d), Map.of(), true);
        }
        // First use of the launcher: builds the jar if needed and (JDK 25+) starts the AOT cache training; wait
        // for it so the timed rounds measure the steady state a user has from the second run on.
        exec(List.of(xcorr, "--version"), Map.of(), true);
        waitForTraining(repo.resolve("xcorr-cli/target"));

        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "| command (whole process, median of %d interleaved rounds; wall [user+sys CPU]) "
                + "| ./xcorr | java -jar (PATH JDK, default flags) | Python peer | peer / ./xcorr wall (spread) "
                + "| peer / ./xcorr CPU | target | met |%n", rounds);
        System.out.println("|---|---|---|---|---|---|---|---|");
        Map<String, List<List<String>>> cases = new LinkedHashMap<>();
        for (int[] nm : new int[][] {{1024, 64}, {2048, 128}, {4096, 128}}) {
            int n = nm[0];
            List<String> ncc = List.of("ncc", "--template", d + "/template" + n + ".npy", "--image",
                    d + "/image" + n + ".npy", "--mode", "valid", "-o", d + "/out-xcorr" + n + ".npy");
            List<String> peer = List.of(python, scripts.resolve("peer_ncc.py").toString(), d + "/template" + n + ".npy",
                    d + "/image" + n + ".npy", d + "/out-py" + n + ".npy");
            cases.put(String.format(Locale.ROOT, "ncc %d²/%d² (cv2.matchTemplate)", n, nm[1]), List.of(ncc, peer));
        }
        // the same jobs from 8-bit grey PNG (the README's first example reads PNG): cv2.imread against our decoder
        for (int[] nm : new int[][] {{1024, 64}, {2048, 128}, {4096, 128}}) {
            int n = nm[0];
            List<String> ncc = List.of("ncc", "--template", d + "/template" + n + ".png", "--image",
                    d + "/image" + n + ".png", "--mode", "valid", "-o", d + "/out-xcorr-png" + n + ".npy");
            List<String> peer = List.of(python, scripts.resolve("peer_ncc_png.py").toString(),
                    d + "/template" + n + ".png", d + "/image" + n + ".png", d + "/out-py-png" + n + ".npy");
            cases.put(String.format(Locale.ROOT, "ncc %d²/%d² from PNG (cv2.imread + matchTemplate)", n, nm[1]),
                    List.of(ncc, peer));
        }
        cases.put("register 2048² (skimage phase_cross_correlation)", List.of(
                List.of("register", d + "/image2048.npy", d + "/moving2048.npy"),
                List.of(python, scripts.resolve("peer_register.py").toString(), d + "/image2048.npy",
                        d + "/moving2048.npy")));
        for (Map.Entry<String, List<List<String>>> e : cases.entrySet()) {
            List<String> cli = e.getValue().get(0);
            List<Cmd> cmds = new ArrayList<>();
            cmds.add(new Cmd("xcorr", concat(List.of(xcorr), cli)));
            cmds.add(new Cmd("plain", concat(List.of("java", "-jar", jar), cli)));
            cmds.add(new Cmd("peer", e.getValue().get(1)));
            double[][] t = new double[cmds.size()][rounds];
            double[][] cpu = new double[cmds.size()][rounds];
            for (int r = -1; r < rounds; r++) {
                for (int j = 0; j < cmds.size(); j++) {
                    int c = (j + Math.max(r, 0)) % cmds.size();
                    double[] s = timed(cmds.get(c).argv(), Map.of());
                    if (r >= 0) {
                        t[c][r] = s[0];
                        cpu[c][r] = s[1];
                    }
                }
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = t[2][r] / t[0][r];
            }
            double x = median(t[0]);
            double pr = median(t[2]) / x;
            boolean big = e.getKey().contains("4096");
            double target = big ? 2.0 : 1.0;
            String met = pr >= target ? String.format(Locale.ROOT, "yes (+%.0f%%)", 100 * (pr / target - 1))
                    : String.format(Locale.ROOT, "no (%.0f%% short)", 100 * (1 - pr / target));
            System.out.printf(Locale.ROOT, "| %s | %.2f s %s | %.2f s %s | %.2f s %s | %.2f (%.2f–%.2f) | %s | ≥ %.0f | %s |%n",
                    e.getKey(), x, cpuText(cpu[0]), median(t[1]), cpuText(cpu[1]), median(t[2]), cpuText(cpu[2]),
                    pr, Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0),
                    Double.isNaN(median(cpu[0])) ? "—" : String.format(Locale.ROOT, "%.2f",
                            median(cpu[2]) / median(cpu[0])), target, met);
        }
        // the same answer as the peer: the maps agree to float32 rounding (cv2 computes in float32)
        // a last row of the table (the Suite keeps only table rows and the load line)
        StringBuilder agree = new StringBuilder("| ncc maps, max \\|xcorr − cv2\\| |");
        for (int n : new int[] {1024, 2048, 4096}) {
            double[] a = org.xcorr.io.Npy.read(data.resolve("out-xcorr" + n + ".npy")).backingReal();
            double[] b = org.xcorr.io.Npy.read(data.resolve("out-py" + n + ".npy")).backingReal();
            double m = a.length == b.length ? 0 : Double.NaN;
            for (int i = 0; i < a.length && a.length == b.length; i++) {
                m = Math.max(m, Math.abs(a[i] - b[i]));
            }
            agree.append(String.format(Locale.ROOT, " %d²: %.1e |", n, m));
        }
        System.out.println(agree.append(" | | | | |"));
        System.out.printf("load average: at start %s, at end %s%n", load,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
