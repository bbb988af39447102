package org.xcorr.bench;

import static org.xcorr.bench.WholeProcess.cpuText;
import static org.xcorr.bench.WholeProcess.exec;
import static org.xcorr.bench.WholeProcess.median;
import static org.xcorr.bench.WholeProcess.timed;
import static org.xcorr.bench.WholeProcess.waitForTraining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which FFT kernels {@code ./xcorr} should run (issue 16 §2): the stack commands ({@code align STACK},
 * {@code track STACK --points}) and {@code batch} as whole processes through the launcher, once with the scalar
 * kernels ({@code XCORR_SIMD=0}) and once with the Vector API's ({@code XCORR_SIMD=1}), for stacks of N frames at
 * 512², 1024² and 2048², so that the break-even N (where the Vector API's faster frames repay its slower start:
 * its code is interpreted until C2 compiles it, and on JDK 25 the AOT cache, trained without the module, is not
 * used) is measured rather than guessed. Also prints which kernels the launcher picks by itself for that command
 * line (a dry run: the launcher with {@code XCORR_JAVA=/bin/echo} prints the JVM's arguments instead of starting
 * it) and whether that is the faster of the two here.
 *
 * <p>Runs are paired: each round runs both settings, the order alternating from round to round, so background
 * load falls on both alike. Reports medians of the wall time and, with {@code /usr/bin/time}, of the CPU time
 * (user + system: on a shared two-core machine the steadier number), and the ratio scalar / Vector API (above 1:
 * the Vector API is faster).
 *
 * <pre>
 * java -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.KernelsBench [--repo DIR] [--rounds N]
 *      [--python /usr/bin/python3] [--data DIR] [--frames 2,5,10,20,50] [--quick]
 * </pre>
 * The stacks (float32 {@code .npy}, time first, a drifting smooth random scene) and points files are made once
 * by {@code process/make_stacks.py} (numpy) into the data folder (default
 * {@code xcorr-bench/target/kernels-data}; 1.5 GB for the default N = 5, 20, 64: 64 frames of 2048² float32 are
 * 1 GiB, the launcher's threshold). {@code --quick}: N = 5 and 64 only.
 */
public final class KernelsBench {

    private KernelsBench() {
    }

    /** One command line of the CLI (without the launcher) and its row label. */
    private record Case(String label, List<String> cli) {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        int rounds = 3;
        String python = "/usr/bin/python3";
        Path data = null;
        int[] frames = {5, 20, 64};
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--repo" -> repo = Path.of(args[++k]);
                case "--rounds" -> rounds = Integer.parseInt(args[++k]);
                case "--python" -> python = args[++k];
                case "--data" -> data = Path.of(args[++k]);
                case "--frames" -> frames = Arrays.stream(args[++k].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--quick" -> frames = new int[] {5, 64};
                default -> throw new IllegalArgumentException("unknown argument " + args[k]
                        + "; expected --repo DIR, --rounds N, --python EXE, --data DIR, --frames LIST, --quick");
            }
        }
        repo = repo.toAbsolutePath().normalize();
        if (data == null) {
            data = repo.resolve("xcorr-bench/target/kernels-data");
        }
        String xcorr = repo.resolve("xcorr").toString();
        int maxFrames = Arrays.stream(frames).max().orElse(2);
        if (!Files.exists(data.resolve("stack2048_" + maxFrames + ".npy"))
                || !Files.exists(data.resolve("frame2048_3.npy"))) {
            List<String> make = new ArrayList<>(List.of(python,
                    repo.resolve("xcorr-bench/process/make_stacks.py").toString(), data.toString()));
            Arrays.stream(frames).forEach(n -> make.add(Integer.toString(n)));
            exec(make, Map.of(), true);
        }
        // builds the jar if needed and (JDK 25+) starts the AOT cache training: not part of any timed run
        exec(List.of(xcorr, "--version"), Map.of(), true);
        waitForTraining(repo.resolve("xcorr-cli/target"));

        List<Case> cases = new ArrayList<>();
        String d = data.toString();
        Path out = Files.createTempDirectory("kernelsbench");
        for (int s : new int[] {512, 1024, 2048}) {
            for (int n : frames) {
                String stack = d + "/stack" + s + "_" + n + ".npy";
                cases.add(new Case(String.format(Locale.ROOT, "align %d² × %d", s, n),
                        List.of("align", stack, "-o", out + "/shifts.csv", "--quiet")));
            }
        }
        int mid = frames[frames.length / 2];
        int last = frames[frames.length - 1];
        String stack = d + "/stack2048_" + last + ".npy";
        // apply-shifts needs a shift table of the stack: the align rows above write one; a fresh one here
        Path shifts = out.resolve("shifts2048.csv");
        exec(List.of(xcorr, "align", stack, "-o", shifts.toString(), "--quiet"), Map.of("XCORR_SIMD", "0"), false);
        for (int n : new int[] {mid, last}) {
            Path head = out.resolve("shifts2048_" + n + ".csv");
            Files.write(head, Files.readAllLines(shifts).subList(0, n + 1));
            cases.add(new Case(String.format(Locale.ROOT, "apply-shifts 2048² × %d (fourier)", n),
                    List.of("apply-shifts", d + "/stack2048_" + n + ".npy", "--shifts", head.toString(), "--aligned",
                            out + "/aligned.npy", "--quiet")));
        }
        cases.add(new Case(String.format(Locale.ROOT, "track 2048² × %d, 16 points", mid), List.of("track",
                d + "/stack2048_" + mid + ".npy", "--points", d + "/points2048.csv", "-o", out + "/tracks.csv")));
        Path manifest = out.resolve("batch2048.csv");
        StringBuilder rows = new StringBuilder("id,op,reference,moving\n");
        for (int i = 0; i < 50; i++) {
            rows.append(String.format(Locale.ROOT, "%d,register,%s/frame2048_%d.npy,%s/frame2048_%d.npy%n", i, d, i % 4,
                    d, (i + 1) % 4));
        }
        Files.writeString(manifest, rows);
        cases.add(new Case("batch 2048², 50 register rows", List.of("batch", manifest.toString(), "-o",
                out + "/batch.csv", "--quiet")));
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "| command (whole process, median of %d paired rounds; wall [user+sys CPU]) "
                + "| input | scalar (XCORR_SIMD=0) | Vector API (XCORR_SIMD=1) | scalar / Vector API wall (spread) "
                + "| scalar / Vector API CPU | launcher picks | the faster? |%n", rounds);
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Case c : cases) {
            List<String> argv = new ArrayList<>(List.of(xcorr));
            argv.addAll(c.cli());
            double[][] wall = new double[2][rounds];
            double[][] cpu = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < 2; j++) {
                    int simd = (j + r) % 2;
                    double[] t = timed(argv, Map.of("XCORR_SIMD", Integer.toString(simd)));
                    wall[simd][r] = t[0];
                    cpu[simd][r] = t[1];
                }
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = wall[0][r] / wall[1][r];
            }
            String pick = picks(argv) ? "Vector API" : "scalar";
            double w = median(wall[0]) / median(wall[1]);
            double cr = median(cpu[0]) / median(cpu[1]);
            // the faster by CPU time where there is one (less noisy under load), else by wall time
            double decisive = Double.isNaN(cr) ? w : cr;
            boolean simdFaster = decisive > 1;
            System.out.printf(Locale.ROOT, "| %s | %.0f MB | %.2f s %s | %.2f s %s | %.2f (%.2f–%.2f) | %s | %s | %s |%n",
                    c.label(), inputBytes(c.cli()) / 1e6, median(wall[0]), cpuText(cpu[0]),
                    median(wall[1]), cpuText(cpu[1]), w, Arrays.stream(ratio).min().orElse(0),
                    Arrays.stream(ratio).max().orElse(0), Double.isNaN(cr) ? "—" : String.format(Locale.ROOT, "%.2f", cr),
                    pick, Math.abs(decisive - 1) < 0.05 ? "tie (within 5 %)" : (simdFaster == pick.equals("Vector API")
                            ? "yes" : "no"));
        }
        System.out.printf("load average: at start %s, at end %s%n", load,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /**
     * Whether the launcher, left to itself (no {@code XCORR_SIMD}), gives this command line the Vector API: a dry
     * run with {@code /bin/echo} as the java binary prints the arguments the JVM would get.
     */
    private static boolean picks(List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().remove("XCORR_SIMD");
        pb.environment().put("XCORR_JAVA", "/bin/echo");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text.contains("jdk.incubator.vector");
    }

    /** Bytes of the arguments that name input files (what the launcher's rule adds up: not -o or --aligned). */
    private static long inputBytes(List<String> cli) throws IOException {
        long total = 0;
        for (int k = 0; k < cli.size(); k++) {
            String a = cli.get(k);
            if (List.of("-o", "--output", "--aligned", "--plot").contains(a)) {
                k++;
                continue;
            }
            Path p = Path.of(a);
            if (Files.isRegularFile(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }
}
