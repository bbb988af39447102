package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./xcorr} launcher (issue 17): it finds its project through a chain of symlinks (as when linked into
 * a folder on the PATH) without {@code readlink -f}, and serializes first-use builds without {@code flock}
 * (macOS has none). Runs the real script in a copy of the project layout, with stand-ins for {@code java} and
 * {@code mvn} on a PATH that holds only the tools the script needs and no {@code flock}.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    /**
     * What the stand-in java echoes before the jar: the launcher's flags for a small one-shot job (the JVM's own
     * log warnings sent to stderr, so they never precede the JSON on stdout).
     */
    private static final String JAVA = "java -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC"
            + " -XX:TieredStopAtLevel=1 -jar ";

    private Path project;
    private Path bin;

    @BeforeEach
    void layout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        project = Files.createDirectories(tmp.resolve("project dir"));
        Files.copy(Path.of("..", "xcorr"), project.resolve("xcorr"));
        executable(project.resolve("xcorr"));
        // the JVM choice the launcher sources (XCORR_JAVA below points it at the stand-in java)
        Files.copy(Path.of("..", "xcorr-jvm.sh"), project.resolve("xcorr-jvm.sh"));
        Files.createDirectories(project.resolve("xcorr-cli/src/main/java"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : new String[] {"bash", "env", "dirname", "readlink", "find", "grep", "mkdir", "rmdir",
            "sleep", "cat", "mktemp", "rm", "touch", "ls", "wc", "mkfifo", "kill"}) {
            Path real = which(tool);
            assumeTrue(real != null, "needs " + tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        script(bin.resolve("java"), "echo \"java $*\"");
    }

    @Test
    void runsThroughAChainOfSymlinksWithoutReadlinkF() throws Exception {
        Files.createDirectories(project.resolve("xcorr-cli/target"));
        Files.writeString(project.resolve("xcorr-cli/target/xcorr-cli-all.jar"), "jar");
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path onPath = Files.createDirectories(tmp.resolve("onpath"));
        Files.createSymbolicLink(links.resolve("xcorr-link"), Path.of("..", "project dir", "xcorr"));
        Files.createSymbolicLink(onPath.resolve("xcorr"), links.resolve("xcorr-link"));
        Result r = run(onPath.resolve("xcorr"), "--version");
        assertEquals(0, r.rc, r.err);
        assertEquals(JAVA + project.toRealPath().resolve("xcorr-cli/target/xcorr-cli-all.jar") + " --version",
                r.out.strip());
    }

    /** Two first uses at once: one build, never two at the same time, and both runs go ahead (no flock here). */
    @Test
    void concurrentFirstUsesBuildOnceWithoutFlock() throws Exception {
        assertFalse(Files.exists(bin.resolve("flock")));
        Path log = tmp.resolve("mvn.log");
        script(bin.resolve("mvn"), "if [ -e building ]; then echo overlap >> '" + log + "'; fi\n"
                + "touch building; echo build >> '" + log + "'; sleep 1\n"
                + "mkdir -p xcorr-cli/target; echo jar > xcorr-cli/target/xcorr-cli-all.jar; rm building");
        List<Process> runs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            runs.add(start(project.resolve("xcorr"), "demo"));
        }
        for (Process p : runs) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), err);
            assertTrue(out.startsWith(JAVA), out);
        }
        assertEquals("build\n", Files.readString(log), "one build, no overlap");
        assertFalse(Files.exists(project.resolve(".xcorr-build.lock.d")), "the lock is released");
    }

    /**
     * Maven leaves an up-to-date jar untouched when only a test source changed; the launcher must not then
     * rebuild on every run (it did: each golden case started a Maven build).
     */
    @Test
    void aBuildThatLeavesTheJarAsItWasIsNotRepeated() throws Exception {
        Path jar = project.resolve("xcorr-cli/target/xcorr-cli-all.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(project.resolve("xcorr-cli/src/main/java/NewerTest.java"), "class NewerTest {}");
        Path log = tmp.resolve("mvn.log");
        script(bin.resolve("mvn"), "echo build >> '" + log + "'");
        assertEquals(0, run(project.resolve("xcorr"), "--version").rc);
        assertEquals(0, run(project.resolve("xcorr"), "--version").rc);
        assertEquals("build\n", Files.readString(log), "built once, not on every run");
    }

    /**
     * -XX:+UseTransparentHugePages (issue 16: page faults dominate reading and writing big arrays on a VM) is
     * given only on Linux with the kernel in madvise mode: a macOS JVM refuses the unknown flag and would not
     * start, and in "never" mode the JVM warns on stderr.
     */
    @Test
    void hugePagesOnlyOnLinuxInMadviseMode() throws Exception {
        Files.createDirectories(project.resolve("xcorr-cli/target"));
        Files.writeString(project.resolve("xcorr-cli/target/xcorr-cli-all.jar"), "jar");
        Path jar = project.toRealPath().resolve("xcorr-cli/target/xcorr-cli-all.jar");
        Path thp = tmp.resolve("thp-enabled");
        String[][] cases = {
            {"linux-gnu", "always [madvise] never", "java -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC"
                + " -XX:+UseTransparentHugePages"
                + " -XX:TieredStopAtLevel=1 -jar "},
            {"linux-gnu", "always madvise [never]", JAVA},
            {"linux-gnu", "[always] madvise never", JAVA},
            {"darwin23", "always [madvise] never", JAVA},
        };
        for (String[] c : cases) {
            Files.writeString(thp, c[1] + "\n");
            Result r = run(project.resolve("xcorr"), Map.of("OSTYPE", c[0], "_xcorr_thp_file", thp.toString()),
                    "--version");
            assertEquals(0, r.rc, r.err);
            assertEquals(c[2] + jar + " --version", r.out.strip(), c[0] + ", " + c[1]);
        }
    }

    /**
     * The FFT's Vector API kernels (issue 16 §2): the launcher names their module only for the long jobs where they
     * pay back their slower start (align and apply-shifts with at least {@link #SIMD_MIN_BYTES} of input files),
     * never for a one-shot command, however large its input; XCORR_SIMD=0/1 force either way; and never together
     * with C1 alone (vector code that C2 does not compile runs as plain Java: a forced XCORR_SIMD=1 on a small ncc
     * took 73 s instead of 1).
     */
    @Test
    void vectorApiOnlyForLongStackJobsAndNeverWithC1() throws Exception {
        Files.createDirectories(project.resolve("xcorr-cli/target"));
        Files.writeString(project.resolve("xcorr-cli/target/xcorr-cli-all.jar"), "jar");
        Path big = sized(tmp.resolve("big.npy"), SIMD_MIN_BYTES);
        Path small = sized(tmp.resolve("small.npy"), SIMD_MIN_BYTES - 1);
        Path csv = sized(tmp.resolve("points.csv"), 0);
        String simd = "--add-modules jdk.incubator.vector";
        String c1 = "-XX:TieredStopAtLevel=1";
        Object[][] cases = {
            // env XCORR_SIMD, arguments, Vector API?, C1 only?
            {null, new String[] {"align", big.toString(), "-o", "s.csv"}, true, false},
            {null, new String[] {"align", "--quiet", "--output=s.csv", big.toString()}, true, false},
            {null, new String[] {"apply-shifts", big.toString(), "--shifts", csv.toString(), "--aligned", "a.npy"}, true, false},
            {null, new String[] {"align", small.toString(), "-o", "s.csv"}, false, false},
            // an output of an earlier run is no input
            {null, new String[] {"align", small.toString(), "--aligned", big.toString(), "-o", "s.csv"}, false, false},
            {null, new String[] {"apply-shifts", small.toString(), "--shifts", csv.toString(), "--aligned=" + big},
                false, false},
            {null, new String[] {"ncc", big.toString(), big.toString(), "-o", "n.npy"}, false, false},
            {null, new String[] {"register", csv.toString(), csv.toString()}, false, true},
            {null, new String[] {"track", big.toString(), "--points", csv.toString()}, false, false},
            {null, new String[] {"batch", big.toString()}, false, false},
            {"0", new String[] {"align", big.toString(), "-o", "s.csv"}, false, false},
            {"1", new String[] {"register", csv.toString(), csv.toString()}, true, false},
            {"1", new String[] {"--version"}, true, false},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[1];
            Map<String, String> env = c[0] == null ? Map.of() : Map.of("XCORR_SIMD", (String) c[0]);
            Result r = run(project.resolve("xcorr"), env, args);
            String what = "XCORR_SIMD=" + c[0] + " " + String.join(" ", args);
            assertEquals(0, r.rc, what + ": " + r.err);
            assertEquals(c[2], r.out.contains(simd), what + ": " + r.out);
            assertEquals(c[3], r.out.contains(c1), what + ": " + r.out);
            assertTrue(r.out.strip().endsWith("xcorr-cli-all.jar " + String.join(" ", args)), r.out);
        }
    }

    /**
     * With the Vector API module on, the JVM's incubator notice is dropped so that an error stays one line, the
     * rest of stderr and all of stdout pass through, and the exit status is the JVM's.
     */
    @Test
    void theIncubatorNoticeIsDroppedAndAnErrorStaysOneLine() throws Exception {
        Files.createDirectories(project.resolve("xcorr-cli/target"));
        Files.writeString(project.resolve("xcorr-cli/target/xcorr-cli-all.jar"), "jar");
        script(bin.resolve("java"), "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "echo '{\"ok\": 1}'\necho 'xcorr: bad input' >&2\nexit 2");
        Result r = run(project.resolve("xcorr"), Map.of("XCORR_SIMD", "1"), "ncc", "a", "b");
        assertEquals(2, r.rc);
        assertEquals("{\"ok\": 1}\n", r.out);
        assertEquals("xcorr: bad input\n", r.err);
    }

    /**
     * With the Vector API module on, the launcher stays the JVM's parent (to filter its stderr and wait for the
     * filter) and passes a SIGTERM on to it, so the JVM's shutdown hook still removes a half-written output (see
     * KillTest); the exit status is the JVM's, all of its stderr is there when the launcher has exited, and the
     * launcher's FIFO is gone.
     */
    @Test
    void sigtermReachesTheJvmWithTheVectorApiOn() throws Exception {
        Files.createDirectories(project.resolve("xcorr-cli/target"));
        Files.writeString(project.resolve("xcorr-cli/target/xcorr-cli-all.jar"), "jar");
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        script(bin.resolve("java"), "trap 'echo got SIGTERM >&2; exit 143' TERM\n"
                + "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "echo ready\nwhile :; do sleep 0.05; done");
        Path err = tmp.resolve("stderr.txt");
        // stderr to a file: destroy() closes the pipes of the process
        Process p = builder(project.resolve("xcorr"), Map.of("XCORR_SIMD", "1", "TMPDIR", tmpdir.toString()),
                "align", "stack.npy", "-o", "s.csv").redirectError(err.toFile()).start();
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not end on SIGTERM");
        assertEquals(143, p.exitValue(), Files.readString(err));
        assertEquals("got SIGTERM\n", Files.readString(err));
        try (java.util.stream.Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.toList(), "the launcher's FIFO folder is removed");
        }
    }

    /** Input bytes from which align and apply-shifts get the Vector API (xcorr-jvm.sh, XCORR_SIMD_MIN_BYTES). */
    private static final long SIMD_MIN_BYTES = 1L << 30;

    /** A (sparse) file of {@code bytes} bytes. */
    private static Path sized(Path path, long bytes) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return path;
    }

    private record Result(int rc, String out, String err) {
    }

    private Result run(Path launcher, String... args) throws Exception {
        return run(launcher, Map.of(), args);
    }

    private Result run(Path launcher, Map<String, String> env, String... args) throws Exception {
        Process p = start(launcher, env, args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Process start(Path launcher, String... args) throws IOException {
        return start(launcher, Map.of(), args);
    }

    private Process start(Path launcher, Map<String, String> env, String... args) throws IOException {
        return builder(launcher, env, args).start();
    }

    private ProcessBuilder builder(Path launcher, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("XCORR_JAVA", bin.resolve("java").toString());
        // the host's huge-page setting must not change the flags these tests expect
        pb.environment().put("_xcorr_thp_file", tmp.resolve("no-thp-setting").toString());
        pb.environment().putAll(env);
        return pb;
    }

    private static Path which(String tool) {
        for (String d : new String[] {"/usr/bin", "/bin", "/usr/local/bin"}) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/bash\ncd \"$(dirname \"$0\")/../project dir\" 2>/dev/null || true\n" + body + "\n");
        executable(path);
    }

    private static void executable(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
