package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.register.SimilarityRegistration;
import org.xcorr.shift.Warp;
import org.xcorr.concurrent.Parallel;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

class RegisterImagesTest extends ImageJTestSupport {

    private ImagePlus reference;
    private ImagePlus moving;

    /** The moving image is the reference shifted by (dy, dx) = (3.25, -2.5), exactly, in Fourier space. */
    private void openPair() {
        reference = open(new ImagePlus("ref", smooth(64, 48, 7)));
        NdArray shifted = Shift.shift(ImageArrays.toArray(reference.getProcessor()), 3.25, -2.5);
        moving = open(ImageArrays.toImage("mov", shifted, null));
        moving.getCalibration().pixelWidth = 0.25;
    }

    @Test
    void shiftIsTheLibrarysAndUndoesTheKnownShift() {
        openPair();
        RegisterImages cmd = run(new RegisterImages(), reference, "reference=ref moving=mov upsample=100");
        assertNull(cmd.error());
        ResultsTable rt = cmd.results();
        Registration direct = PhaseCorrelation.register(ImageArrays.toArray(reference.getProcessor()),
                ImageArrays.toArray(moving.getProcessor()), RegistrationOptions.defaults().withUpsampleFactor(100));
        assertEquals(direct.shift()[0], rt.getValue("dy", 0));
        assertEquals(direct.shift()[1], rt.getValue("dx", 0));
        assertEquals(direct.error(), rt.getValue("error", 0));
        assertEquals(direct.phaseDiff(), rt.getValue("phase_diff", 0));
        // same sign as `xcorr register`: the shift that takes the moving image back onto the reference
        assertEquals(-3.25, rt.getValue("dy", 0), 0.011);
        assertEquals(2.5, rt.getValue("dx", 0), 0.011);
    }

    @Test
    void alignedImageIsTheMovingImageShiftedWithItsCalibration() {
        openPair();
        RegisterImages cmd = run(new RegisterImages(), reference,
                "reference=ref moving=mov upsample=4 interpolation=linear aligned");
        assertEquals(1, cmd.outputs().size());
        ImagePlus aligned = cmd.outputs().get(0);
        assertEquals("mov aligned", aligned.getTitle());
        assertEquals(0.25, aligned.getCalibration().pixelWidth);
        NdArray expected = Shift.shift(ImageArrays.toArray(moving.getProcessor()), cmd.registration().shift(),
                new ShiftOptions(Interpolation.LINEAR, 1));
        FloatProcessor fp = (FloatProcessor) aligned.getProcessor();
        for (int y = 0; y < 48; y += 7) {
            for (int x = 0; x < 64; x += 5) {
                assertEquals((float) expected.get(y, x), fp.getf(x, y));
            }
        }
        // inside, away from the zero-filled border, it is the reference again (to interpolation accuracy)
        assertEquals(reference.getProcessor().getf(30, 20), fp.getf(30, 20), 25.0);
    }

    @Test
    void withoutTheCheckboxNoImageIsMade() {
        openPair();
        RegisterImages cmd = run(new RegisterImages(), reference, "reference=ref moving=mov");
        assertEquals(0, cmd.outputs().size());
        assertEquals(-3.0, cmd.results().getValue("dy", 0));
    }

    @Test
    void imagesOfDifferentSizesAreNamed() {
        reference = open(new ImagePlus("a", smooth(20, 20, 8)));
        open(new ImagePlus("b", smooth(20, 21, 9)));
        RegisterImages cmd = run(new RegisterImages(), reference, "reference=a moving=b");
        assertEquals("reference a is 20x20 but moving b is 20x21; both images must have the same size (crop one first)",
                cmd.error());
    }

    @Test
    void upsampleMustBeAWholeNumber() {
        openPair();
        RegisterImages cmd = run(new RegisterImages(), reference, "reference=ref moving=mov upsample=2.5");
        assertEquals("upsample must be a whole number from 1 to 1000000, got 2.5", cmd.error());
        cmd = run(new RegisterImages(), reference, "reference=ref moving=mov upsample=ten");
        assertEquals("upsample=ten is not a number", cmd.error());
    }

    @Test
    void similarityTransformRecoversRotationAndScaleAsTheLibrary() {
        reference = open(new ImagePlus("ref", smooth(96, 96, 5)));
        NdArray ref = ImageArrays.toArray(reference.getProcessor());
        NdArray warped = Warp.similarity(ref, 20, 1.1, new double[] {1.5, -2.25}, Warp.Resampling.CUBIC, 0, 1);
        moving = open(ImageArrays.toImage("mov", warped, null));
        RegisterImages cmd = run(new RegisterImages(), reference,
                "reference=ref moving=mov transform=similarity aligned");
        assertNull(cmd.error());
        ResultsTable rt = cmd.results();
        SimilarityRegistration.Result direct = SimilarityRegistration.register(ref,
                ImageArrays.toArray(moving.getProcessor()), new SimilarityRegistration.Options(
                        SimilarityRegistration.Transform.SIMILARITY, true, Parallel.defaultThreads()));
        assertEquals(direct.rotationDeg(), rt.getValue("rotation_deg", 0));
        assertEquals(direct.scale(), rt.getValue("scale", 0));
        assertEquals(direct.shift()[0], rt.getValue("dy", 0));
        assertEquals(direct.shift()[1], rt.getValue("dx", 0));
        assertEquals(direct.overlapNcc(), rt.getValue("overlap_ncc", 0));
        assertEquals(1, cmd.outputs().size());
    }
}
