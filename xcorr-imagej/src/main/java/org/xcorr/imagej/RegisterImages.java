package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.util.Locale;
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

/**
 * <i>Plugins › xcorr › Register Images</i>: the translation that aligns one open image with another, by phase
 * correlation ({@link PhaseCorrelation#register(NdArray, NdArray, RegistrationOptions)}; scikit-image's
 * {@code phase_cross_correlation}; Guizar-Sicairos, Thurman &amp; Fienup 2008, doi:10.1364/OL.33.000156, for
 * the sub-pixel refinement), or with {@code transform=rigid|similarity} the rotation (and scale) as well, by
 * Fourier–Mellin registration ({@link SimilarityRegistration}; Reddy &amp; Chatterji 1996,
 * doi:10.1109/83.506761), the command line's {@code xcorr register --transform}.
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code reference}, {@code moving}: image titles (default: the current image and another open one);
 *       the current plane of each is used; both must have the same size</li>
 *   <li>{@code transform}: {@code translation} (default), {@code rigid} (rotation + shift) or {@code similarity}
 *       (rotation, scale and shift); the last two ignore {@code upsample} and {@code interpolation} (their
 *       aligned image is warped with cubic resampling, zeros outside)</li>
 *   <li>{@code upsample}: precision {@code 1/upsample} pixel (default 1: whole pixels; 100 gives 0.01 px)</li>
 *   <li>{@code interpolation}: how the aligned image is resampled, {@code fourier} (default, as the command
 *       line; periodic: content leaving one edge re-enters at the other), {@code linear} or {@code cubic}
 *       (zeros outside)</li>
 *   <li>{@code aligned}: show the moving image shifted onto the reference as a new 32-bit image (on in the
 *       dialog; in a macro only when the key is named, ImageJ's rule for checkboxes)</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * One row in the Results table: {@code dy}, {@code dx} (the shift that, applied to the moving image, aligns it
 * with the reference: the sign of {@code xcorr register}, the reverse of ImageJ's "where did it move"),
 * {@code error} (scikit-image's translation-invariant RMS error; close to 1 with phase normalization by its
 * definition), {@code phase_diff}, {@code peak_value} and {@code overlap_ncc} (the real-space NCC over the overlap:
 * the number to reject a failed registration by). With {@code rigid}/{@code similarity}: {@code rotation_deg},
 * {@code scale}, {@code dy}, {@code dx} and {@code overlap_ncc}, the warp that maps the moving image onto the
 * reference. The aligned image keeps the moving image's calibration.
 *
 * <p>Macro: {@code run("Register Images", "reference=a.tif moving=b.tif upsample=100 aligned");}
 */
public final class RegisterImages extends Command {

    private static final String[] INTERPOLATION = {"fourier", "linear", "cubic"};

    private static final String[] TRANSFORM = {"translation", "rigid", "similarity"};

    private Registration last;

    private SimilarityRegistration.Result similarity;

    /** The command, for ImageJ's menu. */
    public RegisterImages() {
        super("Register Images");
    }

    /** The library's result of the last run, or null. */
    public Registration registration() {
        return last;
    }

    @Override
    void execute() {
        last = null;
        similarity = null;
        ImagePlus current = currentImage();
        CommandDialog d = new CommandDialog(name());
        d.addImageChoice("Reference", current.getTitle());
        d.addImageChoice("Moving", FindTemplate.otherImageTitle(current));
        d.addChoice("Transform", TRANSFORM, "translation");
        d.addNumber("Upsample", 1, 0);
        d.addChoice("Interpolation", INTERPOLATION, "fourier");
        d.addCheckbox("Aligned image", true);
        if (!d.show()) {
            return;
        }
        ImagePlus reference = d.nextImage();
        ImagePlus moving = d.nextImage();
        SimilarityRegistration.Transform transform = SimilarityRegistration.Transform.parse(d.nextChoice());
        int upsample = d.nextInt(1, 1_000_000);
        Interpolation interpolation = Interpolation.valueOf(d.nextChoice().toUpperCase(Locale.ROOT));
        boolean showAligned = d.nextBoolean();

        NdArray ref = ImageArrays.toArray(reference.getProcessor());
        NdArray mov = ImageArrays.toArray(moving.getProcessor());
        if (ref.shape(0) != mov.shape(0) || ref.shape(1) != mov.shape(1)) {
            throw new IllegalArgumentException("reference " + reference.getTitle() + " is " + reference.getWidth()
                    + "x" + reference.getHeight() + " but moving " + moving.getTitle() + " is " + moving.getWidth()
                    + "x" + moving.getHeight() + "; both images must have the same size (crop one first)");
        }
        if (transform != SimilarityRegistration.Transform.TRANSLATION) {
            warp(ref, mov, moving, transform, showAligned);
            return;
        }
        RegistrationOptions options = RegistrationOptions.defaults().withUpsampleFactor(upsample);
        Registration found = PhaseCorrelation.register(ref, mov, options);
        last = found;
        double[] shift = found.shift();

        ResultsTable rt = newResults();
        rt.incrementCounter();
        rt.addLabel(moving.getTitle());
        rt.addValue("dy", shift[0]);
        rt.addValue("dx", shift[1]);
        rt.addValue("error", found.error());
        rt.addValue("phase_diff", found.phaseDiff());
        rt.addValue("peak_value", found.peakValue());
        rt.addValue("overlap_ncc", found.overlapNcc());
        showResults();

        if (showAligned) {
            NdArray aligned = Shift.shift(mov, shift, new ShiftOptions(interpolation, options.threads()));
            showImage(ImageArrays.toImage(moving.getShortTitle() + " aligned", aligned, moving.getCalibration()));
        }
        IJ.showStatus(String.format(Locale.ROOT, "%s: dy=%.3f dx=%.3f", name(), shift[0], shift[1]));
    }

    /** Rotation (and scale) and shift by Fourier–Mellin registration; the aligned image is the warped moving one. */
    private void warp(NdArray ref, NdArray mov, ImagePlus moving, SimilarityRegistration.Transform transform,
                      boolean showAligned) {
        int threads = Parallel.defaultThreads();
        SimilarityRegistration.Result r = SimilarityRegistration.register(ref, mov,
                new SimilarityRegistration.Options(transform, true, threads));
        similarity = r;
        ResultsTable rt = newResults();
        rt.incrementCounter();
        rt.addLabel(moving.getTitle());
        rt.addValue("rotation_deg", r.rotationDeg());
        rt.addValue("scale", r.scale());
        rt.addValue("dy", r.shift()[0]);
        rt.addValue("dx", r.shift()[1]);
        rt.addValue("overlap_ncc", r.overlapNcc());
        showResults();
        if (showAligned) {
            NdArray aligned = Warp.similarity(mov, r.rotationDeg(), r.scale(), r.shift(), Warp.Resampling.CUBIC, 0,
                    threads);
            showImage(ImageArrays.toImage(moving.getShortTitle() + " aligned", aligned, moving.getCalibration()));
        }
        IJ.showStatus(String.format(Locale.ROOT, "%s: rotation %.3f deg, scale %.4f, dy=%.3f dx=%.3f", name(),
                r.rotationDeg(), r.scale(), r.shift()[0], r.shift()[1]));
    }

    /** The library's result of the last rigid/similarity run, or null. */
    public SimilarityRegistration.Result similarityResult() {
        return similarity;
    }
}
