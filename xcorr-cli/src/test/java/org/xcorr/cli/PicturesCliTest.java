package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.ColorMap;
import org.xcorr.io.MapPicture;
import org.xcorr.io.Pictures;

/** Issue 17 §2-3 on the command line: array outputs print a summary; pictures are readable. */
class PicturesCliTest {

    @TempDir
    Path dir;

    /** An 8-bit image with smooth blobs, as a PNG file. */
    private Path frame() throws IOException {
        double[] v = new double[64 * 80];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 80; x++) {
                v[y * 80 + x] = Math.rint(120 + 100 * Math.sin(x / 5.0) * Math.cos(y / 7.0));
            }
        }
        Path p = dir.resolve("frame.png");
        Pictures.writeGreyLevels(p, NdArray.wrap(v, 64, 80), 8);
        return p;
    }

    @Test
    void nccPictureHasTheFixedColourBar() throws IOException {
        Path f = frame();
        NdArray image = ArrayFiles.read(f);
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(t, OffsetCommandTest.crop2d(image, 20, 30, 12, 14));
        Path out = dir.resolve("ncc.png");
        CliRun r = CliRun.run("ncc", t.toString(), f.toString(), "-o", out.toString());
        assertEquals(0, r.rc(), r.err());
        BufferedImage png = ImageIO.read(out.toFile());
        int mapH = (64 + 12 - 1) * Pictures.autoScale(64 + 12 - 1, 80 + 14 - 1);
        assertEquals(mapH + MapPicture.BAND, png.getHeight());
        int barW = png.getWidth() - 2 * MapPicture.MARGIN;
        for (int i = 0; i < barW; i += 17) {
            assertEquals(ColorMap.VIRIDIS.rgb(i / (double) (barW - 1)),
                    png.getRGB(MapPicture.MARGIN + i, mapH + MapPicture.BAR_TOP + 2) & 0xffffff, "bar column " + i);
        }
        JsonNode j = r.json();
        assertEquals("[75,93]", j.get("shape").toString());
        assertEquals("[31,43]", j.get("peak").toString(), "peak = offset + template shape - 1");
        assertEquals(1.0, j.get("value").asDouble(), 1e-9);
    }

    /** Before: shift -o out.png wrote a viridis picture; an image stays grey with its grey levels. */
    @Test
    void shiftedImageStaysGrey() throws IOException {
        Path f = frame();
        Path out = dir.resolve("shifted.png");
        CliRun r = CliRun.run("shift", f.toString(), "--by", "0,0", "-o", out.toString());
        assertEquals(0, r.rc(), r.err());
        BufferedImage png = ImageIO.read(out.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        assertArrayEquals(ArrayFiles.read(f).toArray(), ArrayFiles.read(out).toArray(), "the same grey levels");
        CliRun moved = CliRun.run("shift", f.toString(), "--by", "2,-3", "--interpolation", "linear", "-o", out.toString());
        assertEquals(0, moved.rc(), moved.err());
        assertEquals(ArrayFiles.read(f).get(10, 20), ArrayFiles.read(out).get(12, 17), 0.0);
    }

    /** Before: a uniform blue square with one bright pixel. */
    @Test
    void registerSurfacePictureIsOnALogScale() throws IOException {
        Path f = frame();
        Path g = dir.resolve("g.png");
        assertEquals(0, CliRun.run("shift", f.toString(), "--by", "3.4,2.2", "--interpolation", "linear", "-o",
                g.toString()).rc());
        Path surface = dir.resolve("surface.png");
        CliRun r = CliRun.run("register", f.toString(), g.toString(), "--surface", surface.toString());
        assertEquals(0, r.rc(), r.err());
        BufferedImage png = ImageIO.read(surface.toFile());
        int mapH = 64 * Pictures.autoScale(64, 80);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < mapH; y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 30, colours.size() + " colours");
    }

    /** register and track take --debug-dir as offset does. */
    @Test
    void registerAndTrackWriteDebugDirectories() throws IOException {
        Path f = frame();
        Path g = dir.resolve("g.png");
        assertEquals(0, CliRun.run("shift", f.toString(), "--by", "2,3", "-o", g.toString()).rc());
        CliRun r = CliRun.run("register", f.toString(), g.toString(), "--debug-dir", dir.resolve("reg").toString());
        assertEquals(0, r.rc(), r.err());
        for (String name : org.xcorr.io.debug.RegistrationReport.FILES) {
            assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("reg").resolve(name)), name);
        }
        CliRun t = CliRun.run("track", "--template-image", f.toString(), "--image", g.toString(), "--template-center",
                "30,40", "--image-center", "30,40", "--template-radius", "6", "--image-radius", "14", "--debug-dir",
                dir.resolve("trk").toString());
        assertEquals(0, t.rc(), t.err());
        assertEquals("[2,3]", t.json().get("offset").toString());
        assertTrue(java.nio.file.Files.readString(dir.resolve("trk/report.html")).contains("<img"));
        // a debug directory is replaced as a whole: one holding other files (here the inputs) is refused
        CliRun bad = CliRun.run("register", f.toString(), g.toString(), "--debug-dir", dir.toString());
        assertEquals(2, bad.rc(), bad.err());
        assertEquals(1, bad.errLines(), bad.err());
    }

    /** similarity's summary points at the least similar place: a planted change. */
    @Test
    void similaritySummaryFindsWhereTheImagesDiffer() throws IOException {
        NdArray a = OffsetCommandTest.noise(21, 40, 50);
        double[] v = a.toArray();
        NdArray other = OffsetCommandTest.noise(22, 40, 50);
        for (int y = 20; y < 26; y++) {
            for (int x = 30; x < 36; x++) {
                v[y * 50 + x] = -other.get(y, x);
            }
        }
        Path pa = dir.resolve("a.npy");
        Path pb = dir.resolve("b.npy");
        ArrayFiles.write(pa, a);
        ArrayFiles.write(pb, NdArray.wrap(v, 40, 50));
        CliRun r = CliRun.run("similarity", pa.toString(), pb.toString(), "--radius", "2", "-o",
                dir.resolve("s.png").toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode lowest = r.json().get("lowest");
        assertTrue(lowest.get(0).asInt() >= 18 && lowest.get(0).asInt() < 28 && lowest.get(1).asInt() >= 28
                && lowest.get(1).asInt() < 38, r.out());
        assertEquals("[40,50]", r.json().get("shape").toString());
    }

    @Test
    void matchSummaryTakesTheMinimumForSquaredDifferences() throws IOException {
        Path f = frame();
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(t, OffsetCommandTest.crop2d(ArrayFiles.read(f), 7, 9, 10, 11));
        CliRun r = CliRun.run("match", t.toString(), f.toString(), "--method", "TM_SQDIFF", "-o",
                dir.resolve("m.npy").toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals("[7,9]", r.json().get("peak").toString());
        assertEquals(0.0, r.json().get("value").asDouble(), 1e-6);
        assertEquals("sqdiff", r.json().get("method").asText());
    }
}
