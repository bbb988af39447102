package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.register.Window;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.Fill;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.Reference;
import org.xcorr.stack.StackAlignment;

class AlignStackTest extends ImageJTestSupport {

    private static final int W = 63;
    private static final int H = 47;

    /**
     * Frame t is the base image (63x47) shifted periodically by (0.4·t, -0.7·t). Odd sizes: on an even axis the
     * Fourier shift scales the Nyquist bin by cos(π·s) (SciPy's convention), which phase correlation's
     * normalization turns into a bias of about 0.02 px; odd axes have no Nyquist bin and the shift is exact.
     */
    private static List<NdArray> drifting(int n, long seed) {
        NdArray base = ImageArrays.toArray(smooth(W, H, seed));
        List<NdArray> frames = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            frames.add(Shift.shift(base, 0.4 * t, -0.7 * t));
        }
        return frames;
    }

    private static ImagePlus stackOf(String title, List<NdArray> frames) {
        return ImageArrays.toImage(title, frames, null);
    }

    /** The frames as ImageJ holds them (32-bit), which is what the plugin reads. */
    private static List<NdArray> asStored(ImagePlus imp) {
        List<NdArray> out = new ArrayList<>();
        for (int i = 1; i <= imp.getStackSize(); i++) {
            out.add(ImageArrays.toArray(imp.getStack().getProcessor(i)));
        }
        return out;
    }

    private static void assertTableIs(AlignmentResult expected, ResultsTable rt) {
        assertEquals(expected.frames().size(), rt.size());
        for (FrameShift f : expected.frames()) {
            int row = f.frame();
            assertEquals(row + 1, rt.getValue("frame", row));
            assertEquals(f.shift()[0], rt.getValue("dy", row), "dy of frame " + (row + 1));
            assertEquals(f.shift()[1], rt.getValue("dx", row), "dx of frame " + (row + 1));
            assertEquals(f.error(), rt.getValue("error", row));
            assertEquals(f.peakValue(), rt.getValue("peak_value", row));
            assertEquals(f.status(), rt.getStringValue("status", row));
        }
    }

    @Test
    void shiftsAreTheLibrarysAndUndoTheDrift() {
        ImagePlus imp = open(stackOf("drift", drifting(6, 30)));
        AlignStack cmd = run(new AlignStack(), imp, "reference=first upsample=100 window=none normalization=phase");
        assertNull(cmd.error());
        AlignmentResult direct = StackAlignment.align(FrameSource.of(asStored(imp)),
                AlignmentOptions.registerLike().withUpsampleFactor(100));
        assertTableIs(direct, cmd.results());
        for (int t = 0; t < 6; t++) {
            // xcorr register's sign: the shift that brings frame t back onto frame 1; exact for periodic shifts
            assertEquals(-0.4 * t, cmd.results().getValue("dy", t), 0.011);
            assertEquals(0.7 * t, cmd.results().getValue("dx", t), 0.011);
        }
    }

    @Test
    void defaultsAreXcorrAlignsAndFollowACameraDrift() {
        FloatProcessor[] frames = movingFrames(5, W, H, 2, -1, 39);
        ImageStack stack = new ImageStack(W, H);
        for (FloatProcessor fp : frames) {
            stack.addSlice(fp);
        }
        ImagePlus imp = open(new ImagePlus("camera", stack));
        AlignStack cmd = run(new AlignStack(), imp, "");
        assertTableIs(StackAlignment.align(FrameSource.of(asStored(imp)), AlignmentOptions.defaults()), cmd.results());
        for (int t = 0; t < 5; t++) {
            // content moves by (dx, dy) = (2, -1) a frame: the aligning shift is (dy, dx) = (t, -2t); the Hann
            // window (fixed to the frame, not to the content) biases plain correlation on this small, smooth
            // crop by up to 0.1 px (the library's tests measure its accuracy; here: the sign and the scale)
            assertEquals(t, cmd.results().getValue("dy", t), 0.25);
            assertEquals(-2.0 * t, cmd.results().getValue("dx", t), 0.25);
        }
    }

    @Test
    void previousAndMeanReferencesAndTheSelectionReachTheLibrary() {
        ImagePlus imp = open(stackOf("drift", drifting(5, 31)));
        List<NdArray> stored = asStored(imp);
        AlignStack cmd = run(new AlignStack(), imp, "reference=previous upsample=10 window=none");
        assertTableIs(StackAlignment.align(FrameSource.of(stored), AlignmentOptions.defaults()
                .withReference(Reference.previous()).withUpsampleFactor(10).withWindow(Window.NONE)), cmd.results());

        cmd = run(new AlignStack(), imp, "reference=mean reference_frames=3 upsample=20 max_shift=3");
        assertTableIs(StackAlignment.align(FrameSource.of(stored), AlignmentOptions.defaults()
                .withReference(Reference.mean(3)).withUpsampleFactor(20).withMaxShift(3, 3)), cmd.results());

        imp.setRoi(new Roi(8, 4, 40, 30));
        cmd = run(new AlignStack(), imp, "reference=first upsample=20");
        assertTableIs(StackAlignment.align(FrameSource.of(stored), AlignmentOptions.defaults()
                .withUpsampleFactor(20).withRoi(4, 8, 34, 48)), cmd.results());
    }

    @Test
    void alignedStackIsEveryFrameShiftedWithTheCalibrationKept() {
        ImagePlus imp = open(stackOf("drift", drifting(4, 32)));
        imp.getCalibration().pixelWidth = 0.1;
        AlignStack cmd = run(new AlignStack(), imp, "upsample=50 interpolation=linear fill=nan aligned");
        ImagePlus aligned = cmd.outputs().get(0);
        assertEquals("drift aligned", aligned.getTitle());
        assertEquals(4, aligned.getStackSize());
        assertEquals(0.1, aligned.getCalibration().pixelWidth);
        List<NdArray> stored = asStored(imp);
        for (int t = 0; t < 4; t++) {
            NdArray expected = StackAlignment.shiftFrame(stored.get(t), cmd.alignment().frames().get(t).shift(),
                    Interpolation.LINEAR, Fill.NAN, 1, "frame");
            FloatProcessor fp = (FloatProcessor) aligned.getStack().getProcessor(t + 1);
            for (int y = 0; y < H; y += 5) {
                for (int x = 0; x < W; x += 7) {
                    assertEquals((float) expected.get(y, x), fp.getf(x, y), "frame " + (t + 1) + " (" + x + ", " + y + ")");
                }
            }
        }
        // the last frame, aligned, lies on the first one away from the edges (linear interpolation error only)
        FloatProcessor first = (FloatProcessor) imp.getStack().getProcessor(1);
        FloatProcessor last = (FloatProcessor) aligned.getStack().getProcessor(4);
        assertEquals(first.getf(30, 20), last.getf(30, 20), 15.0);
        assertTrue(Float.isNaN(last.getf(0, H - 1)), "the pixels with no data hold the fill value");
    }

    @Test
    void driftPlotIsMadeUnlessSwitchedOff() {
        ImagePlus imp = open(stackOf("drift", drifting(3, 33)));
        AlignStack cmd = run(new AlignStack(), imp, "aligned plot");
        assertEquals(2, cmd.outputs().size());
        ImagePlus plot = cmd.outputs().get(0);
        assertNotNull(plot.getProperty(Plot.PROPERTY_KEY), "a Plot image");
        assertEquals("Drift of drift", plot.getTitle());
        assertEquals(0, run(new AlignStack(), imp, "").outputs().size());
    }

    @Test
    void hyperstackDriftComesFromTheCurrentChannelAndMovesAllChannels() {
        List<NdArray> moving = drifting(4, 34);
        ImageStack stack = new ImageStack(W, H);
        for (int t = 0; t < 4; t++) {
            stack.addSlice(smooth(W, H, 200 + t)); // channel 1: unrelated noise
            stack.addSlice(ImageArrays.toProcessor(moving.get(t)));
        }
        ImagePlus imp = new ImagePlus("hyper", stack);
        imp.setDimensions(2, 1, 4);
        imp.setOpenAsHyperStack(true);
        open(imp);
        imp.setPosition(2, 1, 1);
        AlignStack cmd = run(new AlignStack(), imp, "upsample=100 aligned");
        List<NdArray> channel2 = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            channel2.add(ImageArrays.toArray(stack.getProcessor(2 * t + 2)));
        }
        assertTableIs(StackAlignment.align(FrameSource.of(channel2), AlignmentOptions.defaults().withUpsampleFactor(100)),
                cmd.results());
        ImagePlus aligned = cmd.outputs().get(0);
        assertArrayEquals(new int[] {W, H, 2, 1, 4}, aligned.getDimensions());
        assertTrue(aligned.isHyperStack());
        NdArray c1t3 = StackAlignment.shiftFrame(ImageArrays.toArray(stack.getProcessor(5)),
                cmd.alignment().frames().get(2).shift(), Interpolation.FOURIER, Fill.ZERO, 1, "c1 t3");
        assertEquals((float) c1t3.get(20, 30), aligned.getStack().getProcessor(5).getf(30, 20));
    }

    @Test
    void virtualStackIsReadFrameByFrameAndOnlyTheCurrentChannel() {
        List<NdArray> moving = drifting(5, 35);
        Map<Integer, Integer> reads = new HashMap<>();
        VirtualStack stack = new VirtualStack(W, H, 10, "32-bit") {
            @Override
            public ImageProcessor getProcessor(int n) {
                reads.merge(n, 1, Integer::sum);
                return n % 2 == 0 ? ImageArrays.toProcessor(moving.get(n / 2 - 1)) : smooth(W, H, n);
            }
        };
        ImagePlus imp = new ImagePlus("virtual", stack);
        imp.setDimensions(2, 1, 5);
        imp.setOpenAsHyperStack(true);
        open(imp);
        imp.setPosition(2, 1, 1);
        reads.clear();
        AlignStack cmd = run(new AlignStack(), imp, "upsample=10");
        assertNull(cmd.error());
        assertEquals(5, cmd.results().size());
        for (Map.Entry<Integer, Integer> e : reads.entrySet()) {
            assertEquals(0, e.getKey() % 2, "plane " + e.getKey() + " of channel 1 was read");
            assertTrue(e.getValue() <= 2, "plane " + e.getKey() + " read " + e.getValue() + " times");
        }
        assertEquals(5, reads.size());
    }

    @Test
    void escapeCancelsAndReportsNothing() {
        ImagePlus imp = open(stackOf("drift", drifting(4, 36)));
        IJ.setKeyDown(KeyEvent.VK_ESCAPE);
        AlignStack cmd = run(new AlignStack(), imp, "aligned");
        assertTrue(cmd.wasCancelled());
        assertNull(cmd.results());
        assertEquals(0, cmd.outputs().size());
    }

    @Test
    void aSingleImageIsNotAStack() {
        ImagePlus imp = open(new ImagePlus("one", smooth(20, 20, 37)));
        AlignStack cmd = run(new AlignStack(), imp, "");
        assertEquals("one has one frame; Align Stack needs a stack or a hyperstack with time points", cmd.error());
    }

    @Test
    void negativeMaxShiftIsNamed() {
        ImagePlus imp = open(stackOf("drift", drifting(2, 38)));
        AlignStack cmd = run(new AlignStack(), imp, "max_shift=-1");
        assertEquals("max_shift must be 0 (no bound) or a positive number of pixels, got -1.0", cmd.error());
    }
}
