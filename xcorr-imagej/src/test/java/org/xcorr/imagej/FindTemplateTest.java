package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;

class FindTemplateTest extends ImageJTestSupport {

    /** A 80x64 textured image and a 16x12 template cut from it at (23, 17), as a second open image. */
    private ImagePlus image;
    private ImagePlus chip;

    private void openImageAndChip() {
        image = open(new ImagePlus("scene", smooth(80, 64, 1)));
        ImageProcessor ip = image.getProcessor().duplicate();
        ip.setRoi(23, 17, 16, 12);
        chip = open(new ImagePlus("chip", ip.crop()));
    }

    @Test
    void templateFromAnotherImageIsFoundAndMatchesTheLibrary() {
        openImageAndChip();
        FindTemplate cmd = run(new FindTemplate(), image, "template=chip");
        assertNull(cmd.error());
        ResultsTable rt = cmd.results();
        assertEquals(1, rt.size());
        assertEquals(23.0, rt.getValue("x", 0));
        assertEquals(17.0, rt.getValue("y", 0));
        assertEquals(16.0, rt.getValue("width", 0));
        assertEquals(12.0, rt.getValue("height", 0));

        Offset direct = Offsets.offset(ImageArrays.toArray(chip.getProcessor()),
                ImageArrays.toArray(image.getProcessor()), OffsetOptions.defaults());
        assertEquals(direct.fit(), rt.getValue("fit", 0));
        assertEquals(direct.peakToSidelobe(), rt.getValue("peak_to_sidelobe", 0));
        assertEquals(direct.secondPeakRatio(), rt.getValue("second_peak_ratio", 0));
        assertEquals(1.0, direct.fit(), 1e-9);
        assertEquals("chip", rt.getLabel(0));
    }

    @Test
    void matchIsDrawnInTheOverlayReplacingAnEarlierOne() {
        openImageAndChip();
        run(new FindTemplate(), image, "template=chip");
        run(new FindTemplate(), image, "template=chip");
        assertEquals(1, image.getOverlay().size());
        Roi box = image.getOverlay().get(FindTemplate.OVERLAY_NAME);
        assertEquals(new Rectangle(23, 17, 16, 12), box.getBounds());
    }

    @Test
    void nccMapIsA32BitImageWithTheLibrarysValuesAndShiftedOrigin() {
        openImageAndChip();
        Calibration cal = image.getCalibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 0.5;
        cal.setUnit("mm");
        FindTemplate cmd = run(new FindTemplate(), image, "template=chip padding=mean ncc_map");
        assertEquals(1, cmd.outputs().size());
        ImagePlus map = cmd.outputs().get(0);
        assertEquals(32, map.getBitDepth());
        assertEquals(80 + 16 - 1, map.getWidth());
        assertEquals(64 + 12 - 1, map.getHeight());
        NdArray surface = Offsets.offset(ImageArrays.toArray(chip.getProcessor()),
                ImageArrays.toArray(image.getProcessor()), OffsetOptions.defaults().withPadding(Padding.MEAN))
                .surface();
        FloatProcessor fp = (FloatProcessor) map.getProcessor();
        assertEquals((float) surface.get(40, 50), fp.getf(50, 40));
        // the map pixel of the match (x + w - 1, y + h - 1) has the calibrated position of the match
        assertEquals(cal.getX(23), map.getCalibration().getX(23 + 15), 1e-12);
        assertEquals(cal.getY(17), map.getCalibration().getY(17 + 11), 1e-12);
        assertEquals(0.5, map.getCalibration().pixelWidth);
        assertEquals(-1.0, map.getDisplayRangeMin());
        assertEquals(1.0, map.getDisplayRangeMax());
    }

