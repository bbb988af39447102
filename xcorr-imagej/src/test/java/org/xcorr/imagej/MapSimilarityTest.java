package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.local.LocalNccOptions;
import org.xcorr.local.Similarity;
import org.xcorr.local.SimilarityMap;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;

class MapSimilarityTest extends ImageJTestSupport {

    @Test
    void mapIsTheLibrarysAfterRegistration() {
        ImagePlus a = open(new ImagePlus("a", smooth(50, 40, 10)));
        a.getCalibration().pixelHeight = 2.0;
        NdArray shifted = Shift.shift(ImageArrays.toArray(a.getProcessor()), 1.5, 2.0);
        ImagePlus b = open(ImageArrays.toImage("b", shifted, null));
        MapSimilarity cmd = run(new MapSimilarity(), a, "reference=a moving=b radius=4 register upsample=10");
        assertNull(cmd.error());
        SimilarityMap direct = Similarity.map(ImageArrays.toArray(a.getProcessor()),
                ImageArrays.toArray(b.getProcessor()), LocalNccOptions.ofRadius(4),
                RegistrationOptions.defaults().withUpsampleFactor(10), Interpolation.FOURIER);
        assertArrayEquals(direct.shift(), new double[] {cmd.results().getValue("dy", 0),
            cmd.results().getValue("dx", 0)});
        assertEquals(-1.5, cmd.results().getValue("dy", 0), 0.051);
        ImagePlus map = cmd.outputs().get(0);
        assertEquals(2.0, map.getCalibration().pixelHeight);
        FloatProcessor fp = (FloatProcessor) map.getProcessor();
        for (int y = 0; y < 40; y += 3) {
            for (int x = 0; x < 50; x += 3) {
                assertEquals((float) direct.map().get(y, x), fp.getf(x, y));
            }
        }
        // registered, the two agree in the middle
        assertTrue(fp.getf(25, 20) > 0.99, "similarity in the middle " + fp.getf(25, 20));
    }

    @Test
    void withoutRegistrationTheShiftIsZero() {
        ImagePlus a = open(new ImagePlus("a", smooth(30, 30, 11)));
        open(new ImagePlus("b", smooth(30, 30, 12)));
        MapSimilarity cmd = run(new MapSimilarity(), a, "reference=a moving=b radius=3");
        assertEquals(0.0, cmd.results().getValue("dy", 0));
        assertEquals(0.0, cmd.results().getValue("dx", 0));
        // unrelated textures: the mean similarity is small
        assertEquals(0.0, cmd.results().getValue("mean", 0), 0.2);
    }
}
