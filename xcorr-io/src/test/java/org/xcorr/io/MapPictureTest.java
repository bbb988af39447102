package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;

/**
 * Issue 17 §3, what was seen in the pictures kept as assertions on their pixels: maps carry a colour bar with
 * their range, NCC maps use the fixed [-1, 1] scale, a phase-correlation surface is readable on a log scale, and
 * images stay grey with their grey levels.
 */
class MapPictureTest {

    @TempDir
    Path dir;

    private static NdArray ramp(int h, int w, double lo, double hi) {
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * (i % w) / (w - 1);
        }
        return NdArray.wrap(v, h, w);
    }

    /** A label drawn alone, for comparing with the label area of a picture. */
    private static boolean[][] glyphs(String text) {
        int s = MapPicture.FONT_SCALE;
        BufferedImage b = new BufferedImage(BitmapFont.width(text, s), BitmapFont.HEIGHT * s, BufferedImage.TYPE_INT_RGB);
        BitmapFont.draw(b, text, 0, 0, s, 0xffffff);
        boolean[][] on = new boolean[b.getHeight()][b.getWidth()];
        for (int y = 0; y < b.getHeight(); y++) {
            for (int x = 0; x < b.getWidth(); x++) {
                on[y][x] = (b.getRGB(x, y) & 0xffffff) == 0xffffff;
            }
        }
        return on;
    }

    private static void assertLabel(BufferedImage image, String text, int x, int y) {
        boolean[][] on = glyphs(text);
        for (int r = 0; r < on.length; r++) {
            for (int c = 0; c < on[r].length; c++) {
                int rgb = image.getRGB(x + c, y + r) & 0xffffff;
                assertEquals(on[r][c] ? 0x000000 : 0xffffff, rgb, "label '" + text + "' pixel " + c + "," + r);
            }
        }
    }

    @Test
    void mapHasAColourBarWithItsRangeWritten() {
        NdArray map = ramp(300, 400, -0.25, 0.75);
        BufferedImage image = MapPicture.linear(map, ColorMap.VIRIDIS, Double.NaN, Double.NaN);
        assertEquals(400, image.getWidth());
        assertEquals(300 + MapPicture.BAND, image.getHeight());
        int barW = 400 - 2 * MapPicture.MARGIN;
        int barY = 300 + MapPicture.BAR_TOP + MapPicture.BAR_HEIGHT / 2;
        for (int i = 0; i < barW; i++) {
            assertEquals(ColorMap.VIRIDIS.rgb(i / (double) (barW - 1)),
                    image.getRGB(MapPicture.MARGIN + i, barY) & 0xffffff, "bar column " + i);
        }
        int labelY = 300 + MapPicture.BAR_TOP + MapPicture.BAR_HEIGHT + MapPicture.LABEL_GAP;
        assertLabel(image, "-0.25", MapPicture.MARGIN, labelY);
        assertLabel(image, "0.75", 400 - MapPicture.MARGIN - BitmapFont.width("0.75", MapPicture.FONT_SCALE), labelY);
        // the first and last map columns are the ends of the bar
        assertEquals(ColorMap.VIRIDIS.rgb(0), image.getRGB(0, 10) & 0xffffff);
        assertEquals(ColorMap.VIRIDIS.rgb(1), image.getRGB(399, 10) & 0xffffff);
    }

    /** An NCC map between 0.2 and 0.4 is drawn on [-1, 1]: mid colours, not the full range of the map. */
    @Test
    void nccMapsUseTheFixedScale() {
        NdArray map = ramp(260, 260, 0.2, 0.4);
        BufferedImage image = MapPicture.linear(map, ColorMap.VIRIDIS, -1, 1);
        assertEquals(ColorMap.VIRIDIS.rgb(0.6), image.getRGB(0, 5) & 0xffffff);
        assertEquals(ColorMap.VIRIDIS.rgb(0.7), image.getRGB(259, 5) & 0xffffff);
        int labelY = 260 + MapPicture.BAR_TOP + MapPicture.BAR_HEIGHT + MapPicture.LABEL_GAP;
        assertLabel(image, "-1.0", MapPicture.MARGIN, labelY);
        assertLabel(image, "1.0", 260 - MapPicture.MARGIN - BitmapFont.width("1.0", MapPicture.FONT_SCALE), labelY);
        int zero = MapPicture.MARGIN + (int) Math.round(0.5 * (260 - 2 * MapPicture.MARGIN - 1));
        assertEquals(0, image.getRGB(zero, 260 + MapPicture.BAR_TOP + MapPicture.BAR_HEIGHT + 1) & 0xffffff,
                "a tick at 0");
    }

    /** Small maps are enlarged, and the canvas is wide enough for the labels. */
    @Test
    void smallMapsAreEnlargedAndKeepTheirBar() {
        BufferedImage image = MapPicture.linear(ramp(5, 7, 0, 1), ColorMap.VIRIDIS, Double.NaN, Double.NaN);
        int scale = Pictures.autoScale(5, 7);
        assertEquals(Math.max(MapPicture.MIN_WIDTH, 7 * scale), image.getWidth());
        assertEquals(5 * scale + MapPicture.BAND, image.getHeight());
    }

    /** Before: a phase-correlation surface was a uniform blue square with one bright pixel. */
    @Test
    void registerSurfaceOnALogScaleShowsMoreThanThePeak() {
        Random rnd = new Random(3);
        double[] v = new double[128 * 128];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e-4 * rnd.nextDouble();
        }
        v[64 * 128 + 64] = 1;
        NdArray surface = NdArray.wrap(v, 128, 128);
        BufferedImage log = MapPicture.logarithmic(surface, ColorMap.VIRIDIS);
        BufferedImage linear = MapPicture.linear(surface, ColorMap.VIRIDIS, Double.NaN, Double.NaN);
        int scale = Pictures.autoScale(128, 128);
        assertTrue(colours(log, 128 * scale) > 30, "log scale: the background has structure");
        assertTrue(colours(linear, 128 * scale) <= 3, "linear scale: one colour and the peak");
        assertEquals(ColorMap.VIRIDIS.rgb(1), log.getRGB(64 * scale, 64 * scale) & 0xffffff, "the peak is the top");
    }

    private static int colours(BufferedImage image, int mapHeight) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < mapHeight; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void labelsHaveThreeSignificantDigits() {
        assertEquals("-1.0", MapPicture.label(-1));
        assertEquals("0.993", MapPicture.label(0.99268));
        assertEquals("2.22e-05", MapPicture.label(2.2213e-5));
        assertEquals("22200000.0", MapPicture.label(22212855.0));
        assertEquals("0.0", MapPicture.label(0));
    }

    /** Images stay grey and keep their grey levels (shift -o out.png, aligned frames). */
    @Test
    void greyLevelsRoundTripForEightAndSixteenBits() throws IOException {
        double[] v8 = new double[40 * 30];
        double[] v16 = new double[40 * 30];
        for (int i = 0; i < v8.length; i++) {
            v8[i] = i % 256;
            v16[i] = (i * 97) % 65536;
        }
        NdArray a8 = NdArray.wrap(v8, 40, 30);
        NdArray a16 = NdArray.wrap(v16, 40, 30);
        assertEquals(8, Pictures.greyBits(a8));
        assertEquals(16, Pictures.greyBits(a16));
        assertEquals(0, Pictures.greyBits(NdArray.of1d(0.5, 1)));
        Path p8 = dir.resolve("a8.png");
        Path p16 = dir.resolve("a16.png");
        Pictures.writeGreyLevels(p8, a8, 8);
        Pictures.writeGreyLevels(p16, a16, 16);
        assertArrayEquals(v8, ArrayFiles.read(p8).toArray());
        assertArrayEquals(v16, ArrayFiles.read(p16).toArray());
        // ringing outside 0..255 is clamped, not rescaled
        Pictures.writeGreyLevels(p8, NdArray.of(new double[][] {{-3.2, 12.4, 258}}), 8);
        assertArrayEquals(new double[] {0, 12, 255}, ArrayFiles.read(p8).toArray());
    }
}
