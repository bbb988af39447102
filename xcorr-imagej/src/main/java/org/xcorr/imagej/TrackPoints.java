package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.FloatPolygon;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xcorr.array.NdArray;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.PointTrack;
import org.xcorr.track.PointTracker;
import org.xcorr.track.TemplateFrom;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.TrackPoint;

/**
 * <i>Plugins › xcorr › Track Points</i>: follows the points of a multi-point selection from the current frame
 * to the next one, or through the rest of the stack, by matching the patch around each point: the library's
 * many-point tracker ({@link PointTracker#trackStack(org.xcorr.stack.FrameSource, List, TemplateFrom, TrackOptions,
 * org.xcorr.concurrent.ProgressListener)}; per point, NCC of a {@code (2r+1)²} template in a {@code (2R+1)²}
 * search window around the last position, both clipped at the image edge; the points run in parallel).
 *
 * <p>Frames are a hyperstack's time points (at the current channel and slice) or a plain stack's slices; they
 * are read one at a time, so a virtual stack is not loaded whole. Each point starts at the pixel it lies in.
 * The template is cut from the previous frame ({@code template=previous}: follows slowly changing features,
 * sub-pixel errors add up) or from the starting frame ({@code template=first}: no drift, needs a feature that
 * keeps its look). A point that cannot be matched on a frame (its template does not fit the clipped search
 * window near an edge, or its patch is flat) gets a row with its reason in {@code status} and keeps its last
 * position for the next frame.
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code frames}: {@code next} (default) or {@code all} (every frame after the current one)</li>
 *   <li>{@code template}: {@code previous} (default) or {@code first}</li>
 *   <li>{@code template_radius}: {@code r}, default 15 px (a smaller default than the command line's 50,
 *       for the spots and cells of microscopy stacks)</li>
 *   <li>{@code search_radius}: {@code R > r}, default 40 px: the largest displacement found per step is
 *       {@code R - r}</li>
 *   <li>{@code subpixel}: {@code none}, {@code parabolic} (default) or {@code gaussian}</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * Results table, one row per point and frame, frame by frame (the starting frame included): {@code point},
 * {@code frame} (1-based), {@code x}, {@code y} (pixels), {@code dx}, {@code dy} (displacement since the
 * starting frame), {@code fit} (NCC at the match; NaN on the starting frame), {@code peak_to_sidelobe},
 * {@code overlap_fraction} and {@code edge} (as {@code xcorr track}: the template's share inside the search region at
 * the match, and 1 when the search was cut off beside it), and
 * {@code status} ({@code ok}, or why the point was not found; x and y are NaN then). The positions found are
 * drawn as points in the overlay, one set per frame, named {@code xcorr track}. Esc cancels (nothing is
 * reported then).
 *
 * <p>Macro: {@code makeSelection("point", newArray(40, 80), newArray(50, 60));
 * run("Track Points", "frames=all template=previous template_radius=10 search_radius=30");}
 */
public final class TrackPoints extends Command {

    /** Name of the overlay elements marking the tracked points. */
    public static final String OVERLAY_NAME = "xcorr track";

    private static final String[] FRAMES = {"next", "all"};
    private static final String[] TEMPLATE = {"previous", "first"};
    private static final String[] SUBPIXEL = {"none", "parabolic", "gaussian"};

    /** The command, for ImageJ's menu. */
    public TrackPoints() {
        super("Track Points");
    }

