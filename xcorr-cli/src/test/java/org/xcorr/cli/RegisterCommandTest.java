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

class RegisterCommandTest {

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

    /** A smooth-ish image and the same image rolled by (dy, dx) = (-3, 5), so the registering shift is (3, -5). */
    private Path[] pair(boolean holes) throws IOException {
        int ny = 40;
        int nx = 48;
        Random rnd = new Random(5);
        double[] base = new double[ny * nx];
        for (int i = 0; i < base.length; i++) {
            base[i] = rnd.nextDouble();
        }
        double[] ref = new double[ny * nx];
        double[] mov = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                ref[y * nx + x] = base[y * nx + x];
                mov[y * nx + x] = base[Math.floorMod(y + 3, ny) * nx + Math.floorMod(x - 5, nx)];
            }
        }
        if (holes) {
            for (int y = 10; y < 16; y++) {
                for (int x = 20; x < 30; x++) {
                    ref[y * nx + x] = Double.NaN;
                    mov[(y + 5) * nx + x - 12] = Double.NaN;
                }
            }
        }
        Path r = dir.resolve("ref.npy");
        Path m = dir.resolve("mov.npy");
        ArrayFiles.write(r, NdArray.wrap(ref, ny, nx));
        ArrayFiles.write(m, NdArray.wrap(mov, ny, nx));
        return new Path[] {r, m};
    }

    @Test
    void printsShiftErrorAndPhaseAndWritesTheSurface() throws IOException {
        Path[] p = pair(false);
        Path surface = dir.resolve("surface.npy");
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--upsample", "20",
                "--normalization", "none", "--surface", surface.toString()), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(3.0, json.get("shift").get(0).asDouble(), 1e-12);
        assertEquals(-5.0, json.get("shift").get(1).asDouble(), 1e-12);
        assertEquals(0.0, json.get("error").asDouble(), 1e-6);
        assertEquals(0.0, json.get("phasediff").asDouble(), 1e-9);
        assertFalse(json.get("masked").asBoolean());
        assertArrayEquals(new int[] {40, 48}, ArrayFiles.read(surface).shape());
        assertEquals(1, stdout.strip().lines().count());
    }

    @Test
    void nanAsMaskRegistersImagesWithHoles() throws IOException {
        Path[] p = pair(true);
        assertEquals(2, run("register", p[0].toString(), p[1].toString()));
        assertTrue(stderr.contains("NaN") && stderr.lines().count() == 1, stderr);
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--nan-as-mask"), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(3.0, json.get("shift").get(0).asDouble(), 0.0);
        assertEquals(-5.0, json.get("shift").get(1).asDouble(), 0.0);
        assertTrue(json.get("error").isNull());
        assertTrue(json.get("phasediff").isNull());
        assertTrue(json.get("masked").asBoolean());
        Path surface = dir.resolve("masked.npy");
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--nan-as-mask", "--subpixel",
                "parabolic", "--surface", surface.toString()), stderr);
        json = new ObjectMapper().readTree(stdout);
        assertEquals(3.0, json.get("shift").get(0).asDouble(), 0.5);
        assertArrayEquals(new int[] {79, 95}, ArrayFiles.read(surface).shape());
    }

    @Test
    void badOptionsExitWithStatusTwoAndNoFile() throws IOException {
        Path[] p = pair(false);
        Path surface = dir.resolve("never.npy");
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--subpixel", "parabolic",
                "--surface", surface.toString()));
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--normalization", "magic"));
        assertTrue(stderr.contains("normalization"), stderr);
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--upsample", "0"));
        assertEquals(2, run("register", p[0].toString(), dir.resolve("missing.npy").toString()));
        assertFalse(Files.exists(surface));
    }

    /** Two crops of one smooth random scene, the moving one taken 36 rows lower and 5 columns left. */
    private Path[] periodicPair() throws IOException {
        int n = 200;
        Random rnd = new Random(6604);
        double[] scene = new double[n * n];
        for (int i = 0; i < scene.length; i++) {
            scene[i] = rnd.nextDouble();
        }
        // a 3x3 box blur, enough texture for a sharp phase peak
        double[] smooth = new double[n * n];
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                double sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        sum += scene[(y + dy) * n + x + dx];
                    }
                }
                smooth[y * n + x] = sum / 9;
            }
        }
        double[] ref = new double[64 * 128];
        double[] mov = new double[64 * 128];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                ref[y * 128 + x] = smooth[(60 + y) * n + 20 + x];
                mov[y * 128 + x] = smooth[(96 + y) * n + 15 + x];
            }
        }
        Path r = dir.resolve("pref.npy");
        Path m = dir.resolve("pmov.npy");
        ArrayFiles.write(r, NdArray.wrap(ref, 64, 128));
        ArrayFiles.write(m, NdArray.wrap(mov, 64, 128));
        return new Path[] {r, m};
    }

    @Test
    void disambiguateFindsTheShiftBeyondHalfTheSizeAndReportsItsOverlapNcc() throws IOException {
        Path[] p = periodicPair();
        assertEquals(0, run("register", p[0].toString(), p[1].toString()), stderr);
        JsonNode plain = new ObjectMapper().readTree(stdout);
        assertEquals(-28.0, plain.get("shift").get(0).asDouble(), 0.0, stdout);
        assertTrue(plain.get("overlap_ncc").asDouble() < 0.5, stdout);
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--disambiguate", "--peaks-to-check",
                "3", "--window", "tukey"), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(36.0, json.get("shift").get(0).asDouble(), 0.0, stdout);
        assertEquals(-5.0, json.get("shift").get(1).asDouble(), 0.0, stdout);
        assertEquals(1.0, json.get("overlap_ncc").asDouble(), 1e-9, stdout);
        assertEquals(28 * 123, json.get("overlap").asLong(), stdout);
        assertTrue(json.get("peak_value").asDouble() > 0, stdout);
    }

    @Test
    void maxShiftBoundsTheSearch() throws IOException {
        Path[] p = pair(false);
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--max-shift", "2,8"), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertTrue(Math.abs(json.get("shift").get(0).asDouble()) <= 2, stdout);
        assertEquals(0, run("register", p[0].toString(), p[1].toString(), "--max-shift", "6"), stderr);
        json = new ObjectMapper().readTree(stdout);
        assertEquals(3.0, json.get("shift").get(0).asDouble(), 0.0, stdout);
        assertEquals(-5.0, json.get("shift").get(1).asDouble(), 0.0, stdout);
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--max-shift", "1,2,3"));
        assertTrue(stderr.contains("--max-shift") && stderr.lines().count() == 1, stderr);
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--window", "gauss"));
        assertTrue(stderr.contains("window"), stderr);
        assertEquals(2, run("register", p[0].toString(), p[1].toString(), "--disambiguate", "--peaks-to-check",
                "0"));
        assertTrue(stderr.contains("--peaks-to-check"), stderr);
    }

    @Test
    void similarityTransformRecoversRotationScaleAndShiftAndWritesTheAlignedImage() throws IOException {
        int n = 256;
        Random rnd = new Random(14);
        double[] noise = rnd.doubles(n * n).toArray();
        // smooth scene: a few passes of a 5x5 box blur (periodic)
        for (int pass = 0; pass < 3; pass++) {
            double[] next = new double[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double sum = 0;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            sum += noise[Math.floorMod(y + dy, n) * n + Math.floorMod(x + dx, n)];
                        }
                    }
                    next[y * n + x] = sum / 25;
                }
            }
            noise = next;
        }
        NdArray scene = NdArray.wrap(noise, n, n);
        NdArray warped = org.xcorr.shift.Warp.similarity(scene, 40, 1.2, new double[] {0, 0},
                org.xcorr.shift.Warp.Resampling.CUBIC, 0, 1);
        Path r = dir.resolve("sref.npy");
        Path m = dir.resolve("smov.npy");
        ArrayFiles.write(r, crop(scene, 80, 96));
        ArrayFiles.write(m, crop(warped, 80, 96));
        Path out = dir.resolve("aligned.npy");
        assertEquals(0, run("register", r.toString(), m.toString(), "--transform", "similarity", "--aligned",
                out.toString()), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(-40.0, json.get("rotation_deg").asDouble(), 0.05, stdout);
        assertEquals(1 / 1.2, json.get("scale").asDouble(), 0.001 / 1.2, stdout);
        assertEquals(0.0, json.get("shift").get(0).asDouble(), 0.05, stdout);
        assertEquals(0.0, json.get("shift").get(1).asDouble(), 0.05, stdout);
        assertTrue(json.get("overlap_ncc").asDouble() > 0.999, stdout);
        assertArrayEquals(new int[] {80, 96}, ArrayFiles.read(out).shape());
        assertEquals(2, run("register", r.toString(), m.toString(), "--transform", "affine"));
        assertTrue(stderr.contains("transform") && stderr.lines().count() == 1, stderr);
        assertEquals(2, run("register", r.toString(), m.toString(), "--transform", "rigid", "--disambiguate"));
    }

    /** The centred ny x nx crop of a square image. */
    private static NdArray crop(NdArray a, int ny, int nx) {
        int n = a.shape()[0];
        double[] out = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                out[y * nx + x] = a.get((n - ny) / 2 + y, (n - nx) / 2 + x);
            }
        }
        return NdArray.wrap(out, ny, nx);
    }
}
