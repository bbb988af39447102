package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import org.xcorr.array.NdArray;
import org.xcorr.local.LocalNccOptions;
import org.xcorr.local.Similarity;
import org.xcorr.local.SimilarityMap;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;

/**
 * <i>Plugins › xcorr › Similarity Map</i>: where two images agree, as a map of local normalized
 * cross-correlation ({@link Similarity#map(NdArray, NdArray, LocalNccOptions, RegistrationOptions,
 * Interpolation)}), after optionally registering the moving image onto the reference by phase correlation.
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code reference}, {@code moving}: image titles, same size (current planes)</li>
 *   <li>{@code radius}: the local window's half-width in pixels, window {@code 2r+1} square (default 7)</li>
 *   <li>{@code register}: register the moving image first (on when the word is present)</li>
 *   <li>{@code upsample}: registration precision {@code 1/upsample} pixel (default 1)</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * A 32-bit image of the reference's size and calibration, values in [-1, 1] (display range [-1, 1]): about 1
 * where the images agree up to local brightness and contrast, lower where the content differs. With
 * {@code register}, the moving image is shifted with the Fourier method, so a band of {@code ceil(|shift|)}
 * pixels along the edges compares wrapped content. The Results table gets one row: {@code dy}, {@code dx}
 * (the shift applied, 0 without registration), {@code mean} (the map's mean).
 *
 * <p>Macro: {@code run("Similarity Map", "reference=a.tif moving=b.tif radius=7 register upsample=10");}
 */
public final class MapSimilarity extends Command {

    private SimilarityMap last;

    /** The command, for ImageJ's menu. */
    public MapSimilarity() {
        super("Similarity Map");
    }

    /** The library's result of the last run, or null. */
    public SimilarityMap similarity() {
        return last;
    }

    @Override
    void execute() {
        last = null;
        ImagePlus current = currentImage();
        CommandDialog d = new CommandDialog(name());
        d.addImageChoice("Reference", current.getTitle());
        d.addImageChoice("Moving", FindTemplate.otherImageTitle(current));
        d.addNumber("Radius", 7, 0);
        d.addCheckbox("Register first", false);
        d.addNumber("Upsample", 1, 0);
        if (!d.show()) {
            return;
        }
        ImagePlus reference = d.nextImage();
        ImagePlus moving = d.nextImage();
        int radius = d.nextInt(0, Integer.MAX_VALUE);
        boolean register = d.nextBoolean();
        int upsample = d.nextInt(1, 1_000_000);

        NdArray ref = ImageArrays.toArray(reference.getProcessor());
        NdArray mov = ImageArrays.toArray(moving.getProcessor());
        SimilarityMap result = register
                ? Similarity.map(ref, mov, LocalNccOptions.ofRadius(radius),
                        RegistrationOptions.defaults().withUpsampleFactor(upsample), Interpolation.FOURIER)
                : Similarity.map(ref, mov, LocalNccOptions.ofRadius(radius));
        last = result;

        double[] shift = result.shift();
        double sum = 0;
        for (double v : result.map().backingReal()) {
            sum += v;
        }
        ResultsTable rt = newResults();
        rt.incrementCounter();
        rt.addLabel(moving.getTitle());
        rt.addValue("dy", shift[0]);
        rt.addValue("dx", shift[1]);
        rt.addValue("mean", sum / result.map().size());
        showResults();

        ImagePlus map = ImageArrays.toImage("Similarity of " + moving.getShortTitle() + " to "
                + reference.getShortTitle(), result.map(), reference.getCalibration());
        map.setDisplayRange(-1, 1);
        showImage(map);
        IJ.showStatus(name() + ": done");
    }
}
