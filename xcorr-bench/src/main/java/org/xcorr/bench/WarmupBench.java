package org.xcorr.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xcorr.cli.Main;

/**
 * How much of a one-shot command is warm-up: the CLI's own code ({@link Main#execute}, the very path {@code ./xcorr}
 * runs: read the {@code .npy} files, compute, write the {@code .npy} and the summary) called {@code --calls} times in
 * one fresh JVM on the same files. The first call pays class loading, the interpreter and JIT compilation; the
 * later ones are what {@code xcorr batch} and the stack commands pay per item once the JVM is warm. Prints one
 * Markdown row per case: first call, median of the later calls, and the share of the first call that is warm-up,
 * {@code (first - steady) / first}.
 *
 * <pre>
 * java [JVM options] -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.WarmupBench --case ncc1024 [--calls 8]
 *      [--data DIR]
 * </pre>
 * One case per JVM ({@code ncc1024}, {@code ncc2048}, {@code ncc4096}: ncc {@code --mode valid} of the
 * {@code process/make_inputs.py} scenes and templates; {@code register2048}), so every case starts cold; the
 * {@link Suite}'s {@code warmup} job runs each case in its own child. The inputs are those of {@link ProcessBench}
 * ({@code xcorr-bench/target/process-data}, made by {@code process/make_inputs.py} when missing).
 */
public final class WarmupBench {

    private WarmupBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = "ncc1024";
        int calls = 8;
        Path data = Path.of("xcorr-bench/target/process-data");
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--case" -> which = args[++k];
                case "--calls" -> calls = Integer.parseInt(args[++k]);
                case "--data" -> data = Path.of(args[++k]);
                default -> throw new IllegalArgumentException("unknown option " + args[k]);
            }
        }
        if (calls < 2) {
            throw new IllegalArgumentException("--calls must be >= 2, got " + calls);
        }
        ensureInputs(data);
        Path out = Files.createTempFile("xcorr-warmup", ".npy");
        String[] argv = argv(which, data, out);
        double[] ms = new double[calls];
        for (int c = 0; c < calls; c++) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int rc = Main.execute(new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8), argv);
            ms[c] = (System.nanoTime() - t0) / 1e6;
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + rc + ": "
                        + e.toString(StandardCharsets.UTF_8));
            }
        }
        Files.deleteIfExists(out);
        double[] later = Arrays.copyOfRange(ms, 1, calls);
        Arrays.sort(later);
        double steady = later[later.length / 2];
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f–%.0f | %.0f %% | %.1f |%n", label(which), ms[0], steady,
                later[0], later[later.length - 1], 100 * (ms[0] - steady) / ms[0], ms[0] / steady);
    }

    /** The table's header, for the suite. */
    static List<String> header(int calls) {
        return List.of("| command (CLI code in one JVM, " + calls + " calls) | first call (ms) | later calls, median (ms)"
                        + " | later calls, range (ms) | warm-up share of the first call | first / later |",
                "|---|---|---|---|---|---|");
    }

    static final List<String> CASES = List.of("ncc1024", "ncc2048", "ncc4096", "register2048");

    private static String label(String which) {
        return switch (which) {
            case "ncc1024" -> "ncc 1024²/64² valid";
            case "ncc2048" -> "ncc 2048²/128² valid";
            case "ncc4096" -> "ncc 4096²/128² valid";
            case "register2048" -> "register 2048²";
            default -> which;
        };
    }

    private static String[] argv(String which, Path data, Path out) {
        String o = out.toString();
        return switch (which) {
            case "ncc1024", "ncc2048", "ncc4096" -> {
                String n = which.substring(3);
                yield new String[] {"ncc", data.resolve("template" + n + ".npy").toString(),
                    data.resolve("image" + n + ".npy").toString(), "--mode", "valid", "-o", o};
            }
            case "register2048" -> new String[] {"register", data.resolve("image2048.npy").toString(),
                data.resolve("moving2048.npy").toString()};
            default -> throw new IllegalArgumentException("--case must be one of " + CASES + ", got " + which);
        };
    }

    private static void ensureInputs(Path data) throws IOException, InterruptedException {
        if (Files.exists(data.resolve("moving2048.npy")) && Files.exists(data.resolve("image4096.npy"))) {
            return;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "xcorr-bench/process/make_inputs.py", data.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("process/make_inputs.py failed (exit " + p.exitValue() + ")");
        }
    }
}
