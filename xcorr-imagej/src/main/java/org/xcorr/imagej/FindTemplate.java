package org.xcorr.imagej;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.Peak;
import org.xcorr.peak.PeakOptions;
import org.xcorr.peak.Peaks;
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
 *   <li>{@code peaks}: how many matches to report (default 1): the best peaks of the NCC map after non-maximum
 *       suppression ({@link Peaks#find(NdArray, PeakOptions)}), best first, for every instance of a part or a
 *       cell (Fiji's Multi-Template Matching use case)</li>
 *   <li>{@code min_distance}: a match suppresses every other whose top-left corner lies within this many pixels
 *       on both axes; 0 (default) means half the template, {@code floor(w/2)} by {@code floor(h/2)}, at least 1</li>
 *   <li>{@code threshold}: the lowest fit reported (default -1: no bound); with the defaults one match is always
 *       reported, as before</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * One row in the Results table: {@code x}, {@code y} (the template's top-left pixel in the image, in pixels;
 * fractional with sub-pixel refinement; the command line's {@code offset} is {@code [y, x]}), {@code width},
 * {@code height} (the template), {@code fit} (NCC at the peak, 1 = perfect), {@code peak_to_sidelobe}
 * (peak-to-sidelobe ratio; above about 10 is a clear match) and {@code second_peak_ratio} (best other peak /
 * best peak; near 1 is ambiguous). The match is drawn as a rectangle in the image's overlay (named
 * {@code xcorr match}, replacing earlier ones). With {@code peaks} above 1 there is one row per match, best
 * first, with a {@code match} column (1, 2, ...) and the same columns ({@code peak_to_sidelobe} and
 * {@code second_peak_ratio} describe the best peak and are given on its row only, NaN on the others), and one
 * rectangle per match. The optional NCC map has shape
 * {@code (H + h - 1) × (W + w - 1)}: its pixel {@code (i, j)} is the NCC with the template's top-left pixel at
 * {@code (i - (w - 1), j - (h - 1))} in the image, and its calibration's origin is shifted by {@code (w - 1,
 * h - 1)} so that calibrated coordinates are those of the image; display range [-1, 1].
 *
 * <p>Macro: {@code run("Find Template", "template=[chip.tif] subpixel=parabolic ncc_map");} or, for every cell
 * with a fit of at least 0.6: {@code run("Find Template", "template=cell peaks=100 threshold=0.6");}
 */
public final class FindTemplate extends Command {

    /** Name of the overlay rectangle marking the match. */
    public static final String OVERLAY_NAME = "xcorr match";

    private static final String[] SUBPIXEL = {"none", "parabolic", "gaussian"};
    private static final String[] PADDING = {"zero", "mean", "overlap"};

    private Offset last;
    private List<Peak> lastPeaks = List.of();

    /** The command, for ImageJ's menu. */
    public FindTemplate() {
        super("Find Template");
    }

    /** The library's result of the last run (offsets relative to the search region), or null. */
    public Offset offset() {
        return last;
    }

    /**
     * The peaks of the last run's NCC map that were reported, best first (positions in the map of the search
     * region, as {@link Peaks#find}); one peak, the best, when {@code peaks} was 1 and it passed the threshold.
     */
    public List<Peak> peaks() {
        return lastPeaks;
    }

    @Override
    void execute() {
        last = null;
        lastPeaks = List.of();
        ImagePlus image = currentImage();
        String defaultTemplate = isRectangle(image.getRoi()) ? image.getTitle() : otherImageTitle(image);
        CommandDialog d = new CommandDialog(name());
        d.addImageChoice("Template", defaultTemplate);
        d.addChoice("Subpixel", SUBPIXEL, "none");
        d.addChoice("Padding", PADDING, "zero");
        d.addCheckbox("NCC_map", false);
        d.addNumber("Peaks", 1, 0);
        d.addNumber("Min_distance", 0, 0);
        d.addNumber("Threshold", -1, 2);
        if (!d.show()) {
            return;
        }
        ImagePlus templateImage = d.nextImage();
        Subpixel subpixel = Subpixel.parse(d.nextChoice());
        Padding padding = Padding.valueOf(d.nextChoice().toUpperCase(Locale.ROOT));
        boolean showMap = d.nextBoolean();
        int count = d.nextInt(1, 1_000_000);
        int minDistance = d.nextInt(0, Integer.MAX_VALUE);
        double threshold = d.nextNumber();

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
        int[] radius = minDistance > 0 ? new int[] {minDistance}
                : new int[] {Math.max(1, templateRect.height / 2), Math.max(1, templateRect.width / 2)};
        // one peak is the offset itself (the first maximum); more come from non-maximum suppression of its map
        List<Peak> peaks = count == 1 ? List.of(new Peak(found.integerPeak(), found.peak(), found.fit()))
                : Peaks.find(found.surface(), PeakOptions.defaults().withCount(count).withMinDistance(radius)
                        .withSubpixel(subpixel));
        peaks = peaks.stream().filter(p -> p.value() >= threshold).toList();
        lastPeaks = peaks;

        ResultsTable rt = newResults();
        List<double[]> boxes = new ArrayList<>();
        for (int k = 0; k < peaks.size(); k++) {
            double[] position = peaks.get(k).position();
            // map index i holds the template's top-left pixel at i - (size - 1)
            double y = searchRect.y + (position[0] - (templateRect.height - 1));
            double x = searchRect.x + (position[1] - (templateRect.width - 1));
            boxes.add(new double[] {x, y});
            rt.incrementCounter();
            rt.addLabel(templateImage.getTitle());
            if (count > 1) {
                rt.addValue("match", k + 1);
            }
            rt.addValue("x", x);
            rt.addValue("y", y);
            rt.addValue("width", templateRect.width);
            rt.addValue("height", templateRect.height);
            rt.addValue("fit", peaks.get(k).value());
            rt.addValue("peak_to_sidelobe", k == 0 ? found.peakToSidelobe() : Double.NaN);
            rt.addValue("second_peak_ratio", k == 0 ? found.secondPeakRatio() : Double.NaN);
        }
        showResults();

        markMatches(image, boxes, templateRect.width, templateRect.height);
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
        ij.IJ.showStatus(peaks.isEmpty() ? name() + ": no match with a fit of at least " + threshold
                : String.format(Locale.ROOT, "%s: %d match%s, best x=%.2f y=%.2f fit=%.4f", name(), peaks.size(),
                        peaks.size() == 1 ? "" : "es", boxes.get(0)[0], boxes.get(0)[1], peaks.get(0).value()));
    }

    /** Draws the matches into the image's overlay, replacing earlier matches and keeping everything else. */
    private static void markMatches(ImagePlus image, List<double[]> corners, int w, int h) {
        Overlay overlay = image.getOverlay();
        if (overlay == null) {
            overlay = new Overlay();
        }
        int index;
        while ((index = overlay.getIndex(OVERLAY_NAME)) >= 0) {
            overlay.remove(index);
        }
        Frames frames = image.getStackSize() > 1 ? new Frames(image) : null;
        for (double[] corner : corners) {
            Roi box = new Roi(corner[0], corner[1], w, h);
            box.setName(OVERLAY_NAME);
            box.setStrokeColor(Color.YELLOW);
            if (frames != null) {
                frames.placeOn(box, frames.current());
            }
            overlay.add(box);
        }
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