    @Test
    void selectionOnTheImageIsTheTemplateWhenTheImageIsChosen() {
        image = open(new ImagePlus("scene", smooth(80, 64, 2)));
        image.setRoi(new Roi(30, 5, 20, 10));
        FindTemplate cmd = run(new FindTemplate(), image, "template=scene subpixel=parabolic");
        assertNull(cmd.error());
        // an exact match's peak is not symmetric, so the three-point fit moves it a little off the pixel
        assertEquals(30.0, cmd.results().getValue("x", 0), 0.05);
        assertEquals(5.0, cmd.results().getValue("y", 0), 0.05);
    }

    @Test
    void selectionOnTheImageLimitsTheSearchWhenTheTemplateIsAnotherImage() {
        openImageAndChip();
        image.setRoi(new Roi(10, 10, 50, 40));
        FindTemplate cmd = run(new FindTemplate(), image, "template=chip subpixel=gaussian");
        assertEquals(23.0, cmd.results().getValue("x", 0), 0.1);
        assertEquals(17.0, cmd.results().getValue("y", 0), 0.1);
        Offset direct = Offsets.offset(ImageArrays.toArray(chip.getProcessor()),
                ImageArrays.toArray(image.getProcessor(), new Rectangle(10, 10, 50, 40)),
                OffsetOptions.defaults().withSubpixel(Subpixel.GAUSSIAN));
        assertArrayEquals(direct.offset(), cmd.offset().offset());
        assertEquals(10 + direct.offset()[1], cmd.results().getValue("x", 0));
    }

    @Test
    void eightAndSixteenBitImagesAreMatched() {
        image = open(new ImagePlus("scene8", smooth(60, 50, 3).convertToByteProcessor(true)));
        ImageProcessor ip = image.getProcessor().duplicate();
        ip.setRoi(7, 9, 15, 15);
        chip = open(new ImagePlus("chip8", ip.crop().convertToShortProcessor(false)));
        FindTemplate cmd = run(new FindTemplate(), image, "template=chip8");
        assertEquals(7.0, cmd.results().getValue("x", 0));
        assertEquals(9.0, cmd.results().getValue("y", 0));
    }

    @Test
    void templateLargerThanTheImageGivesOneLineAndNoResults() {
        image = open(new ImagePlus("small", smooth(20, 20, 4)));
        open(new ImagePlus("big", smooth(30, 30, 5)));
        FindTemplate cmd = run(new FindTemplate(), image, "template=big");
        assertNotNull(cmd.error());
        assertTrue(cmd.error().contains("larger than"), cmd.error());
        assertNull(cmd.results());
    }

    @Test
    void unknownChoiceIsNamedWithItsKey() {
        openImageAndChip();
        FindTemplate cmd = run(new FindTemplate(), image, "template=chip subpixel=cubic");
        assertEquals("subpixel=cubic is not one of none, parabolic, gaussian", cmd.error());
    }

    @Test
    void unknownTemplateImageIsNamed() {
        openImageAndChip();
        FindTemplate cmd = run(new FindTemplate(), image, "template=[no such]");
        assertEquals("template=no such is not an open image; open images: scene, chip", cmd.error());
    }

    @Test
    void imageAsItsOwnTemplateNeedsASelection() {
        image = open(new ImagePlus("alone", smooth(20, 20, 6)));
        FindTemplate cmd = run(new FindTemplate(), image, "template=alone");
        assertTrue(cmd.error().startsWith("the template is the image itself; draw a rectangle"), cmd.error());
    }

    /**
     * A scene with four copies of a 14x10 template planted at known places (two of them scaled and shifted in
     * brightness, which NCC ignores), the template as a second image.
     */
    private static final int[][] PLANTED = {{6, 5}, {52, 8}, {20, 40}, {70, 44}};

