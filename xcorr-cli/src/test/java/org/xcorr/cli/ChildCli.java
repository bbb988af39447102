package org.xcorr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a child JVM ({@code java -cp <test class path> org.xcorr.cli.Main ...}): for what an
 * in-process run cannot show, such as signals, the shutdown hook, a small heap or the umask.
 */
final class ChildCli {

    private ChildCli() {
    }

    /** The command that starts {@code xcorr args...} with {@code jvmOptions}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code command}, stdout and stderr to files in {@code logs}. */
    static Process start(List<String> command, Path logs) throws IOException {
        return new ProcessBuilder(command)
                .redirectOutput(logs.resolve("stdout.txt").toFile())
                .redirectError(logs.resolve("stderr.txt").toFile())
                .start();
    }

    /** Runs {@code command} to the end (at most two minutes) and returns its exit status, stdout and stderr. */
    static CliRun run(List<String> command, Path logs) throws IOException, InterruptedException {
        Process p = start(command, logs);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + command);
        }
        return new CliRun(p.exitValue(), Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("stderr.txt"), StandardCharsets.UTF_8).strip());
    }

    /** {@code command} run by {@code /bin/sh} after {@code umask mask}. */
    static List<String> withUmask(String mask, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + mask + " && exec \"$@\"", "sh"));
        cmd.addAll(command);
        return cmd;
    }

    /** Writes a float64 {@code .npy} of zeros as a sparse file (no disk blocks), fast at any size. */
    static Path zerosNpy(Path path, long... shape) throws IOException {
        long n = 1;
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            n *= d;
            dims.append(d).append(", ");
        }
        String sh = shape.length == 1 ? dims.toString().trim() : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + sh + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        byte[] head = new byte[10 + header.length()];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
            (byte) (header.length() & 0xff), (byte) (header.length() >>> 8)};
        System.arraycopy(magic, 0, head, 0, 10);
        System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, head, 10, header.length());
        try (var f = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + 8 * n);
        }
        return path;
    }
}
