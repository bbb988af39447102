package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

class ImageArraysTest {

    @Test
    void testsRunHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire must set java.awt.headless=true");
    }

    @Test
    void bytesAreUnsignedAndRowMajor() {
        ByteProcessor bp = new ByteProcessor(3, 2);
        bp.set(0, 0, 0);
        bp.set(2, 0, 255);
        bp.set(1, 1, 200);
        NdArray a = ImageArrays.toArray(bp);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(255.0, a.get(0, 2));
        assertEquals(200.0, a.get(1, 1));
        assertEquals(0.0, a.get(1, 0));
    }

    @Test
    void shortsAreUnsigned() {
        ShortProcessor sp = new ShortProcessor(2, 2);
        sp.set(1, 0, 65535);
        sp.set(0, 1, 40000);
        NdArray a = ImageArrays.toArray(sp);
        assertEquals(65535.0, a.get(0, 1));
        assertEquals(40000.0, a.get(1, 0));
    }

    @Test
    void floatsAreKeptAndRectangleIsCopiedAlone() {
        FloatProcessor fp = new FloatProcessor(5, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                fp.setf(x, y, 10 * y + x + 0.25f);
            }
        }
        NdArray crop = ImageArrays.toArray(fp, new Rectangle(1, 2, 3, 2));
        assertArrayEquals(new int[] {2, 3}, crop.shape());
        assertArrayEquals(new double[] {21.25, 22.25, 23.25, 31.25, 32.25, 33.25}, crop.toArray());
    }

    @Test
    void rectangleOutsideThePlaneIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageArrays.toArray(new FloatProcessor(5, 4), new Rectangle(3, 0, 3, 2)));
        assertEquals("rectangle 3x2 at (3, 0) is not inside the 5x4 image", e.getMessage());
    }

    @Test
    void rgbBecomesImageJsGrey() {
        ColorProcessor cp = new ColorProcessor(2, 1);
        cp.set(0, 0, (30 << 16) | (60 << 8) | 90);
        NdArray a = ImageArrays.toArray(cp);
        assertEquals(cp.convertToFloatProcessor().getf(0, 0), a.get(0, 0));
    }

    @Test
    void stackBecomesThreeAxes() {
        ImageStack stack = new ImageStack(3, 2);
        for (int k = 0; k < 4; k++) {
            FloatProcessor fp = new FloatProcessor(3, 2);
            fp.setf(2, 1, k);
            stack.addSlice(fp);
        }
        NdArray a = ImageArrays.toArray(stack);
        assertArrayEquals(new int[] {4, 2, 3}, a.shape());
        assertEquals(3.0, a.get(3, 1, 2));
    }

    @Test
    void arrayRoundTripsAndKeepsCalibration() {
        NdArray a = NdArray.of(new double[][] {{1.5, -2}, {3, 4}, {5, 6}});
        Calibration cal = new Calibration();
        cal.pixelWidth = 0.2;
        cal.pixelHeight = 0.3;
        cal.setUnit("mm");
        ImagePlus imp = ImageArrays.toImage("t", a, cal);
        assertEquals(2, imp.getWidth());
        assertEquals(3, imp.getHeight());
        assertEquals(32, imp.getBitDepth());
        assertEquals(0.2, imp.getCalibration().pixelWidth);
        assertEquals("mm", imp.getCalibration().getUnit());
        assertEquals(a, ImageArrays.toArray(imp.getProcessor()));
    }

    @Test
    void threeAxesAndPlaneListsBecomeStacks() {
        NdArray a = NdArray.of(new double[][][] {{{1, 2}}, {{3, 4}}});
        ImagePlus imp = ImageArrays.toImage("t", a, null);
        assertEquals(2, imp.getStackSize());
        assertEquals(a, ImageArrays.toArray(imp.getStack()));
        ImagePlus list = ImageArrays.toImage("t", List.of(NdArray.of(new double[][] {{1, 2}}),
                NdArray.of(new double[][] {{3, 4}})), null);
        assertEquals(a, ImageArrays.toArray(list.getStack()));
    }

    @Test
    void planesOfDifferentShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageArrays.toImage("t", List.of(NdArray.zeros(2, 2), NdArray.zeros(2, 3)), null));
        assertEquals("plane 2 is 2x3 but plane 1 is 2x2; a stack needs planes of one shape", e.getMessage());
    }
}
