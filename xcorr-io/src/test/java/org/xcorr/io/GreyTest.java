package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;

/** Issue 17: colour to grey is BT.601 by default; BT.709 (scikit-image rgb2gray) and one channel on request. */
class GreyTest {

    @TempDir
    Path dir;

    @Test
    void weightsOfEachConversion() {
        assertEquals(0.299 * 10 + 0.587 * 20 + 0.114 * 30, Grey.BT601.apply(10, 20, 30), 1e-12);
        assertEquals(0.2126 * 10 + 0.7152 * 20 + 0.0722 * 30, Grey.BT709.apply(10, 20, 30), 1e-12);
        assertEquals(20, Grey.channel(1).apply(10, 20, 30));
        for (double v : new double[] {0, 1, 77, 255, 65535}) {
            assertEquals(v, Grey.BT709.apply(v, v, v), 0, "grey pixels stay exact");
        }
    }

    @Test
    void parsesEverySpellingAndNamesTheFormsOnError() {
        assertEquals(Grey.BT601, Grey.parse("BT601"));
        assertEquals(Grey.BT709, Grey.parse("bt.709"));
        assertEquals("channel:2", Grey.parse("channel:2").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grey.parse("rec709"));
        assertTrue(e.getMessage().contains("expected bt601, bt709 or channel:N"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grey.parse("channel:3"));
    }

    /** A colour PNG read three ways. */
    @Test
    void colourFileReadWithEachConversion() throws IOException {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0x808080, 0x102030, 0xffffff};
        for (int i = 0; i < colours.length; i++) {
            rgb.setRGB(i % 3, i / 3, colours[i]);
        }
        Path p = dir.resolve("colour.png");
        ImageIO.write(rgb, "png", p.toFile());
        NdArray d = ArrayFiles.read(p);
        NdArray s709 = ArrayFiles.read(p, Grey.BT709);
        NdArray green = ArrayFiles.read(p, Grey.channel(1));
        for (int i = 0; i < colours.length; i++) {
            int r = colours[i] >> 16 & 0xff;
            int g = colours[i] >> 8 & 0xff;
            int b = colours[i] & 0xff;
            assertEquals(Grey.BT601.apply(r, g, b), d.backingReal()[i], 1e-9, "default is BT.601");
            assertEquals(Grey.BT709.apply(r, g, b), s709.backingReal()[i], 1e-9);
            assertEquals(g, green.backingReal()[i], 0);
        }
        assertEquals(0.7152 * 255, s709.get(0, 1), 1e-9, "pure green under BT.709");
    }
}