    private void openPlantedScene() {
        FloatProcessor scene = smooth(100, 70, 21);
        FloatProcessor part = smooth(14, 10, 22, 1.0);
        double[] gain = {1, 2, 0.5, 1};
        double[] bias = {0, -300, 200, 0};
        for (int c = 0; c < PLANTED.length; c++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 14; x++) {
                    scene.setf(PLANTED[c][0] + x, PLANTED[c][1] + y, (float) (gain[c] * part.getf(x, y) + bias[c]));
                }
            }
        }
        image = open(new ImagePlus("board", scene));
        chip = open(new ImagePlus("part", part));
    }

    @Test
    void manyPeaksGiveOneRowAndOneOverlayRectangleEach() {
        openPlantedScene();
        FindTemplate cmd = run(new FindTemplate(), image, "template=part peaks=10 threshold=0.9");
        assertNull(cmd.error());
        ResultsTable rt = cmd.results();
        assertEquals(PLANTED.length, rt.size(), "every planted copy and nothing else");
        boolean[] seen = new boolean[PLANTED.length];
        for (int row = 0; row < rt.size(); row++) {
            assertEquals(row + 1, rt.getValue("match", row));
            assertEquals(1.0, rt.getValue("fit", row), 1e-6);
            for (int c = 0; c < PLANTED.length; c++) {
                seen[c] |= rt.getValue("x", row) == PLANTED[c][0] && rt.getValue("y", row) == PLANTED[c][1];
            }
            assertEquals(row == 0, !Double.isNaN(rt.getValue("peak_to_sidelobe", row)), "quality on the best row only");
        }
        for (int c = 0; c < PLANTED.length; c++) {
            assertTrue(seen[c], "copy " + c + " at " + PLANTED[c][0] + "," + PLANTED[c][1]);
        }
        assertEquals(PLANTED.length, image.getOverlay().size());
        for (int k = 0; k < PLANTED.length; k++) {
            Roi box = image.getOverlay().get(k);
            assertEquals(FindTemplate.OVERLAY_NAME, box.getName());
            assertEquals(new Rectangle((int) rt.getValue("x", k), (int) rt.getValue("y", k), 14, 10), box.getBounds());
        }
        // a second run replaces the rectangles, it does not add to them
        run(new FindTemplate(), image, "template=part peaks=2");
        assertEquals(2, image.getOverlay().size());
    }

    @Test
    void manyPeaksAreTheLibrarysPeaksOfTheMap() {
        openPlantedScene();
        FindTemplate cmd = run(new FindTemplate(), image, "template=part peaks=6 min_distance=3 subpixel=parabolic");
        NdArray surface = Offsets.offset(ImageArrays.toArray(chip.getProcessor()),
                ImageArrays.toArray(image.getProcessor()), OffsetOptions.defaults()).surface();
        java.util.List<org.xcorr.peak.Peak> want = org.xcorr.peak.Peaks.find(surface,
                org.xcorr.peak.PeakOptions.defaults().withCount(6).withMinDistance(3).withSubpixel(Subpixel.PARABOLIC));
        assertEquals(want, cmd.peaks());
        ResultsTable rt = cmd.results();
        assertEquals(6, rt.size());
        for (int k = 0; k < 6; k++) {
            assertEquals(want.get(k).position()[1] - 13, rt.getValue("x", k), 1e-12);
            assertEquals(want.get(k).position()[0] - 9, rt.getValue("y", k), 1e-12);
            assertEquals(want.get(k).value(), rt.getValue("fit", k));
        }
        // the best of many is the one match of the default run
        FindTemplate one = run(new FindTemplate(), image, "template=part subpixel=parabolic");
        assertEquals(one.results().getValue("x", 0), rt.getValue("x", 0), 1e-12);
        assertEquals(1, one.results().size());
    }

    @Test
    void thresholdAboveEveryFitGivesAnEmptyTable() {
        openPlantedScene();
        FindTemplate cmd = run(new FindTemplate(), image, "template=part peaks=1 threshold=1.5");
        assertNull(cmd.error());
        assertEquals(0, cmd.results().size());
        assertEquals(0, image.getOverlay().size());
        FindTemplate bad = run(new FindTemplate(), image, "template=part peaks=0");
        assertEquals("peaks must be a whole number from 1 to 1000000, got 0", bad.error());
    }
}
