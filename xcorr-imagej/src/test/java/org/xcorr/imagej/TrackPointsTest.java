package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.gui.PointRoi;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.event.KeyEvent;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Tracker;

class TrackPointsTest extends ImageJTestSupport {

    private static ImagePlus stackOf(String title, FloatProcessor[] frames) {
        ImageStack stack = new ImageStack(frames[0].getWidth(), frames[0].getHeight());
        for (FloatProcessor fp : frames) {
            stack.addSlice(fp);
        }
        return new ImagePlus(title, stack);
    }

    private static PointRoi points(double[] xs, double[] ys) {
        PointRoi roi = new PointRoi(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            roi.addPoint(xs[i], ys[i]);
        }
        return roi;
    }

    @Test
    void pointsAreFollowedThroughTheStack() {
        ImagePlus imp = open(stackOf("moving", movingFrames(4, 90, 70, 2, 1, 20)));
        imp.setRoi(points(new double[] {30, 50}, new double[] {30, 40}));
        TrackPoints cmd = run(new TrackPoints(), imp,
                "frames=all template=previous template_radius=8 search_radius=14 subpixel=none");
        assertNull(cmd.error());
        ResultsTable rt = cmd.results();
        assertEquals(8, rt.size());
        for (int row = 0; row < 8; row++) {
            int point = (int) rt.getValue("point", row);
            int t = (int) rt.getValue("frame", row) - 1;
            double x0 = point == 1 ? 30 : 50;
            double y0 = point == 1 ? 30 : 40;
            assertEquals(x0 + 2 * t, rt.getValue("x", row), "x of point " + point + " on frame " + (t + 1));
            assertEquals(y0 + t, rt.getValue("y", row), "y of point " + point + " on frame " + (t + 1));
            assertEquals("ok", rt.getStringValue("status", row));
            assertEquals(2.0 * t, rt.getValue("dx", row));
            assertEquals(t, rt.getValue("dy", row));
            if (t > 0) {
                assertEquals(1.0, rt.getValue("fit", row), 1e-9);
            } else {
                assertTrue(Double.isNaN(rt.getValue("fit", row)));
            }
        }
        // one point set per frame in the overlay, on its frame
        assertEquals(4, imp.getOverlay().size());
        assertEquals(3, imp.getOverlay().get(2).getPosition());
    }

    @Test
    void firstStepIsTheLibrarysTrack() {
        FloatProcessor[] frames = movingFrames(2, 80, 60, -3, 2, 21);
        ImagePlus imp = open(stackOf("pair", frames));
        imp.setRoi(points(new double[] {40}, new double[] {25}));
        TrackPoints cmd = run(new TrackPoints(), imp,
                "frames=next template_radius=6 search_radius=12 subpixel=parabolic");
        NdArray a = ImageArrays.toArray(frames[0]);
        NdArray b = ImageArrays.toArray(frames[1]);
        Track direct = Tracker.track(a, b, new int[] {25, 40}, new int[] {25, 40},
                TrackOptions.defaults().withTemplateRadius(6).withImageRadius(12).withOffsetOptions(
                        org.xcorr.track.OffsetOptions.defaults().withSubpixel(org.xcorr.peak.Subpixel.PARABOLIC)));
        ResultsTable rt = cmd.results();
        assertEquals(2, rt.size());
        assertEquals(40 + direct.offset()[1], rt.getValue("x", 1));
        assertEquals(25 + direct.offset()[0], rt.getValue("y", 1));
        assertEquals(direct.fit(), rt.getValue("fit", 1));
        assertEquals(direct.match().peakToSidelobe(), rt.getValue("peak_to_sidelobe", 1));
        assertEquals(direct.match().overlap(), rt.getValue("overlap_fraction", 1));
        assertEquals(direct.match().edge() ? 1.0 : 0.0, rt.getValue("edge", 1));
        assertTrue(Double.isNaN(rt.getValue("edge", 0)), "nothing was matched on the starting frame");
        assertEquals(37.0, rt.getValue("x", 1), 0.1);
        assertEquals(27.0, rt.getValue("y", 1), 0.1);
    }

    @Test
    void templateFromTheFirstFrameGivesTheSameTrackOnRigidMotion() {
        ImagePlus imp = open(stackOf("moving", movingFrames(4, 90, 70, 1, -2, 22)));
        imp.setRoi(points(new double[] {45}, new double[] {40}));
        TrackPoints cmd = run(new TrackPoints(), imp,
                "frames=all template=first template_radius=7 search_radius=12 subpixel=none");
        assertEquals(48.0, cmd.results().getValue("x", 3));
        assertEquals(34.0, cmd.results().getValue("y", 3));
    }

