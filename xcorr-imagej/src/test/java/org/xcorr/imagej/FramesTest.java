package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import org.junit.jupiter.api.Test;

class FramesTest extends ImageJTestSupport {

    private static ImagePlus numbered(int planes) {
        ImageStack stack = new ImageStack(3, 2);
        for (int k = 1; k <= planes; k++) {
            FloatProcessor fp = new FloatProcessor(3, 2);
            fp.setf(0, 0, k);
            stack.addSlice(fp);
        }
        return new ImagePlus("numbered", stack);
    }

    /**
     * Regression: the current frame was read from ImagePlus.getSlice(), whose (c, z, t) position a plain stack
     * shown in batch mode does not update on setSlice, so points on slice 3 were tracked from slice 1.
     */
    @Test
    void bugCurrentFrameOfAPlainStackAfterSetSlice() {
        ImagePlus imp = open(numbered(5));
        imp.setSlice(3);
        Frames frames = new Frames(imp);
        assertEquals(2, frames.current());
        assertEquals(5, frames.count());
        assertEquals(3.0, frames.frame(frames.current()).get(0, 0));
    }

    @Test
    void hyperstackFramesAreTimePointsAtTheCurrentChannelAndSlice() {
        ImagePlus imp = numbered(2 * 3 * 4); // planes ordered c, z, t
        imp.setDimensions(2, 3, 4);
        imp.setOpenAsHyperStack(true);
        open(imp);
        imp.setPosition(2, 3, 2);
        Frames frames = new Frames(imp);
        assertEquals(4, frames.frameCount());
        assertEquals(1, frames.current());
        assertArrayEquals(new int[] {2, 3}, frames.frameShape());
        // plane index of (c=2, z=3, t=4) = (4-1)·6 + (3-1)·2 + 2 = 24
        assertEquals(24.0, frames.frame(3).get(0, 0));
        assertEquals("frame 4", frames.frameName(3));
    }

    @Test
    void aZStackWithoutTimePointsIsAlignedAlongItsSlices() {
        ImagePlus imp = numbered(2 * 3);
        imp.setDimensions(2, 3, 1);
        imp.setOpenAsHyperStack(true);
        open(imp);
        imp.setPosition(1, 2, 1);
        Frames frames = new Frames(imp);
        assertEquals(3, frames.count());
        assertEquals(1, frames.current());
        assertEquals(5.0, frames.frame(2).get(0, 0));
    }
}