    @Override
    void execute() {
        ImagePlus imp = currentImage();
        Roi roi = imp.getRoi();
        if (roi == null || roi.getType() != Roi.POINT) {
            throw new IllegalArgumentException("Track Points needs a point selection (multi-point tool) on "
                    + imp.getTitle());
        }
        Frames frames = new Frames(imp);
        int start = frames.current();
        if (start + 1 >= frames.count()) {
            throw new IllegalArgumentException("the points are on the last frame (" + frames.count()
                    + ") of " + imp.getTitle() + "; there is no next frame to track them to");
        }
        CommandDialog d = new CommandDialog(name());
        d.addChoice("Frames", FRAMES, "next");
        d.addChoice("Template", TEMPLATE, "previous");
        d.addNumber("Template_radius", 15, 0);
        d.addNumber("Search_radius", 40, 0);
        d.addChoice("Subpixel", SUBPIXEL, "parabolic");
        if (!d.show()) {
            return;
        }
        boolean all = d.nextChoice().equals("all");
        TemplateFrom from = TemplateFrom.parse(d.nextChoice());
        int r = d.nextInt(1, 10_000);
        int searchRadius = d.nextInt(2, 100_000);
        Subpixel subpixel = Subpixel.parse(d.nextChoice());
        if (searchRadius <= r) {
            throw new IllegalArgumentException("search_radius " + searchRadius + " must be larger than template_radius "
                    + r + " (the largest step found is their difference)");
        }
        TrackOptions options = TrackOptions.defaults().withTemplateRadius(r).withImageRadius(searchRadius)
                .withOffsetOptions(OffsetOptions.defaults().withSubpixel(subpixel));

        FloatPolygon p = roi.getFloatPolygon();
        List<TrackPoint> points = new ArrayList<>(p.npoints);
        for (int i = 0; i < p.npoints; i++) {
            // the pixel the point lies in, (y, x) in axis order as the library
            points.add(TrackPoint.of(Integer.toString(i + 1), (int) Math.floor(p.ypoints[i]),
                    (int) Math.floor(p.xpoints[i])));
        }
        int count = (all ? frames.count() - 1 : start + 1) - start + 1;
        List<PointTrack> rows = PointTracker.trackStack(frames.range(start, count), points, from, options,
                new ImageJProgress());

        ResultsTable rt = newResults();
        Overlay overlay = overlayWithout(imp);
        PointRoi marks = null;
        int lastFrame = -1;
        int found = 0;
        for (PointTrack row : rows) {
            int frame = start + row.frame();
            if (frame != lastFrame) {
                place(overlay, frames, marks, lastFrame);
                marks = null;
                lastFrame = frame;
                found = 0;
            }
            double[] position = row.position();
            double[] offset = row.offset();
            rt.incrementCounter();
            rt.addLabel("point " + row.id());
            rt.addValue("point", Integer.parseInt(row.id()));
            rt.addValue("frame", frame + 1);
            rt.addValue("x", position[1]);
            rt.addValue("y", position[0]);
            rt.addValue("dx", offset[1]);
            rt.addValue("dy", offset[0]);
            rt.addValue("fit", row.fit());
            rt.addValue("peak_to_sidelobe", row.peakToSidelobe());
            rt.addValue("overlap_fraction", row.overlapFraction());
            // 1 when the search was cut off beside the match (the point may lie beyond); NaN where nothing was found
            rt.addValue("edge", row.isOk() && !Double.isNaN(row.overlapFraction()) ? (row.edge() ? 1 : 0) : Double.NaN);
            rt.addValue("status", row.status());
            if (row.isOk()) {
                found++;
                if (marks == null) {
                    marks = new PointRoi(position[1], position[0]);
                } else {
                    marks.addPoint(position[1], position[0]);
                }
            }
        }
        place(overlay, frames, marks, lastFrame);
        imp.setOverlay(overlay);
        showResults();
        IJ.showStatus(String.format(Locale.ROOT, "%s: %d of %d points found on frame %d", name(), found,
                points.size(), lastFrame + 1));
    }

    private static Overlay overlayWithout(ImagePlus imp) {
        Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
        int index;
        while ((index = overlay.getIndex(OVERLAY_NAME)) >= 0) {
            overlay.remove(index);
        }
        return overlay;
    }

    private static void place(Overlay overlay, Frames frames, PointRoi marks, int frame) {
        if (marks != null) {
            marks.setName(OVERLAY_NAME);
            marks.setStrokeColor(Color.CYAN);
            frames.placeOn(marks, frame);
            overlay.add(marks);
        }
    }
}