    @Test
    void nextFrameReadsOnlyTwoFramesOfAVirtualStack() {
        FloatProcessor[] frames = movingFrames(6, 60, 50, 1, 1, 23);
        Set<Integer> read = new TreeSet<>();
        VirtualStack stack = new VirtualStack(60, 50, 6, "32-bit") {
            @Override
            public ImageProcessor getProcessor(int n) {
                read.add(n);
                return frames[n - 1].duplicate();
            }
        };
        ImagePlus imp = open(new ImagePlus("virtual", stack));
        imp.setSlice(3);
        imp.setRoi(points(new double[] {30}, new double[] {25}));
        read.clear();
        TrackPoints cmd = run(new TrackPoints(), imp, "frames=next template_radius=5 search_radius=9");
        assertNull(cmd.error());
        assertEquals(Set.of(3, 4), read);
        assertEquals(31.0, cmd.results().getValue("x", 1), 0.1);
        assertEquals(4.0, cmd.results().getValue("frame", 1));
    }

    @Test
    void hyperstackFramesAreTimePointsOfTheCurrentChannel() {
        FloatProcessor[] moving = movingFrames(3, 70, 60, 2, 0, 24);
        ImageStack stack = new ImageStack(70, 60);
        for (int t = 0; t < 3; t++) {
            stack.addSlice(smooth(70, 60, 100 + t)); // channel 1: unrelated noise per frame
            stack.addSlice(moving[t]);               // channel 2: the moving scene
        }
        ImagePlus imp = new ImagePlus("hyper", stack);
        imp.setDimensions(2, 1, 3);
        imp.setOpenAsHyperStack(true);
        open(imp);
        imp.setPosition(2, 1, 1);
        imp.setRoi(points(new double[] {30}, new double[] {30}));
        TrackPoints cmd = run(new TrackPoints(), imp,
                "frames=all template_radius=6 search_radius=10 subpixel=none");
        assertEquals(3, cmd.results().size());
        assertEquals(34.0, cmd.results().getValue("x", 2));
        assertEquals(30.0, cmd.results().getValue("y", 2));
        assertEquals(3.0, cmd.results().getValue("frame", 2));
    }

    @Test
    void pointOnAFlatPatchGetsItsReasonAndTheOthersGoOn() {
        FloatProcessor[] frames = movingFrames(3, 60, 50, 1, 0, 25);
        for (FloatProcessor fp : frames) {
            fp.setValue(500);
            fp.fillRect(0, 0, 20, 20);
        }
        ImagePlus imp = open(stackOf("flat", frames));
        imp.setRoi(points(new double[] {8, 35}, new double[] {8, 25}));
        TrackPoints cmd = run(new TrackPoints(), imp, "frames=all template_radius=4 search_radius=8 subpixel=none");
        ResultsTable rt = cmd.results();
        assertEquals(6, rt.size());
        for (int row = 0; row < 6; row++) {
            String status = rt.getStringValue("status", row);
            if (rt.getValue("frame", row) == 1) {
                assertEquals("ok", status); // the starting frame: the point is where it was put
            } else if (rt.getValue("point", row) == 1) {
                assertTrue(status.contains("constant"), status);
                assertTrue(Double.isNaN(rt.getValue("x", row)));
            } else {
                assertEquals("ok", status);
                assertEquals(35 + rt.getValue("frame", row) - 1, rt.getValue("x", row));
            }
        }
    }

    @Test
    void escapeCancelsAndReportsNothing() {
        ImagePlus imp = open(stackOf("moving", movingFrames(5, 60, 50, 1, 0, 26)));
        imp.setRoi(points(new double[] {30, 20}, new double[] {25, 25}));
        IJ.setKeyDown(KeyEvent.VK_ESCAPE);
        TrackPoints cmd = run(new TrackPoints(), imp, "frames=all template_radius=4 search_radius=8");
        assertTrue(cmd.wasCancelled());
        assertNull(cmd.results());
        assertNull(imp.getOverlay());
    }

    @Test
    void aPointSelectionIsNeeded() {
        ImagePlus imp = open(stackOf("moving", movingFrames(2, 30, 30, 1, 0, 27)));
        TrackPoints cmd = run(new TrackPoints(), imp, "frames=next");
        assertEquals("Track Points needs a point selection (multi-point tool) on moving", cmd.error());
    }

    @Test
    void pointsOnTheLastFrameHaveNowhereToGo() {
        ImagePlus imp = open(stackOf("moving", movingFrames(2, 30, 30, 1, 0, 28)));
        imp.setSlice(2);
        imp.setRoi(points(new double[] {10}, new double[] {10}));
        TrackPoints cmd = run(new TrackPoints(), imp, "frames=next");
        assertEquals("the points are on the last frame (2) of moving; there is no next frame to track them to",
                cmd.error());
    }

    @Test
    void searchRadiusMustExceedTemplateRadius() {
        ImagePlus imp = open(stackOf("moving", movingFrames(2, 30, 30, 1, 0, 29)));
        imp.setRoi(points(new double[] {10}, new double[] {10}));
        TrackPoints cmd = run(new TrackPoints(), imp, "template_radius=8 search_radius=8");
        assertEquals("search_radius 8 must be larger than template_radius 8 (the largest step found is their "
                + "difference)", cmd.error());
    }
}
