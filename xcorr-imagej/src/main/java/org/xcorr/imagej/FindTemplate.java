package org.xcorr.imagej;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.Locale;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;

/**
 * <i>Plugins › xcorr › Find Template</i>: where a template best matches the current image, by normalized
 * cross-correlation ({@link Offsets#offset(NdArray, NdArray, OffsetOptions)}; Lewis 1995).
 *
 * <h2>Inputs</h2>
 * The <b>image</b> searched is the current plane of the current image. The <b>template</b> is the rectangle
 * selection of the image chosen as {@code template}, or that whole image when it has no rectangle selection.
 * When the template image is the current image, its selection is the template and the whole plane is
 * searched; when it is another image, a rectangle selection on the current image limits the search to that
 * region (results stay in whole-image coordinates).
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code template}: title of the template image (default: the current image if it has a rectangle
 *       selection, else another open image)</li>
 *   <li>{@code subpixel}: {@code none} (default), {@code parabolic} or {@code gaussian}: three-point
 *       refinement of the peak per axis</li>
 *   <li>{@code padding}: {@code zero} (default; MATLAB {@code normxcorr2}), {@code mean} or {@code overlap}:
 *       what the NCC sees where the template hangs over the image's edge</li>
 *   <li>{@code ncc_map}: also show the NCC map as a new 32-bit image</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * One row in the Results table: {@code x}, {@code y} (the template's top-left pixel in the image, in pixels;
 * fractional with sub-pixel refinement; the command line's {@code offset} is {@code [y, x]}), {@code width},
 * {@code height} (the template), {@code fit} (NCC at the peak, 1 = perfect), {@code peak_to_sidelobe}
 * (peak-to-sidelobe ratio; above about 10 is a clear match) and {@code second_peak_ratio} (best other peak /
 * best peak; near 1 is ambiguous). The match is drawn as a rectangle in the image's overlay (named
 * {@code xcorr match}, replacing an earlier one). The optional NCC map has shape
 * {@code (H + h - 1) × (W + w - 1)}: its pixel {@code (i, j)} is the NCC with the template's top-left pixel at
 * {@code (i - (w - 1), j - (h - 1))} in the image, and its calibration's origin is shifted by {@code (w - 1,
 * h - 1)} so that calibrated coordinates are those of the image; display range [-1, 1].
 *
 * <p>Macro: {@code run("Find Template", "template=[chip.tif] subpixel=parabolic ncc_map");}
 */
public final class FindTemplate extends Command {

    /** Name of the overlay rectangle marking the match. */
    public static final String OVERLAY_NAME = "xcorr match";

    private static final String[] SUBPIXEL = {"none", "parabolic", "gaussian"};
    private static final String[] PADDING = {"zero", "mean", "overlap"};

    private Offset last;

    /** The command, for ImageJ's menu. */
    public FindTemplate() {
        super("Find Template");
    }

    /** The library's result of the last run (offsets relative to the search region), or null. */
    public Offset offset() {
        return last;
    }

    @Override
    void execute() {
        last = null;
        ImagePlus image = currentImage();
        String defaultTemplate = isRectangle(image.getRoi()) ? image.getTitle() : otherImageTitle(image);
        CommandDialog d = new CommandDialog(name());
        d.addImageChoice("Template", defaultTemplate);
        d.addChoice("Subpixel", SUBPIXEL, "none");
        d.addChoice("Padding", PADDING, "zero");
        d.addCheckbox("NCC_map", false);
        if (!d.show()) {
            return;
        }
        ImagePlus templateImage = d.nextImage();
        Subpixel subpixel = Subpixel.parse(d.nextChoice());
        Padding padding = Padding.valueOf(d.nextChoice().toUpperCase(Locale.ROOT));
        boolean showMap = d.nextBoolean();

        Rectangle templateRect = rectangleOrWhole(templateImage);
        Rectangle searchRect = templateImage == image ? whole(image) : rectangleOrWhole(image);
        if (templateImage == image && !isRectangle(image.getRoi())) {
            throw new IllegalArgumentException("the template is the image itself; draw a rectangle selection on it"
                    + " to use as the template, or choose another image as template");
        }
        NdArray template = ImageArrays.toArray(templateImage.getProcessor(), templateRect);
        NdArray region = ImageArrays.toArray(image.getProcessor(), searchRect);
        OffsetOptions options = OffsetOptions.defaults().withSubpixel(subpixel).withPadding(padding);
        Offset found = Offsets.offset(template, region, options);
        last = found;

        double y = searchRect.y + found.offset()[0];
        double x = searchRect.x + found.offset()[1];
        ResultsTable rt = newResults();
        rt.incrementCounter();
        rt.addLabel(templateImage.getTitle());
        rt.addValue("x", x);
        rt.addValue("y", y);
        rt.addValue("width", templateRect.width);
        rt.addValue("height", templateRect.height);
        rt.addValue("fit", found.fit());
        rt.addValue("peak_to_sidelobe", found.peakToSidelobe());
        rt.addValue("second_peak_ratio", found.secondPeakRatio());
        showResults();

        markMatch(image, x, y, templateRect.width, templateRect.height);
        if (showMap) {
            ImagePlus map = ImageArrays.toImage("NCC of " + templateImage.getTitle() + " in " + image.getTitle(),
                    found.surface(), null);
            Calibration cal = image.getCalibration().copy();
            cal.xOrigin += templateRect.width - 1 - searchRect.x;
            cal.yOrigin += templateRect.height - 1 - searchRect.y;
            map.setCalibration(cal);
            map.setDisplayRange(-1, 1);
            showImage(map);
        }
        ij.IJ.showStatus(String.format(Locale.ROOT, "%s: x=%.2f y=%.2f fit=%.4f", name(), x, y, found.fit()));
    }

    /** Draws the match into the image's overlay, replacing an earlier match and keeping everything else. */
    private static void markMatch(ImagePlus image, double x, double y, int w, int h) {
        Overlay overlay = image.getOverlay();
        if (overlay == null) {
            overlay = new Overlay();
        }
        int index;
        while ((index = overlay.getIndex(OVERLAY_NAME)) >= 0) {
            overlay.remove(index);
        }
        Roi box = new Roi(x, y, w, h);
        box.setName(OVERLAY_NAME);
        box.setStrokeColor(Color.YELLOW);
        if (image.getStackSize() > 1) {
            Frames frames = new Frames(image);
            frames.placeOn(box, frames.current());
        }
        overlay.add(box);
        image.setOverlay(overlay);
    }

    static boolean isRectangle(Roi roi) {
        return roi != null && roi.getType() == Roi.RECTANGLE && roi.isArea();
    }

    /** The image's rectangle selection clipped to the image, or the whole image. */
    static Rectangle rectangleOrWhole(ImagePlus imp) {
        Roi roi = imp.getRoi();
        if (!isRectangle(roi)) {
            return whole(imp);
        }
        Rectangle r = roi.getBounds().intersection(whole(imp));
        if (r.isEmpty()) {
            throw new IllegalArgumentException("the selection on " + imp.getTitle() + " lies outside the image");
        }
        return r;
    }

    static Rectangle whole(ImagePlus imp) {
        return new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
    }

    /** The title of an open image other than {@code imp}, or null. */
    static String otherImageTitle(ImagePlus imp) {
        int[] ids = ij.WindowManager.getIDList();
        if (ids != null) {
            for (int id : ids) {
                ImagePlus other = ij.WindowManager.getImage(id);
                if (other != null && other != imp) {
                    return other.getTitle();
                }
            }
        }
        return null;
    }
}
