package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bug: temporary {@code .part} files survived SIGTERM, SIGINT (Ctrl-C) and SIGKILL (27 left after 54 kills,
 * 7.1 GB). Runs the real command line in a child JVM, kills it while it writes a 128 MB result over an existing
 * one, and checks that the old result is intact and no temporary file remains (after SIGKILL: once the next run
 * to the same target has started).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class KillTest {

    /** Samples of the result: 64 MB of float64, a write long enough (about a tenth of a second) to be caught. */
    private static final long SAMPLES = 8L << 20;
    private static final int ATTEMPTS = 6;
    private static final Path PERL = Path.of("/usr/bin/perl");

    @TempDir
    Path dir;

    @Test
    void sigtermRemovesTheTemporaryFileAndKeepsTheOldResult() throws Exception {
        killDuringWrite("TERM");
    }

    @Test
    void sigintRemovesTheTemporaryFileAndKeepsTheOldResult() throws Exception {
        killDuringWrite("INT");
    }

    @Test
    void sigkillLeavesATemporaryFileThatTheNextRunRemoves() throws Exception {
        Path out = killDuringWrite("KILL");
        // the next write to the same target removes the dead process's leftover
        Path small = ChildCli.zerosNpy(dir.resolve("small.npy"), 5);
        CliRun next = ChildCli.run(ChildCli.command(List.of(), "shift", small.toString(), "--by", "0", "-o",
                out.toString()), logs("next"));
        assertEquals(0, next.rc(), next.err());
        assertEquals(List.of(), temporaries(out), "the killed run's temporary file is still there");
        assertEquals(128 + 5 * 8, Files.size(out));
    }

    /** Kills a run with {@code signal} while its temporary file is being written; returns the target. */
    private Path killDuringWrite(String signal) throws Exception {
        Path in = ChildCli.zerosNpy(dir.resolve("in.npy"), SAMPLES);
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("result.npy");
        byte[] old = Files.readAllBytes(ChildCli.zerosNpy(dir.resolve("old.npy"), 3));
        Files.write(out, old);
        List<String> command = ChildCli.command(List.of("-Xmx600m"), "shift", in.toString(), "--by", "0",
                "--interpolation", "linear", "--threads", "1", "-o", out.toString());
        if (signal.equals("INT") && Files.isExecutable(PERL)) {
            // A background job of a non-interactive shell (CI, `mvn ... &`) starts with SIGINT ignored, and a JVM
            // keeps an ignored SIGINT ignored; perl restores the default before it becomes the JVM (same pid).
            List<String> wrapped = new ArrayList<>(List.of(PERL.toString(), "-e",
                    "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\""));
            wrapped.addAll(command);
            command = wrapped;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Process p = ChildCli.start(command, logs(signal + attempt));
            if (signal.equals("INT")) {
                // a JVM started with SIGINT ignored (a background job of a non-interactive shell) keeps ignoring it
                assumeFalse(ignores(p, 2), "SIGINT is ignored in this environment");
            }
            boolean seen = waitForTemporary(p, out);
            assertTrue(seen, "the run ended before its temporary file appeared; stderr: "
                    + Files.readString(logs(signal + attempt).resolve("stderr.txt")));
            switch (signal) {
                case "TERM" -> p.destroy();
                case "KILL" -> p.destroyForcibly();
                default -> new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed run did not exit");
            if (p.exitValue() == 0 || Files.size(out) == 128 + SAMPLES * 8) {
                // the signal came after the rename (the run then exits 0, or with the signal's status while it shuts
                // down: seen once the bulk .npy writer made the write fast): the new result is complete, never a
                // part of it; try again with the old one
                assertEquals(128 + SAMPLES * 8, Files.size(out), "a run that ended normally wrote everything");
                assertEquals(List.of(), temporaries(out), "a finished write leaves no temporary file");
                Files.write(out, old);
                continue;
            }
            assertArrayEquals(old, Files.readAllBytes(out), "the old result was changed by a killed run");
            List<String> left = temporaries(out);
            if (signal.equals("KILL")) {
                assertEquals(1, left.size(), "SIGKILL cannot be caught: its temporary file stays until the next run");
            } else {
                assertEquals(List.of(), left, "temporary files left after SIG" + signal);
                assertEquals(128 + (signal.equals("TERM") ? 15 : 2), p.exitValue(), "exit status after SIG" + signal);
            }
            return out;
        }
        throw new AssertionError("in " + ATTEMPTS + " attempts the signal never arrived during the write");
    }

    /** Polls until a temporary file of {@code target} exists (true) or the process ends (false). */
    private static boolean waitForTemporary(Process p, Path target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!temporaries(target).isEmpty()) {
                return true;
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /**
     * Names of the temporary entries beside {@code target} that belong to it: {@code .NAME.xcorr-PID-RANDOM.part},
     * or any {@code .NAME.*.part} (what older versions left).
     */
    private static List<String> temporaries(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent())) {
            for (Path e : s) {
                String n = e.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".part")) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** Whether process {@code p} ignores signal number {@code sig} (Linux: the SigIgn mask of /proc/PID/status). */
    private static boolean ignores(Process p, int sig) throws IOException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }

    private Path logs(String name) throws IOException {
        return Files.createDirectories(dir.resolve("logs-" + name));
    }
}
