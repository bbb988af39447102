package org.xcorr.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the whole-process jobs ({@link ProcessBench}, {@link KernelsBench}) share: running a command to its end with
 * its wall time and, under {@code /usr/bin/time}, its CPU time, waiting for the launcher's AOT training to finish
 * before timing, and the medians they report.
 */
final class WholeProcess {

    private WholeProcess() {
    }

    /** Waits (at most 5 minutes) until no AOT cache training of the launcher (JDK 25+) is under way. */
    static void waitForTraining(Path target) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            File[] pending = target.toFile().listFiles((dir, name) -> name.endsWith(".aot.training"));
            if (pending == null || pending.length == 0 || pending[0].list() == null
                    || pending[0].list().length == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static final boolean GNU_TIME = Files.isExecutable(Path.of("/usr/bin/time"));

    static String cpuText(double[] cpu) {
        double m = median(cpu);
        return Double.isNaN(m) ? "" : String.format(Locale.ROOT, "[%.2f]", m);
    }

    /** Runs a command with extra environment to its end; returns wall and user+system CPU seconds (NaN: unknown). */
    static double[] timed(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        if (!GNU_TIME) {
            return new double[] {exec(argv, env, false), Double.NaN};
        }
        Path out = Files.createTempFile("wholeprocess", ".time");
        try {
            List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", out.toString()));
            wrapped.addAll(argv);
            double wall = exec(wrapped, env, false);
            String[] us = Files.readString(out).trim().split("\\s+");
            double c = Double.NaN;
            if (us.length >= 2) {
                try {
                    c = Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]);
                } catch (NumberFormatException ignored) {
                    // a line from time(1) other than the format asked for: no CPU time this round
                }
            }
            return new double[] {wall, c};
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command to its end; returns its wall time in seconds; fails on a non-zero exit status. */
    static double exec(List<String> argv, Map<String, String> env, boolean inherit)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (inherit) {
            pb.inheritIO();
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("exit status " + rc + " from " + String.join(" ", argv));
        }
        return s;
    }
}
