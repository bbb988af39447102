package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

class TrackPointsCommandTest {

    /** Two images, the second the first moved by (4, -6) with fresh noise where uncovered, and a flat corner. */
    private static Path[] files(Path dir) throws IOException {
        NdArray a = OffsetCommandTest.noise(71, 70, 80);
        NdArray fill = OffsetCommandTest.noise(72, 70, 80);
        double[] va = a.toArray();
        for (int y = 50; y < 70; y++) {
            for (int x = 0; x < 20; x++) {
                va[y * 80 + x] = 3.0;
            }
        }
        double[] b = new double[va.length];
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 80; x++) {
                int sy = y - 4;
                int sx = x + 6;
                b[y * 80 + x] = sy >= 0 && sx < 80 ? va[sy * 80 + sx] : fill.get(y, x);
            }
        }
        Path t = dir.resolve("a.npy");
        Path i = dir.resolve("b.npy");
        ArrayFiles.write(t, NdArray.wrap(va, 70, 80));
        ArrayFiles.write(i, NdArray.wrap(b, 70, 80));
        Path p = dir.resolve("points.csv");
        Files.writeString(p, "id,y,x,radius\nP1,30,40,\nP2,20,25,4\n\"far, away\",10,200,\nflat,60,8,3\n"
                + "corner,1,1,\nP6,40,60,\"3,5\"\n");
        return new Path[] {t, i, p};
    }

    private static String[] args(Path[] f, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("track", "--template-image", f[0].toString(), "--image",
                f[1].toString(), "--points", f[2].toString(), "--template-radius", "5", "--image-radius", "11"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void everyRowEqualsTheSinglePointCommand(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        CliRun r = CliRun.run(args(f, "--threads", "3"));
        assertEquals(3, r.rc(), "some points fail: " + r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size());
        ObjectMapper m = new ObjectMapper();
        String[][] pts = {{"30,40", "5"}, {"20,25", "4"}, null, {"60,8", "3"}, {"1,1", "5"}, {"40,60", "3,5"}};
        int ok = 0;
        for (int k = 0; k < pts.length; k++) {
            JsonNode row = m.readTree(lines.get(k));
            if (pts[k] == null) {
                continue;
            }
            CliRun single = CliRun.run("track", "--template-image", f[0].toString(), "--image", f[1].toString(),
                    "--template-center", pts[k][0], "--image-center", pts[k][0], "--template-radius", pts[k][1],
                    "--image-radius", "11", "--threads", "1");
            if (single.rc() != 0) {
                assertFalse(row.get("status").asText().equals("ok"), row.toString());
                assertTrue(single.err().contains(row.get("status").asText()), single.err() + " / " + row);
                continue;
            }
            JsonNode s = single.json();
            assertEquals("ok", row.get("status").asText(), row.toString());
            assertEquals(s.get("offset").get(0).asLong(), row.get("dy").asLong());
            assertEquals(s.get("offset").get(1).asLong(), row.get("dx").asLong());
            assertEquals(s.get("fit").asDouble(), row.get("fit").asDouble(), 0.0);
            assertEquals(s.get("peak_to_sidelobe").asDouble(), row.get("peak_to_sidelobe").asDouble(), 0.0);
            assertEquals(s.get("overlap_fraction").asDouble(), row.get("overlap_fraction").asDouble(), 0.0);
            assertEquals(s.get("edge").asBoolean(), row.get("edge").asBoolean(), row.toString());
            assertTrue(row.get("edge").isBoolean(), row.toString());
            ok++;
        }
        assertEquals(4, ok);
        JsonNode p1 = m.readTree(lines.get(0));
        assertEquals("P1", p1.get("id").asText());
        assertEquals(4, p1.get("dy").asInt());
        assertEquals(-6, p1.get("dx").asInt());
        JsonNode far = m.readTree(lines.get(2));
        assertEquals("far, away", far.get("id").asText());
        assertTrue(far.get("dy").isNull() && far.get("fit").isNull() && far.get("overlap_fraction").isNull()
                && far.get("edge").isNull(), far.toString());
        assertEquals("point [10, 200] is outside the template image 70x80", far.get("status").asText());
        assertTrue(m.readTree(lines.get(3)).get("status").asText().contains("constant"));
    }

    /** Stop 19 left --points rows without the overlap_fraction and edge that single-point track prints. */
    @Test
    void bug_pointsRowsLackedTheOverlapAndEdgeOfTheirMatch(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        Path pts = dir.resolve("edge.csv");
        // E's match in the second image hangs over its left edge (the shift is (4, -6)); M lies well inside
        Files.writeString(pts, "id,y,x\nE,30,8\nM,30,40\n");
        ObjectMapper m = new ObjectMapper();
        for (String search : new String[] {"valid", "full"}) {
            CliRun r = CliRun.run("track", "--template-image", f[0].toString(), "--image", f[1].toString(), "--points",
                    pts.toString(), "--template-radius", "5", "--image-radius", "15", "--search", search);
            List<String> lines = r.out().lines().toList();
            assertEquals(2, lines.size(), r.err());
            String[][] p = {{"30,8", "E"}, {"30,40", "M"}};
            for (int k = 0; k < 2; k++) {
                JsonNode row = m.readTree(lines.get(k));
                CliRun single = CliRun.run("track", "--template-image", f[0].toString(), "--image", f[1].toString(),
                        "--template-center", p[k][0], "--image-center", p[k][0], "--template-radius", "5",
                        "--image-radius", "15", "--search", search);
                assertEquals(0, single.rc(), single.err());
                assertEquals("ok", row.get("status").asText(), row.toString());
                assertEquals(single.json().get("overlap_fraction").asDouble(), row.get("overlap_fraction").asDouble(),
                        0.0, search + " " + row);
                assertEquals(single.json().get("edge").asBoolean(), row.get("edge").asBoolean(), search + " " + row);
            }
            JsonNode e = m.readTree(lines.get(0));
            JsonNode mid = m.readTree(lines.get(1));
            assertEquals(1.0, mid.get("overlap_fraction").asDouble(), 0.0, mid.toString());
            assertFalse(mid.get("edge").asBoolean(), mid.toString());
            if (search.equals("full")) {
                assertTrue(e.get("overlap_fraction").asDouble() < 1, e.toString());
            } else {
                assertEquals(1.0, e.get("overlap_fraction").asDouble(), 0.0, e.toString());
                assertTrue(e.get("edge").asBoolean(), "valid search is cut off at the image's edge: " + e);
            }
        }
    }

    @Test
    void tableByExtensionAndIdenticalForAnyThreadCount(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        Path csv1 = dir.resolve("t1.csv");
        Path csv4 = dir.resolve("t4.csv");
        assertEquals(3, CliRun.run(args(f, "-o", csv1.toString(), "--threads", "1")).rc());
        assertEquals(3, CliRun.run(args(f, "-o", csv4.toString(), "--threads", "4")).rc());
        String text = Files.readString(csv1);
        assertEquals(text, Files.readString(csv4));
        List<String> lines = text.lines().toList();
        assertEquals("id,y,x,dy,dx,fit,peak_to_sidelobe,overlap_fraction,edge,status", lines.get(0));
        assertTrue(lines.get(1).startsWith("P1,30,40,4,-6,1.0,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("\"far, away\",10,200,,,,,,,\"point [10, 200] is outside"), lines.get(3));

        Path json = dir.resolve("t.json");
        assertEquals(3, CliRun.run(args(f, "-o", json.toString())).rc());
        JsonNode arr = new ObjectMapper().readTree(json.toFile());
        assertEquals(6, arr.size());
        assertEquals("P6", arr.get(5).get("id").asText());

        Path jsonl = dir.resolve("t.jsonl");
        CliRun quiet = CliRun.run(args(f, "-o", jsonl.toString(), "--subpixel", "parabolic"));
        assertEquals("", quiet.out(), "with -o nothing goes to stdout");
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(jsonl).get(0));
        assertTrue(first.get("dy").isDouble(), "sub-pixel offsets are decimals");
    }

    @Test
    void allPointsFoundIsStatusZero(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        Files.writeString(f[2], "y,x\n30,40\n20,30\n");
        CliRun r = CliRun.run(args(f));
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("{\"id\": \"1\", \"y\": 30, \"x\": 40, \"dy\": 4, \"dx\": -6,"), r.out());
    }

    @Test
    void badPointFilesAndCombinationsAreOneLineStatusTwo(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        String[][] cases = {
            {"id,row,col\na,1,2\n", "has no 'x' column"},
            {"id,y,x\na,1,2.5\n", "line 2: x '2.5' is not an integer"},
            {"id,y,x\na,1,2\nb,3,4\na,5,6\n", "line 4: id 'a' was already used on line 2"},
            {"id,y,x\na,1\n", "line 2: no value in column 'x'"},
            {"id,y,x\n", "no points after the header line"},
            {"id,y,x\n\"a,1,2\n", "line 2: a quoted field is not closed"},
            {"id,y,x,radius\na,1,2,\"1,2,3\"\n", "radius '1,2,3' has 3 values"},
        };
        for (String[] c : cases) {
            Files.writeString(f[2], c[0]);
            CliRun r = CliRun.run(args(f));
            assertEquals(2, r.rc(), c[0]);
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
        }
        Files.writeString(f[2], "id,y,x\na,30,40\n");
        CliRun both = CliRun.run(args(f, "--template-center", "3,4"));
        assertEquals(2, both.rc());
        assertTrue(both.err().contains("leave out --template-center and --image-center"), both.err());
        CliRun badExt = CliRun.run(args(f, "-o", dir.resolve("t.txt").toString()));
        assertEquals(2, badExt.rc());
        assertTrue(badExt.err().contains("use .csv, .json or .jsonl"), badExt.err());
        CliRun onto = CliRun.run(args(f, "-o", f[2].toString().replace("points.csv", "points.csv")));
        assertEquals(2, onto.rc(), "the output must not replace the points file");
        CliRun nothing = CliRun.run("track", "--template-image", f[0].toString(), "--image", f[1].toString());
        assertEquals(2, nothing.rc());
        assertTrue(nothing.err().contains("Missing required options: '--template-center=Y,X', '--image-center=Y,X'")
                && nothing.err().contains("--points"), nothing.err());
        CliRun threeAxes = CliRun.run(args(f));
        assertEquals(0, threeAxes.rc(), threeAxes.err());
        Files.writeString(f[2], "id,z,y,x\na,1,30,40\n");
        CliRun rank = CliRun.run(args(f));
        assertEquals(2, rank.rc());
        assertTrue(rank.err().contains("point a [1, 30, 40] has 3 coordinates but the images have 2 axes"),
                rank.err());
    }

    @Test
    void positionalTemplateImageAndImageEqualTheNamedForm(@TempDir Path dir) throws IOException {
        Path[] f = files(dir);
        CliRun named = CliRun.run("track", "--template-image", f[0].toString(), "--image", f[1].toString(),
                "--template-center", "30,40", "--image-center", "30,40", "--template-radius", "5",
                "--image-radius", "11");
        CliRun positional = CliRun.run("track", f[0].toString(), f[1].toString(), "--template-center", "30,40",
                "--image-center", "30,40", "--template-radius", "5", "--image-radius", "11");
        assertEquals(0, named.rc(), named.err());
        assertEquals(0, positional.rc(), positional.err());
        assertEquals(named.out(), positional.out());
        assertEquals(4, positional.json().get("offset").get(0).asInt());
        assertEquals(-6, positional.json().get("offset").get(1).asInt());

        CliRun table = CliRun.run("track", f[0].toString(), f[1].toString(), "--points", f[2].toString(),
                "--template-radius", "5", "--image-radius", "11");
        assertEquals(3, table.rc(), table.err());
        assertEquals(CliRun.run(args(f)).out(), table.out());

        CliRun mixed = CliRun.run("track", f[0].toString(), f[1].toString(), "--image", f[1].toString(),
                "--points", f[2].toString());
        assertEquals(2, mixed.rc());
        assertEquals(1, mixed.err().strip().lines().count(), mixed.err());
        assertTrue(mixed.err().contains("not both"), mixed.err());
    }

    @Test
    void usageShowsOnePointPerCentreOption() {
        CliRun help = CliRun.run("track", "--help");
        assertEquals(0, help.rc());
        assertFalse(help.out().contains("[,Y,X...]"), help.out());
        assertTrue(help.out().contains("--template-center=Y,X"), help.out());
        assertTrue(help.out().contains("--points P"), help.out());
    }

    /** A 3-D .npy stack (t, y, x): frame t is frame 0 moved by drift[t], fresh noise where uncovered. */
    static Path stack(Path dir, int[][] drift) throws IOException {
        NdArray base = OffsetCommandTest.noise(81, 60, 70);
        double[] all = new double[drift.length * 60 * 70];
        java.util.Random fill = new java.util.Random(82);
        for (int t = 0; t < drift.length; t++) {
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 70; x++) {
                    int sy = y - drift[t][0];
                    int sx = x - drift[t][1];
                    all[(t * 60 + y) * 70 + x] = sy >= 0 && sy < 60 && sx >= 0 && sx < 70 ? base.get(sy, sx)
                            : fill.nextGaussian();
                }
            }
        }
        Path p = dir.resolve("stack.npy");
        ArrayFiles.write(p, NdArray.wrap(all, drift.length, 60, 70));
        return p;
    }

    @Test
    void stackRowsPerPointPerFrame(@TempDir Path dir) throws IOException {
        int[][] drift = {{0, 0}, {1, 2}, {3, 1}, {2, -2}};
        Path s = stack(dir, drift);
        Path p = dir.resolve("p.csv");
        Files.writeString(p, "id,y,x\na,30,35\nb,20,20\ngone,100,5\n");
        for (String from : new String[] {"first", "previous"}) {
            Path out = dir.resolve(from + ".csv");
            CliRun r = CliRun.run("track", s.toString(), "--points", p.toString(), "--template-radius", "5",
                    "--image-radius", "9", "--template-from", from, "-o", out.toString());
            assertEquals(3, r.rc(), r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals("frame,id,y,x,dy,dx,fit,peak_to_sidelobe,overlap_fraction,edge,status", lines.get(0));
            assertEquals(1 + 3 * drift.length, lines.size());
            assertEquals("0,a,30,35,0,0,,,,,ok", lines.get(1));
            for (int t = 1; t < drift.length; t++) {
                String a = lines.get(1 + 3 * t);
                assertTrue(a.startsWith(t + ",a,30,35," + drift[t][0] + "," + drift[t][1] + ","), from + ": " + a);
                assertTrue(a.endsWith(",ok"), a);
                assertTrue(lines.get(3 + 3 * t).endsWith("\"point [100, 5] is outside frame 0 60x70\""),
                        lines.get(3 + 3 * t));
            }
        }
        CliRun noPoints = CliRun.run("track", s.toString());
        assertEquals(2, noPoints.rc());
        assertTrue(noPoints.err().contains("needs --points"), noPoints.err());
        CliRun badFrom = CliRun.run("track", s.toString(), "--points", p.toString(), "--template-from", "last");
        assertEquals(2, badFrom.rc());
        assertTrue(badFrom.err().contains("expected first or previous"), badFrom.err());
        CliRun missing = CliRun.run("track", dir.resolve("nope.tif").toString(), "--points", p.toString());
        assertEquals(2, missing.rc());
        assertEquals(1, missing.errLines(), missing.err());
    }
}
