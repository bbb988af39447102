package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.local.LocalNcc;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

/** The local-ncc, shift and similarity subcommands through {@link Main#execute}. */
class LocalShiftSimilarityCommandTest {

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

    private static NdArray noise(long seed, int... shape) {
        return NdArray.wrap(new Random(seed).doubles(NdArray.sizeOf(shape), -1, 1).toArray(), shape);
    }

    @Test
    void localNccWritesTheLibraryResult() throws IOException {
        NdArray a = noise(1, 20, 17);
        NdArray b = noise(2, 20, 17);
        String out = dir.resolve("m.npy").toString();
        assertEquals(0, run("local-ncc", write("a.npy", a), write("b.npy", b), "--radius", "2", "-o", out, "--threads", "2"), stderr);
        assertArrayEquals(LocalNcc.localNcc(a, b, 2).backingReal(), ArrayFiles.read(Path.of(out)).backingReal());
        assertTrue(stdout.startsWith("{\"output\": \"" + out + "\", \"shape\": [20, 17], \"peak\": ["), stdout);
        // per-axis radii
        assertEquals(0, run("local-ncc", write("a.npy", a), write("b.npy", b), "--radius", "1,3", "-o", out), stderr);
    }

    @Test
    void localNccBadInputExitsTwoWithoutOutput() throws IOException {
        String a = write("a.npy", noise(1, 5, 6));
        String b = write("b.npy", noise(2, 6, 5));
        Path out = dir.resolve("m.npy");
        assertEquals(2, run("local-ncc", a, b, "--radius", "1", "-o", out.toString()));
        assertTrue(stderr.contains("5x6") && stderr.contains("6x5") && stderr.lines().count() == 1, stderr);
        assertEquals(2, run("local-ncc", a, a, "--radius", "-1", "-o", out.toString()));
        assertTrue(stderr.contains("radius"), stderr);
        assertEquals(2, run("local-ncc", a, a, "--radius", "x", "-o", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void shiftEveryMethod() throws IOException {
        String in = write("in.npy", NdArray.of1d(1, 2, 3, 4));
        String out = dir.resolve("s.npy").toString();
        assertEquals(0, run("shift", in, "--by", "0.5", "--interpolation", "linear", "-o", out), stderr);
        assertArrayEquals(new double[] {0, 1.5, 2.5, 3.5}, ArrayFiles.read(Path.of(out)).toArray(), 1e-12);
        assertEquals(0, run("shift", in, "--by", "-1", "-o", out), stderr);
        assertArrayEquals(new double[] {2, 3, 4, 1}, ArrayFiles.read(Path.of(out)).toArray(), 1e-12);
        assertEquals(0, run("shift", in, "--by=1", "--interpolation", "CUBIC", "-o", out), stderr);
        assertArrayEquals(new double[] {0, 1, 2, 3}, ArrayFiles.read(Path.of(out)).toArray(), 1e-12);
        String in2 = write("in2.npy", noise(3, 6, 7));
        assertEquals(0, run("shift", in2, "--by", "-1.5,2.25", "-o", out), stderr);
        NdArray want = Shift.shift(noise(3, 6, 7), new double[] {-1.5, 2.25}, new ShiftOptions(Interpolation.FOURIER, 1));
        assertArrayEquals(want.backingReal(), ArrayFiles.read(Path.of(out)).backingReal(), 1e-15);
    }

    @Test
    void shiftBadInput() throws IOException {
        String in = write("in.npy", noise(3, 6, 7));
        Path out = dir.resolve("s.npy");
        assertEquals(2, run("shift", in, "--by", "1", "-o", out.toString()));
        assertTrue(stderr.contains("6x7"), stderr);
        assertEquals(2, run("shift", in, "--by", "1,nan", "-o", out.toString()));
        assertEquals(2, run("shift", in, "--by", "1,1", "--interpolation", "nearest", "-o", out.toString()));
        assertTrue(stderr.contains("fourier, linear or cubic"), stderr);
        assertFalse(Files.exists(out));
    }

    @Test
    void similarityRegistersAndPrintsTheShift() throws IOException {
        NdArray a = smooth(64, 80, 5);
        NdArray b = Shift.shift(a, new double[] {-2, 3}, new ShiftOptions(Interpolation.FOURIER, 1));
        String out = dir.resolve("map.npy").toString();
        assertEquals(0, run("similarity", write("a.npy", a), write("b.npy", b), "--radius", "3", "--register",
                "--upsample", "10", "-o", out), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(2.0, json.get("shift").get(0).asDouble(), 1e-9);
        assertEquals(-3.0, json.get("shift").get(1).asDouble(), 1e-9);
        assertTrue(json.get("error").isNumber() && json.get("phasediff").isNumber(), stdout);
        assertEquals(3, json.get("radius").asInt());
        NdArray map = ArrayFiles.read(Path.of(out));
        for (double v : map.backingReal()) {
            assertEquals(1.0, v, 1e-6);
        }
        // without --register: zero shift, null error and phasediff
        assertEquals(0, run("similarity", write("a.npy", a), write("b.npy", b), "--radius", "3", "-o", out), stderr);
        json = new ObjectMapper().readTree(stdout);
        assertEquals(0.0, json.get("shift").get(0).asDouble(), 0);
        assertTrue(json.get("error").isNull() && json.get("phasediff").isNull(), stdout);
        // a PNG map
        Path png = dir.resolve("map.png");
        assertEquals(0, run("similarity", write("a.npy", a), write("b.npy", b), "--radius", "3", "--register", "-o", png.toString()), stderr);
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void similarityShapeMismatch() throws IOException {
        Path out = dir.resolve("map.npy");
        assertEquals(2, run("similarity", write("a.npy", noise(1, 8, 9)), write("b.npy", noise(1, 9, 8)),
                "--radius", "2", "--register", "-o", out.toString()));
        assertTrue(stderr.contains("8x9") && stderr.contains("9x8"), stderr);
        assertFalse(Files.exists(out));
    }

    /** Smooth periodic content (a few low waves), for which Fourier shifts are exact. */
    private static NdArray smooth(int h, int w, long seed) {
        Random rnd = new Random(seed);
        double[] d = new double[h * w];
        for (int k = 0; k < 12; k++) {
            int fy = rnd.nextInt(7) - 3;
            int fx = rnd.nextInt(9) - 4;
            double ph = rnd.nextDouble() * 6.283;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    d[y * w + x] += Math.cos(2 * Math.PI * ((double) fy * y / h + (double) fx * x / w) + ph);
                }
            }
        }
        return NdArray.wrap(d, h, w);
    }
}
