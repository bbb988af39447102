package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.util.Locale;
import org.xcorr.array.NdArray;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;

/**
 * <i>Plugins › xcorr › Register Images</i>: the translation that aligns one open image with another, by phase
 * correlation ({@link PhaseCorrelation#register(NdArray, NdArray, RegistrationOptions)}; scikit-image's
 * {@code phase_cross_correlation}; Guizar-Sicairos, Thurman &amp; Fienup 2008, doi:10.1364/OL.33.000156, for
 * the sub-pixel refinement). Translation only: the library has no rotation or scale registration yet.
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code reference}, {@code moving}: image titles (default: the current image and another open one);
 *       the current plane of each is used; both must have the same size</li>
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
 * definition) and {@code phase_diff}. The aligned image keeps the moving image's calibration.
 *
 * <p>Macro: {@code run("Register Images", "reference=a.tif moving=b.tif upsample=100 aligned");}
 */
public final class RegisterImages extends Command {

    private static final String[] INTERPOLATION = {"fourier", "linear", "cubic"};

    private Registration last;

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
        ImagePlus current = currentImage();
        CommandDialog d = new CommandDialog(name());
        d.addImageChoice("Reference", current.getTitle());
        d.addImageChoice("Moving", FindTemplate.otherImageTitle(current));
        d.addNumber("Upsample", 1, 0);
        d.addChoice("Interpolation", INTERPOLATION, "fourier");
        d.addCheckbox("Aligned image", true);
        if (!d.show()) {
            return;
        }
        ImagePlus reference = d.nextImage();
        ImagePlus moving = d.nextImage();
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
        showResults();

        if (showAligned) {
            NdArray aligned = Shift.shift(mov, shift, interpolation, options.threads());
            showImage(ImageArrays.toImage(moving.getShortTitle() + " aligned", aligned, moving.getCalibration()));
        }
        IJ.showStatus(String.format(Locale.ROOT, "%s: dy=%.3f dx=%.3f", name(), shift[0], shift[1]));
    }
}
