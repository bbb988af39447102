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
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;
import org.xcorr.io.ArrayFiles;
import org.xcorr.ncc.MaskedNcc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Padding;

/** {@code ncc}, {@code offset} and {@code track} with {@code --image-mask}, {@code --template-mask}, {@code --nan-as-mask}. */
class MaskedNccCliTest {

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

    private Path write(String name, NdArray a) throws IOException {
        Path p = dir.resolve(name);
        ArrayFiles.write(p, a);
        return p;
    }

    /** A 40x50 random scene with a NaN hole, and the 9x8 template cut at (12, 30) with a NaN of its own. */
    private double[] scene() {
        Random r = new Random(9);
        double[] v = new double[40 * 50];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return v;
    }

    private static NdArray crop(double[] v, int nx, int y0, int x0, int h, int w) {
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(v, (y0 + y) * nx + x0, out, y * w, w);
        }
        return NdArray.wrap(out, h, w);
    }

    @Test
    void nanInputsNameTheOptionThatAcceptsThem() throws IOException {
        double[] v = scene();
        Path t = write("t.npy", crop(v, 50, 12, 30, 9, 8));
        v[10 * 50 + 10] = Double.NaN;
        Path i = write("i.npy", NdArray.wrap(v, 40, 50));
        for (String[] args : new String[][] {
            {"ncc", t.toString(), i.toString(), "-o", dir.resolve("o.npy").toString()},
            {"offset", t.toString(), i.toString()},
            {"track", i.toString(), i.toString(), "--template-center", "20,20", "--image-center", "20,20",
                "--template-radius", "4", "--image-radius", "8"},
            {"register", i.toString(), i.toString()},
        }) {
            assertEquals(2, run(args), args[0]);
            assertEquals("xcorr " + args[0] + ": " + i
                    + " contains NaN at index [10, 10]; values must be finite (or pass --nan-as-mask)",
                    stderr.strip(), args[0]);
            assertEquals("", stdout, args[0]);
        }
        assertFalse(Files.exists(dir.resolve("o.npy")));
    }

    @Test
    void nccWithNanAsMaskEqualsTheLibraryWithFiniteMasks() throws IOException {
        double[] v = scene();
        NdArray tv = crop(v, 50, 12, 30, 9, 8);
        tv.backingReal()[5] = Double.NaN;
        for (int y = 20; y < 24; y++) {
            for (int x = 5; x < 12; x++) {
                v[y * 50 + x] = Double.NaN;
            }
        }
        NdArray iv = NdArray.wrap(v, 40, 50);
        Path t = write("t.npy", tv);
        Path i = write("i.npy", iv);
        Path out = dir.resolve("o.npy");
        assertEquals(0, run("ncc", t.toString(), i.toString(), "--nan-as-mask", "--mode", "same", "--padding",
                "overlap", "-o", out.toString()), stderr);
        NdArray expected = MaskedNcc.ncc(tv, Masks.finite(tv, null), iv, Masks.finite(iv, null),
                NccOptions.defaults().withMode(Mode.SAME).withPadding(Padding.OVERLAP));
        NdArray got = ArrayFiles.read(out);
        assertArrayEquals(expected.backingReal(), got.backingReal());
        for (double g : got.backingReal()) {
            assertTrue(Double.isFinite(g));
        }
        JsonNode json = new ObjectMapper().readTree(stdout);
        // the template was cut at (12, 30): same mode puts its placement at (12 + 4, 30 + 4)
        assertEquals(16, json.get("peak").get(0).asInt());
        assertEquals(34, json.get("peak").get(1).asInt());
    }

    @Test
    void maskFilesMarkPixelsThatCountInNoSum() throws IOException {
        double[] v = scene();
        NdArray tv = crop(v, 50, 12, 30, 9, 8);
        double[] wild = v.clone();
        double[] m = new double[v.length];
        Arrays.fill(m, 1);
        // garbage under the image mask's zeros, also where the template sits
        for (int y = 10; y < 18; y++) {
            for (int x = 28; x < 33; x++) {
                wild[y * 50 + x] = 1e6 * (y - x);
                m[y * 50 + x] = 0;
            }
        }
        double[] tm = new double[72];
        Arrays.fill(tm, 1);
        tm[0] = 0;
        Path t = write("t.npy", tv);
        Path tMask = write("tm.npy", NdArray.wrap(tm, 9, 8));
        Path i = write("i.npy", NdArray.wrap(wild, 40, 50));
        Path iMask = write("im.npy", NdArray.wrap(m, 40, 50));
        assertEquals(0, run("offset", t.toString(), i.toString(), "--image-mask", iMask.toString(),
                "--template-mask", tMask.toString()), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(12, json.get("offset").get(0).asInt());
        assertEquals(30, json.get("offset").get(1).asInt());
        assertEquals(1.0, json.get("fit").asDouble(), 1e-9);
        // without the mask the garbage wins nothing either way, but the fit is no longer 1
        assertEquals(0, run("offset", t.toString(), i.toString()), stderr);
        assertTrue(new ObjectMapper().readTree(stdout).get("fit").asDouble() < 0.9);
    }

    @Test
    void trackWithNanAsMaskFindsThePointAcrossAHole() throws IOException {
        double[] a = scene();
        double[] b = new double[a.length];
        // b is a moved by (3, -2): b[p + s] = a[p]
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                int sy = y - 3;
                int sx = x + 2;
                b[y * 50 + x] = sy >= 0 && sx < 50 ? a[sy * 50 + sx] : 0.5;
            }
        }
        for (int y = 18; y < 22; y++) {
            for (int x = 20; x < 24; x++) {
                b[y * 50 + x] = Double.NaN; // a hole under the moved template
            }
        }
        Path pa = write("a.npy", NdArray.wrap(a, 40, 50));
        Path pb = write("b.npy", NdArray.wrap(b, 40, 50));
        assertEquals(0, run("track", pa.toString(), pb.toString(), "--template-center", "17,24",
                "--image-center", "17,24", "--template-radius", "5", "--image-radius", "10", "--nan-as-mask"), stderr);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertEquals(3, json.get("offset").get(0).asInt());
        assertEquals(-2, json.get("offset").get(1).asInt());
        assertEquals(1.0, json.get("fit").asDouble(), 1e-9);
        Path points = dir.resolve("p.csv");
        Files.writeString(points, "id,y,x\nA,17,24\nB,25,30\n");
        assertEquals(0, run("track", pa.toString(), pb.toString(), "--points", points.toString(),
                "--template-radius", "5", "--image-radius", "10", "--nan-as-mask"), stderr);
        for (String line : stdout.strip().split("\n")) {
            JsonNode row = new ObjectMapper().readTree(line);
            assertEquals(3, row.get("dy").asInt(), line);
            assertEquals(-2, row.get("dx").asInt(), line);
            assertEquals("ok", row.get("status").asText(), line);
        }
    }

    @Test
    void badMasksAreOneLineExitTwo() throws IOException {
        double[] v = scene();
        Path t = write("t.npy", crop(v, 50, 12, 30, 9, 8));
        Path i = write("i.npy", NdArray.wrap(v, 40, 50));
        Path wrongShape = write("w.npy", NdArray.wrap(new double[20], 4, 5));
        Path zeros = write("z.npy", NdArray.wrap(new double[2000], 40, 50));
        double[] nanMask = new double[2000];
        nanMask[7] = Double.NaN;
        Path nan = write("n.npy", NdArray.wrap(nanMask, 40, 50));
        Path out = dir.resolve("o.npy");
        String[][] cases = {
            {"--image-mask " + wrongShape + " 4x5 must have the shape of " + i + " 40x50",
                "ncc", t.toString(), i.toString(), "--image-mask", wrongShape.toString(), "-o", out.toString()},
            {"--template-mask " + wrongShape + " 4x5 must have the shape of " + t + " 9x8",
                "offset", t.toString(), i.toString(), "--template-mask", wrongShape.toString()},
            {"--image-mask " + zeros + " has no valid (nonzero) pixel; every score would be empty",
                "ncc", t.toString(), i.toString(), "--image-mask", zeros.toString(), "-o", out.toString()},
            {"--image-mask " + zeros + " has no valid (nonzero) pixel; every score would be empty",
                "track", i.toString(), i.toString(), "--template-center", "20,20", "--image-center", "20,20",
                "--template-radius", "4", "--image-radius", "8", "--image-mask", zeros.toString()},
            {n(nan) + " contains NaN at index [0, 7]; values must be finite",
                "ncc", t.toString(), i.toString(), "--image-mask", nan.toString(), "-o", out.toString()},
        };
        for (String[] c : cases) {
            String[] args = Arrays.copyOfRange(c, 1, c.length);
            assertEquals(2, run(args), String.join(" ", args));
            assertEquals(1, stderr.strip().lines().count(), stderr);
            assertTrue(stderr.contains(c[0]), stderr + " should contain " + c[0]);
            assertFalse(Files.exists(out), String.join(" ", args));
        }
    }

    private static String n(Path p) {
        return p.toString();
    }
}
