package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

/**
 * Issue 14 §1 and §3 on the command line: {@code offset} and {@code track} with {@code --padding},
 * {@code --min-overlap}, {@code --search} and {@code offset --max-shift}, on the issue's cases built in code.
 */
class BoundedSearchCommandTest {

    /**
     * A smooth texture on a large DC level (box-blurred noise, 128 ± 40), plus a brightness ramp from
     * {@code -ramp} to {@code +ramp} across the columns (uneven illumination).
     */
    static NdArray scene(long seed, int h, int w, double ramp) {
        Random rnd = new Random(seed);
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] b = new double[v.length];
        int r = 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        s += v[yy * w + xx];
                        n++;
                    }
                }
                b[y * w + x] = 128 + 40 * 7 * s / n + ramp * (2.0 * x / (w - 1) - 1);
            }
        }
        return NdArray.wrap(b, h, w);
    }

    static Path columns(Path dir, String name, NdArray a, int from, int count) throws IOException {
        int h = a.shape(0);
        double[] out = new double[h * count];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < count; x++) {
                out[y * count + x] = a.get(y, from + x);
            }
        }
        Path p = dir.resolve(name);
        ArrayFiles.write(p, NdArray.wrap(out, h, count));
        return p;
    }

    /** Tile B shares a third of tile A's width, under uneven illumination; MATLAB's zero padding misses it. */
    @Test
    void bug_issue14_tileBInsideTileA(@TempDir Path dir) throws IOException {
        NdArray s = scene(145, 100, 500, 80);
        Path a = columns(dir, "a.npy", s, 0, 300);
        Path b = columns(dir, "b.npy", s, 200, 300);
        CliRun zero = CliRun.run("offset", b.toString(), a.toString(), "--threads", "2");
        assertEquals(0, zero.rc(), zero.err());
        assertFalse("[0,200]".equals(zero.json().get("offset").toString()), zero.out());

        CliRun overlap = CliRun.run("offset", b.toString(), a.toString(), "--padding", "overlap", "--threads", "2");
        assertEquals(0, overlap.rc(), overlap.err());
        JsonNode j = overlap.json();
        assertEquals("[0,200]", j.get("offset").toString(), overlap.out());
        assertEquals(1.0, j.get("fit").asDouble(), 1e-9);
        assertEquals(1 / 3.0, j.get("overlap_fraction").asDouble(), 1e-12);
        assertFalse(j.get("edge").asBoolean());

        // above the shared third the true placement no longer counts
        CliRun strict = CliRun.run("offset", b.toString(), a.toString(), "--padding", "overlap", "--min-overlap",
                "0.5", "--threads", "2");
        assertEquals(0, strict.rc(), strict.err());
        assertTrue(strict.json().get("overlap_fraction").asDouble() >= 0.5, strict.out());
    }

    /**
     * The stereo pair: the disparity (100) lies beyond {@code --image-radius 20,80}; the default valid search
     * answers within the radii (here at most 5 and 65: the template radius is 15), {@code --search full} as
     * before may not (some of these seeds reproduce an answer past the radii).
     */
    @Test
    void bug_issue14_stereoPairNeverAnswersPastTheRadii(@TempDir Path dir) throws IOException {
        boolean reproduced = false;
        for (long seed = 146; seed < 150; seed++) {
            NdArray s = scene(seed, 120, 500, 0);
            Path left = columns(dir, "left.npy", s, 100, 400);
            Path right = columns(dir, "right.npy", s, 0, 400);
            String[] common = {"track", left.toString(), right.toString(), "--template-center", "60,150",
                "--image-center", "60,150", "--template-radius", "15", "--image-radius", "20,80", "--threads", "2"};
            CliRun valid = CliRun.run(common);
            assertEquals(0, valid.rc(), valid.err());
            JsonNode o = valid.json().get("offset");
            assertTrue(Math.abs(o.get(0).asInt()) <= 5 && Math.abs(o.get(1).asInt()) <= 65, valid.out());
            assertEquals(1.0, valid.json().get("overlap_fraction").asDouble());

            CliRun full = CliRun.run(concat(common, "--search", "full"));
            assertEquals(0, full.rc(), full.err());
            JsonNode f = full.json().get("offset");
            if (Math.abs(f.get(0).asInt()) > 20 || Math.abs(f.get(1).asInt()) > 80) {
                reproduced = true;
                assertTrue(full.json().get("overlap_fraction").asDouble() < 0.5, full.out());
            }
            if (seed == 146) {
                // --padding alone means a full search too
                CliRun padded = CliRun.run(concat(common, "--padding", "zero"));
                assertEquals(full.out(), padded.out());
            }
        }
        assertTrue(reproduced, "the inputs must reproduce the answer past the radii of the full search");
    }

    @Test
    void maxShiftBoundsTheOffset(@TempDir Path dir) throws IOException {
        NdArray image = OffsetCommandTest.noise(81, 40, 50);
        Path i = dir.resolve("i.npy");
        ArrayFiles.write(i, image);
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(t, OffsetCommandTest.crop2d(image, 12, 20, 9, 9));
        CliRun free = CliRun.run("offset", t.toString(), i.toString());
        assertEquals("[12,20]", free.json().get("offset").toString());
        CliRun bounded = CliRun.run("offset", t.toString(), i.toString(), "--max-shift", "6,15", "--subpixel",
                "parabolic");
        assertEquals(0, bounded.rc(), bounded.err());
        JsonNode o = bounded.json().get("offset");
        assertTrue(Math.abs(o.get(0).asDouble()) <= 6 && Math.abs(o.get(1).asDouble()) <= 15, bounded.out());
        CliRun onBound = CliRun.run("offset", t.toString(), i.toString(), "--max-shift", "20");
        assertEquals("[12,20]", onBound.json().get("offset").toString());
        assertTrue(onBound.json().get("edge").asBoolean(), "the match sits on the bound: " + onBound.out());
    }

    @Test
    void badSearchOptionsAreOneLineErrors(@TempDir Path dir) throws IOException {
        NdArray image = OffsetCommandTest.noise(82, 40, 50);
        Path i = dir.resolve("i.npy");
        ArrayFiles.write(i, image);
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(t, OffsetCommandTest.crop2d(image, 12, 20, 9, 9));
        String[][] bad = {
            {"offset", t.toString(), i.toString(), "--max-shift", "1,2,3"},
            {"offset", t.toString(), i.toString(), "--max-shift", "-1"},
            {"offset", t.toString(), i.toString(), "--max-shift", "a"},
            {"offset", t.toString(), i.toString(), "--min-overlap", "1.5"},
            {"offset", t.toString(), i.toString(), "--padding", "reflect"},
            {"track", i.toString(), i.toString(), "--template-center", "20,20", "--image-center", "20,20",
                "--template-radius", "4", "--image-radius", "9", "--search", "valid", "--padding", "overlap"},
            {"track", i.toString(), i.toString(), "--template-center", "20,20", "--image-center", "20,20",
                "--template-radius", "4", "--image-radius", "9", "--search", "sideways"},
            {"track", i.toString(), i.toString(), "--template-center", "20,20", "--image-center", "20,20",
                "--template-radius", "4", "--image-radius", "9", "--min-overlap", "-0.1"},
        };
        for (String[] args : bad) {
            CliRun r = CliRun.run(args);
            assertEquals(2, r.rc(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void trackDebugReportFlagsAMatchOnTheEdgeOfTheRegion(@TempDir Path dir) throws IOException {
        NdArray s = scene(146, 120, 500, 0);
        Path left = columns(dir, "left.npy", s, 100, 400);
        Path right = columns(dir, "right.npy", s, 0, 400);
        // the point (column 250 of the right image) lies 65 from the search centre 185: the template's valid
        // placements end exactly there, so the exact match touches the region's border
        Path debug = dir.resolve("dbg");
        CliRun r = CliRun.run("track", left.toString(), right.toString(), "--template-center", "60,150",
                "--image-center", "60,185", "--template-radius", "15", "--image-radius", "20,80",
                "--debug-dir", debug.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals("[0,65]", r.json().get("offset").toString(), r.out());
        assertEquals(1.0, r.json().get("fit").asDouble(), 1e-9);
        assertTrue(r.json().get("edge").asBoolean(), r.out());
        String html = Files.readString(debug.resolve("report.html"));
        assertTrue(html.contains("Edge of the search"), "report flags it");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
