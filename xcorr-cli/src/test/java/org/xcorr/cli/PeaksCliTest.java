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
 * {@code --peaks N --min-distance D --threshold T} on {@code ncc}, {@code match} and {@code offset} (issue 14 §2),
 * and the one summary line of {@code correlate}, {@code ncc} and {@code match} with the peak's lag or offset
 * (issue 14 §3): an image with three planted copies of a template, built in code.
 */
class PeaksCliTest {

    /** Where the copies' first pixels lie, [y, x], and how bright each copy is (all are exact NCC matches). */
    static final int[][] PLANTED = {{5, 7}, {30, 44}, {41, 12}};

    @TempDir
    Path dir;

    private Path template;
    private Path image;

    private void files() throws IOException {
        Random rnd = new Random(14);
        int th = 8;
        int tw = 10;
        double[] t = new double[th * tw];
        for (int k = 0; k < t.length; k++) {
            t[k] = rnd.nextGaussian();
        }
        int h = 56;
        int w = 64;
        double[] im = new double[h * w];
        for (int k = 0; k < im.length; k++) {
            im[k] = 0.3 * rnd.nextGaussian();
        }
        double[] gain = {1.0, 2.0, 0.5};
        for (int c = 0; c < PLANTED.length; c++) {
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    im[(PLANTED[c][0] + y) * w + PLANTED[c][1] + x] = gain[c] * t[y * tw + x] + c;
                }
            }
        }
        template = dir.resolve("t.npy");
        image = dir.resolve("i.npy");
        ArrayFiles.write(template, NdArray.wrap(t, th, tw));
        ArrayFiles.write(image, NdArray.wrap(im, h, w));
    }

    private static void assertPlanted(JsonNode list, String what) {
        assertTrue(list.isArray(), what + ": a JSON list");
        assertEquals(3, list.size(), what + ": " + list);
        boolean[] seen = new boolean[PLANTED.length];
        double last = Double.POSITIVE_INFINITY;
        for (JsonNode p : list) {
            int y = (int) Math.round(p.get("offset").get(0).asDouble());
            int x = (int) Math.round(p.get("offset").get(1).asDouble());
            for (int c = 0; c < PLANTED.length; c++) {
                seen[c] |= PLANTED[c][0] == y && PLANTED[c][1] == x;
            }
            assertEquals(1.0, p.get("value").asDouble(), 1e-9, what + ": every copy is an exact match");
            assertTrue(p.get("value").asDouble() <= last + 1e-12, what + ": best first");
            last = p.get("value").asDouble();
        }
        for (int c = 0; c < PLANTED.length; c++) {
            assertTrue(seen[c], what + ": copy " + c + " not found in " + list);
        }
    }

    @Test
    void nccMatchAndOffsetFindEveryPlantedCopy() throws IOException {
        files();
        String out = dir.resolve("map.npy").toString();
        CliRun ncc = CliRun.run("ncc", template.toString(), image.toString(), "--peaks", "3", "-o", out);
        assertEquals(0, ncc.rc(), ncc.err());
        assertEquals(1, ncc.out().strip().lines().count(), "one line");
        assertPlanted(ncc.json(), "ncc full");
        // full mode: peak = offset + (Nt - 1)
        JsonNode first = ncc.json().get(0);
        assertEquals(first.get("offset").get(0).asInt() + 7, first.get("peak").get(0).asInt());
        assertEquals(first.get("offset").get(1).asInt() + 9, first.get("peak").get(1).asInt());

        CliRun same = CliRun.run("ncc", template.toString(), image.toString(), "--mode", "same", "--peaks", "3", "-o", out);
        assertPlanted(same.json(), "ncc same");
        CliRun valid = CliRun.run("ncc", template.toString(), image.toString(), "--mode", "valid", "--peaks", "5",
                "--threshold", "0.9", "-o", out);
        assertPlanted(valid.json(), "ncc valid with a threshold");

        CliRun match = CliRun.run("match", template.toString(), image.toString(), "--peaks", "3", "-o", out);
        assertEquals(0, match.rc(), match.err());
        assertPlanted(match.json(), "match ccoeff-normed");

        CliRun offset = CliRun.run("offset", template.toString(), image.toString(), "--peaks", "3");
        assertEquals(0, offset.rc(), offset.err());
        assertPlanted(offset.json(), "offset");
        // the best of the list is the one-object answer
        CliRun one = CliRun.run("offset", template.toString(), image.toString());
        assertEquals(one.json().get("offset").toString(), offset.json().get(0).get("offset").toString());
    }

    @Test
    void sqdiffPeaksAreMinima() throws IOException {
        files();
        String out = dir.resolve("map.npy").toString();
        CliRun r = CliRun.run("match", template.toString(), image.toString(), "--method", "sqdiff-normed",
                "--peaks", "2", "--threshold", "1e-9", "-o", out);
        assertEquals(0, r.rc(), r.err());
        JsonNode list = r.json();
        // only the copy with gain 1 and no DC shift has a zero squared difference
        assertEquals(1, list.size(), list.toString());
        assertEquals("[5,7]", list.get(0).get("offset").toString());
        assertEquals(0.0, list.get(0).get("value").asDouble(), 1e-12);
        CliRun all = CliRun.run("match", template.toString(), image.toString(), "--method", "sqdiff",
                "--peaks", "3", "-o", out);
        JsonNode three = all.json();
        assertEquals(3, three.size());
        assertTrue(three.get(0).get("value").asDouble() <= three.get(1).get("value").asDouble(), "lowest first");
    }

    @Test
    void minDistanceThresholdSubpixelAndCsv() throws IOException {
        files();
        // one radius larger than the whole image keeps only the best peak
        CliRun wide = CliRun.run("offset", template.toString(), image.toString(), "--peaks", "3", "--min-distance", "100");
        assertEquals(1, wide.json().size(), wide.out());
        CliRun perAxis = CliRun.run("offset", template.toString(), image.toString(), "--peaks", "3",
                "--min-distance", "4,5", "--subpixel", "parabolic");
        assertEquals(0, perAxis.rc(), perAxis.err());
        assertPlanted(perAxis.json(), "per-axis radii, parabolic");
        CliRun csv = CliRun.run("offset", template.toString(), image.toString(), "--peaks", "3", "--format", "csv");
        assertEquals(0, csv.rc(), csv.err());
        String[] lines = csv.out().strip().split("\n");
        assertEquals("peak_0,peak_1,offset_0,offset_1,value", lines[0]);
        assertEquals(4, lines.length, csv.out());
        CliRun none = CliRun.run("offset", template.toString(), image.toString(), "--peaks", "3", "--threshold", "2");
        assertEquals("[]", none.out().strip(), "no peak reaches the threshold");
    }

    @Test
    void badPeakOptionsExitTwoWithOneLine() throws IOException {
        files();
        String out = dir.resolve("bad.npy").toString();
        String[][] bad = {
            {"ncc", template.toString(), image.toString(), "--min-distance", "3", "-o", out},
            {"ncc", template.toString(), image.toString(), "--peaks", "0", "-o", out},
            {"match", template.toString(), image.toString(), "--peaks", "2", "--min-distance", "1,2,3", "-o", out},
            {"offset", template.toString(), image.toString(), "--peaks", "2", "--min-distance", "-1"},
            {"offset", template.toString(), image.toString(), "--threshold", "0.5"},
            {"offset", template.toString(), image.toString(), "--peaks", "2", "--threshold", "NaN"},
        };
        for (String[] args : bad) {
            CliRun r = CliRun.run(args);
            assertEquals(2, r.rc(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(Path.of(out)), "no output left behind: " + String.join(" ", args));
        }
    }

    @Test
    void summaryLineCarriesOffsetAndLag() throws IOException {
        files();
        String out = dir.resolve("map.npy").toString();
        CliRun ncc = CliRun.run("ncc", template.toString(), image.toString(), "--mode", "same", "-o", out);
        JsonNode j = ncc.json();
        // same mode: offset = peak - floor(Nt/2)
        assertEquals(j.get("peak").get(0).asInt() - 4, j.get("offset").get(0).asInt());
        assertEquals(j.get("peak").get(1).asInt() - 5, j.get("offset").get(1).asInt());
        CliRun match = CliRun.run("match", template.toString(), image.toString(), "--method", "sqdiff", "-o", out);
        assertEquals("[5,7]", match.json().get("offset").toString(), "the minimum of sqdiff");

        // correlate: a delayed copy of a signal peaks at its delay; circular also wraps it to the nearest zero
        double[] s = new double[40];
        Random rnd = new Random(3);
        for (int k = 0; k < s.length; k++) {
            s[k] = rnd.nextGaussian();
        }
        double[] delayed = new double[40];
        for (int k = 0; k < 40; k++) {
            delayed[k] = s[Math.floorMod(k + 3, 40)];
        }
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        ArrayFiles.write(a, NdArray.wrap(delayed, 40));
        ArrayFiles.write(b, NdArray.wrap(s, 40));
        CliRun circ = CliRun.run("correlate", a.toString(), b.toString(), "--mode", "circular", "-o", out);
        assertEquals(0, circ.rc(), circ.err());
        assertEquals("[37]", circ.json().get("lag").toString(), "SPEC: circular lag i, zero lag at index 0");
        assertEquals("[-3]", circ.json().get("lag_wrapped").toString());
        CliRun full = CliRun.run("correlate", b.toString(), a.toString(), "-o", out);
        assertEquals("[3]", full.json().get("lag").toString());
        assertFalse(full.json().has("lag_wrapped"));
    }

    @Test
    void extraTemplatesShareOneRunAndTheirPeaksAreLabelled() throws IOException {
        files();
        // a second template: a copy of the first with x reversed, planted once at (10, 30)
        NdArray t = ArrayFiles.read(template);
        NdArray im = ArrayFiles.read(image);
        double[] flipped = new double[t.size()];
        double[] v = im.toArray();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                flipped[y * 10 + x] = t.get(y, 9 - x);
                v[(14 + y) * 64 + 22 + x] = flipped[y * 10 + x];
            }
        }
        Path second = dir.resolve("t2.npy");
        Path scene = dir.resolve("scene.npy");
        ArrayFiles.write(second, NdArray.wrap(flipped, 8, 10));
        ArrayFiles.write(scene, NdArray.wrap(v, 56, 64));
        Path out = dir.resolve("maps.npy");
        CliRun r = CliRun.run("ncc", template.toString(), scene.toString(), "--extra-template", second.toString(),
                "--mode", "valid", "-o", out.toString());
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, "one summary line per template");
        JsonNode two = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[1]);
        assertEquals(2, two.get("template").asInt());
        assertEquals("[14,22]", two.get("offset").toString());
        assertEquals(dir.resolve("maps-2.npy").toString(), two.get("output").asText());
        // each map file is the template's own ncc (within the documented rounding of the shared transform)
        for (int k = 0; k < 2; k++) {
            Path alone = dir.resolve("alone.npy");
            CliRun single = CliRun.run("ncc", (k == 0 ? template : second).toString(), scene.toString(),
                    "--mode", "valid", "-o", alone.toString());
            assertEquals(0, single.rc(), single.err());
            double[] want = ArrayFiles.read(alone).toArray();
            double[] got = ArrayFiles.read(k == 0 ? out : dir.resolve("maps-2.npy")).toArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-9, "template " + (k + 1) + " at " + i);
            }
        }

        CliRun peaks = CliRun.run("ncc", template.toString(), scene.toString(), "--extra-template", second.toString(),
                "--mode", "valid", "--peaks", "4", "--threshold", "0.99", "-o", out.toString());
        assertEquals(0, peaks.rc(), peaks.err());
        JsonNode list = peaks.json();
        assertEquals(4, list.size(), list.toString());
        int fromSecond = 0;
        for (JsonNode p : list) {
            if (p.get("template").asInt() == 2) {
                fromSecond++;
                assertEquals("[14,22]", p.get("offset").toString());
            }
        }
        assertEquals(1, fromSecond, list.toString());

        CliRun bad = CliRun.run("ncc", template.toString(), scene.toString(), "--extra-template",
                dir.resolve("missing.npy").toString(), "-o", out.toString());
        assertEquals(2, bad.rc());
        assertEquals(1, bad.errLines(), bad.err());
    }
}
