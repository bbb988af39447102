package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

/**
 * Faults of the command line: out of memory, unwritable places, control characters in names, the umask, and
 * debug directories that hold other files.
 */
class FaultsCliTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- out of memory

    /**
     * Bug: an {@code OutOfMemoryError} printed a multi-line stack trace. A computation too big for the heap is
     * now one line, exit status 1, with the heap's size and how to raise it.
     */
    @Test
    void bug_outOfMemoryWhileComputingIsOneLineWithAdvice() throws Exception {
        Path a = ChildCli.zerosNpy(dir.resolve("a.npy"), 1 << 20);
        Path b = ChildCli.zerosNpy(dir.resolve("b.npy"), 1 << 20);
        Path out = dir.resolve("c.npy");
        List<String> cmd = ChildCli.command(List.of("-Xmx48m"), "correlate", a.toString(), b.toString(),
                "--mode", "full", "--method", "fft", "--threads", "1", "-o", out.toString());
        CliRun r = ChildCli.run(cmd, dir);
        assertEquals(1, r.rc(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().startsWith("xcorr correlate: error: out of memory: correlate needs more than the "), r.err());
        assertTrue(r.err().contains("XCORR_JAVA_OPTS=-Xmx"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("Error") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));

        List<String> verbose = ChildCli.command(List.of("-Xmx48m"), "correlate", a.toString(), b.toString(),
                "--mode", "full", "--method", "fft", "--threads", "2", "--verbose", "-o", out.toString());
        CliRun v = ChildCli.run(verbose, dir);
        assertEquals(1, v.rc(), v.err());
        assertTrue(v.err().contains("java.lang.OutOfMemoryError") && v.err().contains("\tat "), "--verbose: the trace");
    }

    /** An input too large to read into the heap is bad input (exit status 2) naming the file. */
    @Test
    void bug_anInputTooLargeForTheHeapIsBadInputNamingTheFile() throws Exception {
        Path big = ChildCli.zerosNpy(dir.resolve("huge input.npy"), 64L << 20);
        Path out = dir.resolve("out.npy");
        CliRun r = ChildCli.run(ChildCli.command(List.of("-Xmx48m"), "shift", big.toString(), "--by", "1",
                "-o", out.toString()), dir);
        assertEquals(2, r.rc(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().startsWith("xcorr shift: " + big), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));
    }

    /** Out of memory for reasons a bigger heap does not fix gets other advice. */
    @Test
    void outOfMemoryAdviceFitsTheCause() {
        Path p = dir.resolve("x.npy");
        String array = Errors.inputTooLarge(p, new OutOfMemoryError("Requested array size exceeds VM limit")).getMessage();
        assertTrue(array.startsWith(p + ": too large to read into memory: reading it needs an array larger than Java"
                + " allows"), array);
        String threads = Errors.inputTooLarge(p, new OutOfMemoryError("unable to create native thread: possibly out"
                + " of memory or process/resource limits reached")).getMessage();
        assertTrue(threads.endsWith("the system refused to start another thread; use fewer --threads"), threads);
        String heap = Errors.inputTooLarge(p, new OutOfMemoryError("Java heap space")).getMessage();
        assertTrue(heap.contains(" Java heap; give Java more memory with XCORR_JAVA_OPTS=-Xmx"), heap);
    }

    // ---------------------------------------------------------------- permissions

    /** Bug: outputs were forced to 0644, so under umask 077 they were world-readable. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void bug_outputsHonourTheUmask() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path in = ChildCli.zerosNpy(dir.resolve("in.npy"), 4);
        Path out = dir.resolve("out.npy");
        Path png = dir.resolve("out.png");
        Path debug = dir.resolve("dbg");
        CliRun r = ChildCli.run(ChildCli.withUmask("077", ChildCli.command(List.of(), "shift", in.toString(),
                "--by", "1", "-o", out.toString())), dir);
        assertEquals(0, r.rc(), r.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Path[] f = templateAndImage();
        r = ChildCli.run(ChildCli.withUmask("027", ChildCli.command(List.of(), "offset", "--template", f[0].toString(),
                "--image", f[1].toString(), "--debug-dir", debug.toString())), dir);
        assertEquals(0, r.rc(), r.err());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(debug)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(debug.resolve("report.html"))));
        r = ChildCli.run(ChildCli.withUmask("007", ChildCli.command(List.of(), "shift", in.toString(),
                "--by", "1", "-o", png.toString())), dir);
        assertEquals(0, r.rc(), r.err());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
    }

    // ---------------------------------------------------------------- unwritable places

    /**
     * Bug: {@code demo --out} in a place that cannot be created exited 1 where {@code -o} exited 2. A path the
     * user cannot write is bad input for both.
     */
    @Test
    void bug_demoOutAndOutputFilesFailAlikeWhereNothingCanBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CliRun demo = CliRun.run("demo", "--out", file.resolve("sub").toString());
        assertEquals(2, demo.rc(), demo.err());
        assertEquals(1, demo.errLines(), demo.err());
        assertTrue(demo.err().startsWith("xcorr demo: " + file.resolve("sub")), demo.err());
        Path in = ChildCli.zerosNpy(dir.resolve("in.npy"), 4);
        CliRun shift = CliRun.run("shift", in.toString(), "--by", "1", "-o", file.resolve("sub/out.npy").toString());
        assertEquals(2, shift.rc(), shift.err());
        assertEquals(1, shift.errLines(), shift.err());
        CliRun offset = CliRun.run("offset", "--template", in.toString(), "--image", in.toString(), "--debug-dir",
                file.resolve("sub/dbg").toString());
        assertEquals(2, offset.rc(), offset.err());
        assertEquals(List.of("in.npy", "plain-file"), listing(dir));
    }

    /** A debug directory is replaced as a whole, so one that holds other files is refused before any work. */
    @Test
    void aDebugDirectoryHoldingOtherFilesIsRefused() throws IOException {
        Path[] f = templateAndImage();
        Path debug = Files.createDirectory(dir.resolve("dbg"));
        Files.writeString(debug.resolve("notes.txt"), "mine");
        CliRun r = CliRun.run("offset", "--template", f[0].toString(), "--image", f[1].toString(), "--debug-dir",
                debug.toString());
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().contains("notes.txt") && r.err().contains("new or empty directory"), r.err());
        assertEquals("", r.out(), "nothing computed");
        assertEquals(List.of("notes.txt"), listing(debug));
        // an earlier report is replaced
        Files.delete(debug.resolve("notes.txt"));
        assertEquals(0, CliRun.run("offset", "--template", f[0].toString(), "--image", f[1].toString(),
                "--debug-dir", debug.toString()).rc());
        CliRun again = CliRun.run("offset", "--template", f[0].toString(), "--image", f[1].toString(),
                "--debug-dir", debug.toString());
        assertEquals(0, again.rc(), again.err());
        assertEquals(5, listing(debug).size());
    }

    // ---------------------------------------------------------------- control characters

    /**
     * Bug: bytes from file names and arguments reached the terminal raw (an OSC sequence retitled the window).
     * Every control character in a message is escaped.
     */
    @Test
    void bug_controlCharactersInNamesAndArgumentsAreEscaped() throws IOException {
        String evil = "a\u001b]0;pwned\u0007\r\u009b2J\u202e.npy";
        CliRun missing = CliRun.run("shift", dir.resolve(evil).toString(), "--by", "1", "-o",
                dir.resolve("o.npy").toString());
        assertEquals(2, missing.rc(), missing.err());
        assertClean(missing.err());
        // (a line break inside a message becomes "; ", so the CR shows as that)
        assertTrue(missing.err().contains("a\\x1b]0;pwned\\x07") && missing.err().contains("\\u009b2J\\u202e.npy"),
                missing.err());

        CliRun option = CliRun.run("shift", "in.npy", "--by", "1", "-o", "o.npy", "--threads", "\u001b[31m4");
        assertEquals(2, option.rc());
        assertClean(option.err());
        assertTrue(option.err().contains("\\x1b[31m4"), option.err());

        Path in = ChildCli.zerosNpy(dir.resolve("in.npy"), 4);
        CliRun badOut = CliRun.run("shift", in.toString(), "--by", "1", "-o", dir.resolve("x\u0007.jpg").toString());
        assertEquals(2, badOut.rc());
        assertClean(badOut.err());
    }

    private static void assertClean(String err) {
        for (char c : err.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n' || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x202e,
                    String.format("raw U+%04X in: %s", (int) c, err));
        }
        assertEquals(1, err.lines().count(), err);
    }

    // ---------------------------------------------------------------- helpers

    private Path[] templateAndImage() throws IOException {
        Random rnd = new Random(5);
        double[] v = new double[30 * 40];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        NdArray image = NdArray.wrap(v, 30, 40);
        double[] t = new double[8 * 10];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                t[y * 10 + x] = image.get(5 + y, 7 + x);
            }
        }
        Path tp = dir.resolve("template.npy");
        Path ip = dir.resolve("image.npy");
        ArrayFiles.write(tp, NdArray.wrap(t, 8, 10));
        ArrayFiles.write(ip, image);
        return new Path[] {tp, ip};
    }

    private static List<String> listing(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
