package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.io.Fixtures.assertInputError;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;

class PicturesTest {

    @TempDir
    Path dir;

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    /** Near white: the marker's inner line (anti-aliased), never a viridis colour. */
    private static boolean isLight(int rgb) {
        return (rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) > 200 && (rgb & 0xff) > 200;
    }

    @Test
    void colourMappedSpansMinToMaxOfTheFiniteValues() {
        NdArray a = NdArray.of(new double[] {-2, 0, 2, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 2, 3);
        BufferedImage p = Pictures.colourMapped(a, ColorMap.VIRIDIS, 1);
        assertEquals(3, p.getWidth());
        assertEquals(2, p.getHeight());
        ColorMap v = ColorMap.VIRIDIS;
        assertEquals(v.entry(0), rgb(p, 0, 0));
        assertEquals(v.entry(128), rgb(p, 1, 0));
        assertEquals(v.entry(255), rgb(p, 2, 0));
        assertEquals(v.nanRgb(), rgb(p, 0, 1));
        assertEquals(v.entry(0), rgb(p, 1, 1));
        assertEquals(v.entry(255), rgb(p, 2, 1));
    }

    @Test
    void constantArrayIsTheMiddleColour() {
        BufferedImage p = Pictures.colourMapped(NdArray.of(new double[] {3, 3, 3, 3}, 2, 2), ColorMap.VIRIDIS, 2);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(ColorMap.VIRIDIS.rgb(0.5), rgb(p, x, y));
            }
        }
    }

    @Test
    void oneDIsAStripAndThreeDItsMiddlePlane() {
        BufferedImage strip = Pictures.colourMapped(NdArray.of1d(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
                ColorMap.VIRIDIS, 1);
        assertEquals(17, strip.getWidth());
        assertEquals(2, strip.getHeight());
        assertEquals(rgb(strip, 5, 0), rgb(strip, 5, 1));
        double[] v = new double[3 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 4 || i >= 8 ? 0 : i;
        }
        BufferedImage middle = Pictures.colourMapped(NdArray.of(v, 3, 2, 2), ColorMap.VIRIDIS, 1);
        assertEquals(ColorMap.VIRIDIS.entry(0), rgb(middle, 0, 0), "plane 1 holds 4..7; 4 is its minimum");
        assertEquals(ColorMap.VIRIDIS.entry(255), rgb(middle, 1, 1));
    }

    @Test
    void autoScaleMakesTheLongSideAtLeast256() {
        assertEquals(256, Pictures.autoScale(1, 1));
        assertEquals(26, Pictures.autoScale(10, 7));
        assertEquals(1, Pictures.autoScale(300, 2));
        assertEquals(2, Pictures.autoScale(5, 200));
    }

    @Test
    void markedPictureDrawsAMarkerAtTheFractionalPositionOnly() throws IOException {
        NdArray map = NdArray.of(new double[40 * 30], 40, 30);
        Path p = dir.resolve("marked.png");
        Pictures.writeMarked(p, map, 10.5, 20.25);
        BufferedImage image = ImageIO.read(p.toFile());
        int s = Pictures.autoScale(40, 30);
        assertEquals(30 * s, image.getWidth());
        assertEquals(40 * s, image.getHeight());
        int cx = (int) Math.round((20.25 + 0.5) * s);
        int cy = (int) Math.round((10.5 + 0.5) * s);
        double radius = Math.max(8, 2.0 * s);
        int background = ColorMap.VIRIDIS.rgb(0.5);
        assertEquals(background, rgb(image, cx, cy), "the crosshair leaves the marked element visible");
        assertTrue(isLight(rgb(image, (int) Math.round(cx + radius), cy)), "circle on the right");
        assertTrue(isLight(rgb(image, cx, (int) Math.round(cy - 1.4 * radius))), "crosshair arm above");
        assertEquals(background, rgb(image, 2, 2), "far pixels untouched");
        assertEquals(background, rgb(image, image.getWidth() - 3, image.getHeight() - 3));
    }

    @Test
    void markerOutsideTheArrayIsNotDrawnButThePictureIsWritten() throws IOException {
        NdArray map = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        Path p = dir.resolve("outside.png");
        Pictures.writeMarked(p, map, -50, 3);
        BufferedImage image = ImageIO.read(p.toFile());
        assertEquals(Pictures.colourMapped(map, ColorMap.VIRIDIS, 128).getRGB(0, 0), image.getRGB(0, 0));
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                assertTrue(!isLight(rgb(image, x, y)), "no marker pixel at " + x + "," + y);
            }
        }
    }

    @Test
    void markedOneDAndThreeDArrays() throws IOException {
        double[] v = new double[4 * 5 * 6];
        v[2 * 30 + 3 * 6 + 4] = 1;
        Path p3 = dir.resolve("m3.png");
        Pictures.writeMarked(p3, NdArray.of(v, 4, 5, 6), 2.2, 3, 4);
        BufferedImage image = ImageIO.read(p3.toFile());
        int s = Pictures.autoScale(5, 6);
        assertEquals(ColorMap.VIRIDIS.entry(255), rgb(image, 4 * s + 1, 3 * s + 1), "plane 2, nearest to 2.2");
        Path p1 = dir.resolve("m1.png");
        Pictures.writeMarked(p1, NdArray.of1d(1, 5, 2, 0), 1);
        assertEquals(4 * 64, ImageIO.read(p1.toFile()).getWidth());
        assertThrows(IllegalArgumentException.class, () -> Pictures.writeMarked(p1, NdArray.of1d(1, 2), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Pictures.writeMarked(p1, NdArray.of1d(1, 2), Double.NaN));
    }

    @Test
    void greyPictureIsScaledMinToMaxAndEnlarged() throws IOException {
        Path p = dir.resolve("grey.png");
        Pictures.writeGrey(p, NdArray.of(new double[] {100, 200, 300, 400}, 2, 2));
        BufferedImage image = ImageIO.read(p.toFile());
        assertEquals(256, image.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertEquals(0, image.getRaster().getSample(0, 0, 0));
        assertEquals(85, image.getRaster().getSample(200, 0, 0));
        assertEquals(255, image.getRaster().getSample(255, 255, 0));
    }

    @Test
    void pngOutputOfArrayFilesIsViridisWithAColourBar() throws IOException {
        Path p = dir.resolve("out.PNG");
        ArrayFiles.write(p, NdArray.of(new double[] {0, 1, 2, 3, 4, 5}, 3, 2));
        BufferedImage image = ImageIO.read(p.toFile());
        int s = Pictures.autoScale(3, 2);
        assertEquals(MapPicture.MIN_WIDTH, image.getWidth());
        assertEquals(3 * s + MapPicture.BAND, image.getHeight());
        int left = (MapPicture.MIN_WIDTH - 2 * s) / 2;
        assertEquals(ColorMap.VIRIDIS.entry(0), rgb(image, left, 0));
        assertEquals(ColorMap.VIRIDIS.entry(255), rgb(image, left + 2 * s - 1, 3 * s - 1));
        NdArray complex = NdArray.ofComplex(new double[2], new double[2], 2);
        Path c = dir.resolve("c.png");
        assertInputError(c, () -> ArrayFiles.write(c, complex), "complex", ".npy");
        assertTrue(!c.toFile().exists());
    }

    /** Bug: a 1-D array of 2^20 samples written as .png failed with "integer overflow" (its strip is 2^17 tall). */
    @Test
    void bug_aPictureTooLargeToDrawIsRefusedWithItsSize() {
        NdArray line = NdArray.wrap(new double[1 << 20], 1 << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pictures.colourMapped(line, ColorMap.VIRIDIS, 1));
        assertTrue(e.getMessage().startsWith("array 1048576 is too large to draw: its picture would be 131072x1048576"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pictures.grey(NdArray.wrap(new double[4], 2, 2), 1 << 15));
    }
}
