package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

class CorrelateCommandTest {

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    private int run(String... args) {
        CliRun r = CliRun.run(args);
        stdout = r.out();
        stderr = r.err();
        return r.rc();
    }

    private String write(String name, NdArray x) throws IOException {
        Path p = dir.resolve(name);
        ArrayFiles.write(p, x);
        return p.toString();
    }

    @Test
    void workedExampleInEveryMode() throws IOException {
        String a = write("a.npy", NdArray.of1d(0, 0, 1, 0));
        String b = write("b.npy", NdArray.of1d(1, 0));
        String out = dir.resolve("out.npy").toString();
        assertEquals(0, run("correlate", a, b, "-o", out), stderr);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0}, ArrayFiles.read(Path.of(out)).toArray(), 1e-15);
        // issue 17: the summary names the peak's lag, so the answer needs no second program
        assertEquals("{\"output\": \"" + out + "\", \"shape\": [5], \"peak\": [3], \"value\": 1.0, \"min\": 0.0,"
                + " \"max\": 1.0, \"lag\": [2]}", stdout.strip());
        assertEquals(0, run("correlate", a, b, "--mode", "same", "-o", out, "--threads", "2"), stderr);
        assertArrayEquals(new double[] {0, 0, 0, 1}, ArrayFiles.read(Path.of(out)).toArray(), 1e-15);
        assertEquals(0, run("correlate", a, b, "--mode", "VALID", "--method", "direct", "-o", out), stderr);
        assertArrayEquals(new double[] {0, 0, 1}, ArrayFiles.read(Path.of(out)).toArray(), 1e-15);
        assertEquals(0, run("correlate", a, b, "--mode", "circular", "--centered", "--method", "fft", "-o", out), stderr);
        assertArrayEquals(new double[] {0, 0, 0, 1}, ArrayFiles.read(Path.of(out)).toArray(), 1e-15);
    }

    @Test
    void complexInputGivesComplexOutput() throws IOException {
        String a = write("a.npy", NdArray.ofComplex(new double[] {1, 2, 3}, new double[] {0, 1, 0}, 3));
        String b = write("b.npy", NdArray.of1d(1));
        String out = dir.resolve("out.npy").toString();
        assertEquals(0, run("correlate", a, b, "-o", out), stderr);
        NdArray got = ArrayFiles.read(Path.of(out));
        assertTrue(got.isComplex());
        assertArrayEquals(new double[] {0, 1, 0}, got.toImagArray(), 1e-15);
    }

    @Test
    void centeredWithoutCircularIsBadInput() throws IOException {
        String a = write("a.npy", NdArray.of1d(1, 2, 3));
        String out = dir.resolve("out.npy").toString();
        assertEquals(2, run("correlate", a, a, "--mode", "same", "--centered", "-o", out));
        assertEquals("xcorr correlate: --centered applies only to --mode circular, got --mode same", stderr);
        assertEquals(2, run("correlate", a, a, "--centered", "-o", out));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void badInputsExitTwoWithOneLineAndNoOutput() throws IOException {
        String a = write("a.npy", NdArray.zeros(4, 20));
        String b = write("b.npy", NdArray.zeros(5, 9));
        String v = write("v.npy", NdArray.zeros(3));
        String out = dir.resolve("out.npy").toString();
        assertEquals(2, run("correlate", a, b, "--mode", "valid", "-o", out));
        assertTrue(stderr.startsWith("xcorr correlate: kernel b 5x9 is larger than a 4x20 on axis 0; "
                + "valid mode needs b to fit inside a"), stderr);
        assertEquals(2, run("correlate", a, v, "-o", out));
        assertTrue(stderr.contains("same number of axes"), stderr);
        assertEquals(2, run("correlate", a, b, "--mode", "diagonal", "-o", out));
        assertTrue(stderr.contains("unknown mode 'diagonal'"), stderr);
        assertEquals(2, run("correlate", a, dir.resolve("missing.npy").toString(), "-o", out));
        assertTrue(stderr.contains("missing.npy: file not found"), stderr);
        assertEquals(2, run("correlate", a, b));
        assertEquals(2, run("correlate", a, b, "--threads", "0", "-o", out));
        for (String line : new String[] {stderr}) {
            assertEquals(1, line.lines().count(), line);
        }
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void helpDescribesTheLagConvention() {
        assertEquals(0, run("correlate", "--help"));
        assertTrue(stdout.contains("--centered") && stdout.contains("floor(NB/2)"), stdout);
    }

    /** Issue 14 §3: --max-lag keeps lags |k| <= L of the mode, per axis too; the summary's lag is the true lag. */
    @Test
    void maxLagKeepsOnlyTheSmallLags() throws IOException {
        double[] s = new double[200];
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextDouble() - 0.5;
        }
        double[] delayed = new double[200];
        System.arraycopy(s, 0, delayed, 7, 193);
        String a = write("delayed.npy", NdArray.wrap(delayed, 200));
        String b = write("s.npy", NdArray.wrap(s, 200));
        String out = dir.resolve("out.npy").toString();
        String whole = dir.resolve("whole.npy").toString();
        assertEquals(0, run("correlate", a, b, "--max-lag", "10", "-o", out), stderr);
        assertTrue(stdout.contains("\"shape\": [21]") && stdout.contains("\"lag\": [7]"), stdout);
        assertEquals(0, run("correlate", a, b, "-o", whole), stderr);
        double[] full = ArrayFiles.read(Path.of(whole)).toArray();
        // full output index i holds lag i - 199; lags -10..10 are indices 189..209
        assertArrayEquals(java.util.Arrays.copyOfRange(full, 189, 210), ArrayFiles.read(Path.of(out)).toArray(), 1e-9);

        String img = write("img.npy", NdArray.wrap(new double[30 * 40], 30, 40));
        String tpl = write("tpl.npy", NdArray.wrap(new double[5 * 6], 5, 6));
        assertEquals(0, run("correlate", img, tpl, "--max-lag", "2,3", "-o", out), stderr);
        assertArrayEquals(new int[] {5, 7}, ArrayFiles.read(Path.of(out)).shape());

        assertEquals(2, run("correlate", img, tpl, "--max-lag", "1,2,3", "-o", out));
        assertTrue(stderr.contains("max-lag has 3 values"), stderr);
        assertEquals(2, run("correlate", img, tpl, "--max-lag", "-1", "-o", out));
        assertTrue(stderr.contains(">= 0"), stderr);
        assertEquals(2, run("correlate", img, tpl, "--max-lag", "x", "-o", out));
        assertTrue(stderr.contains("--max-lag expects integers"), stderr);
        assertEquals(2, run("correlate", img, tpl, "--mode", "circular", "--max-lag", "2", "-o", out));
        assertTrue(stderr.contains("not to circular"), stderr);
        assertFalse(stderr.contains("Exception"), stderr);
    }
}
