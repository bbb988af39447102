package org.xcorr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xcorr.array.NdArray;
import org.xcorr.io.Npy;
import org.xcorr.io.SampleType;
import org.xcorr.io.Stacks;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.StackAlignment;

/**
 * Stack alignment against its two alternatives, without JMH (one call takes seconds): {@code StackAlignment}
 * reading a {@code .npy} stack from disk, versus the same number of in-process
 * {@code PhaseCorrelation.register} calls on frames preloaded in memory (the loop a library user would write;
 * target: align ≤ 1.5× its time), versus one {@code ./xcorr register} process per frame (the shell loop;
 * target: align ≥ 10× faster). The process side is timed on {@code --processes} frames and extrapolated
 * linearly to the frame count (each process is independent: JVM start, two reads, one registration). Prints a
 * Markdown table and whether align's shifts equal register's bit for bit.
 *
 * <pre>
 * java -Xmx6g -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.AlignBench [--frames 200] [--size 1024]
 *      [--upsample 20] [--threads 2] [--rounds 2] [--processes 10] [--xcorr ./xcorr] [--dir TMP]
 * </pre>
 */
public final class AlignBench {

    private AlignBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = 200;
        int size = 1024;
        int upsample = 20;
        int threads = 2;
        int rounds = 2;
        int processes = 10;
        String xcorr = "./xcorr";
        Path dir = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--frames" -> frames = Integer.parseInt(args[++k]);
                case "--size" -> size = Integer.parseInt(args[++k]);
                case "--upsample" -> upsample = Integer.parseInt(args[++k]);
                case "--threads" -> threads = Integer.parseInt(args[++k]);
                case "--rounds" -> rounds = Integer.parseInt(args[++k]);
                case "--processes" -> processes = Integer.parseInt(args[++k]);
                case "--xcorr" -> xcorr = args[++k];
                case "--dir" -> dir = Path.of(args[++k]);
                default -> throw new IllegalArgumentException("unknown argument " + args[k]);
            }
        }
        Path work = dir == null ? Files.createTempDirectory("alignbench") : Files.createDirectories(dir);
        try {
            run(work, frames, size, upsample, threads, rounds, processes, xcorr);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Frame {@code i}: the base rolled by an integer drift (content does not change the cost). */
    private static NdArray frame(double[] base, int n, int i) {
        int dy = i % 9 - 4;
        int dx = 3 - i % 7;
        double[] f = new double[n * n];
        for (int y = 0; y < n; y++) {
            int sy = Math.floorMod(y - dy, n) * n;
            for (int x = 0; x < n; x++) {
                f[y * n + x] = base[sy + Math.floorMod(x - dx, n)];
            }
        }
        return NdArray.wrap(f, n, n);
    }

    private static void run(Path work, int frames, int n, int upsample, int threads, int rounds, int processes,
            String xcorr) throws Exception {
        Random rnd = new Random(Inputs.SEED);
        double[] base = new double[n * n];
        for (int i = 0; i < base.length; i++) {
            base[i] = rnd.nextDouble();
        }
        Path stack = work.resolve("stack.npy");
        Stacks.write(stack, frames, new int[] {n, n}, SampleType.FLOAT32, sink -> {
            for (int i = 0; i < frames; i++) {
                sink.accept(i, frame(base, n, i));
            }
        });
        // the preloaded frames hold the same float32-rounded values the file holds
        List<NdArray> loaded = new ArrayList<>();
        try (FrameSource s = Stacks.open(stack.toString())) {
            for (int i = 0; i < frames; i++) {
                loaded.add(s.frame(i));
            }
        }
        AlignmentOptions alignOptions = AlignmentOptions.defaults().withUpsampleFactor(upsample).withThreads(threads);
        RegistrationOptions regOptions = RegistrationOptions.defaults().withUpsampleFactor(upsample)
                .withThreads(threads);

        // warm-up: a tenth of the work on each side
        int warm = Math.max(2, frames / 10);
        try (FrameSource s = FrameSource.of(loaded.subList(0, warm))) {
            StackAlignment.align(s, alignOptions);
        }
        for (int i = 0; i < warm; i++) {
            PhaseCorrelation.register(loaded.get(0), loaded.get(i), regOptions);
        }

        double[] alignTimes = new double[rounds];
        double[] loopTimes = new double[rounds];
        AlignmentResult result = null;
        double[][] loopShifts = new double[frames][];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            try (FrameSource s = Stacks.open(stack.toString())) {
                result = StackAlignment.align(s, alignOptions);
            }
            alignTimes[r] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            NdArray reference = loaded.get(0);
            for (int i = 0; i < frames; i++) {
                Registration reg = PhaseCorrelation.register(reference, loaded.get(i), regOptions);
                loopShifts[i] = reg.shift();
            }
            loopTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        boolean identical = Arrays.deepEquals(result.shifts(), loopShifts);

        // processes: ./xcorr register REFERENCE MOVING, one JVM per frame, on .npy files
        double perProcess = Double.NaN;
        String processNote;
        if (processes > 0 && Files.isExecutable(Path.of(xcorr))) {
            Path ref = work.resolve("ref.npy");
            Npy.write(ref, loaded.get(0));
            List<Path> movs = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Path m = work.resolve("mov" + i + ".npy");
                Npy.write(m, loaded.get(1 + i % (frames - 1)));
                movs.add(m);
            }
            // one untimed run, so that a launcher build or a cold disk cache is not counted
            exec(xcorr, ref, movs.get(0), upsample, threads);
            long t0 = System.nanoTime();
            for (Path m : movs) {
                exec(xcorr, ref, m, upsample, threads);
            }
            perProcess = (System.nanoTime() - t0) / 1e9 / processes;
            processNote = String.format(Locale.ROOT, "%d processes timed, × %d/%d", processes, frames, processes);
        } else {
            processNote = "not run (" + xcorr + " not found; pass --xcorr PATH)";
        }

        double align = min(alignTimes);
        double loop = min(loopTimes);
        double shell = perProcess * frames;
        System.out.printf(Locale.ROOT, "frames=%d size=%d² upsample=%d threads=%d rounds=%d (best round), "
                + "stack file %.0f MB float32 .npy%n%n", frames, n, upsample, threads, rounds,
                Files.size(stack) / 1e6);
        System.out.println("| subject | time (s) | per frame (ms) | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| `StackAlignment.align`, from the .npy file | %.2f | %.1f | 1 | — |%n", align,
                1000 * align / frames);
        double r1 = align / loop;
        System.out.printf(Locale.ROOT, "| %d × `PhaseCorrelation.register`, preloaded | %.2f | %.1f | align / loop = %.2f "
                + "| ≤ 1.5: %s |%n", frames, loop, 1000 * loop / frames, r1, r1 <= 1.5 ? "MET" : "MISSED");
        if (Double.isFinite(shell)) {
            double r2 = shell / align;
            System.out.printf(Locale.ROOT, "| %d × `./xcorr register` processes (%s) | %.1f | %.0f | processes / "
                    + "align = %.1f | ≥ 10: %s |%n", frames, processNote, shell, 1000 * perProcess, r2,
                    r2 >= 10 ? "MET" : "MISSED");
        } else {
            System.out.printf("| `./xcorr register` processes | %s | | | |%n", processNote);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "align rounds: %s s; register-loop rounds: %s s; align shifts == register "
                + "shifts bit for bit: %s%n", Arrays.toString(round(alignTimes)), Arrays.toString(round(loopTimes)),
                identical ? "yes" : "NO");
        if (!identical) {
            System.exit(1);
        }
    }

    private static void exec(String xcorr, Path ref, Path mov, int upsample, int threads) throws Exception {
        Process p = new ProcessBuilder(xcorr, "register", ref.toString(), mov.toString(), "--upsample",
                Integer.toString(upsample), "--threads", Integer.toString(threads)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("xcorr register failed: " + out);
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}
