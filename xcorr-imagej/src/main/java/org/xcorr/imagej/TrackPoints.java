package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.FloatPolygon;
import java.awt.Color;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.xcorr.array.NdArray;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Tracker;

/**
 * <i>Plugins › xcorr › Track Points</i>: follows the points of a multi-point selection from the current frame
 * to the next one, or through the rest of the stack, by matching the patch around each point
 * ({@link Tracker#track(NdArray, NdArray, int[], int[], TrackOptions)}: NCC of a {@code (2r+1)²} template in a
 * {@code (2R+1)²} search window, both clipped at the image edge).
 *
 * <p>Frames are a hyperstack's time points (at the current channel and slice) or a plain stack's slices.
 * Each step searches around the point's last position (rounded to a pixel, its fractional part carried over),
 * with the template cut from the previous frame ({@code template=previous}, follows slowly changing
 * features, errors add up) or from the starting frame ({@code template=first}, no drift of the template,
 * needs a feature that keeps its look). A point whose template or search window no longer fits (it left the
 * image, or its patch became flat), whose best match fits worse than {@code min_fit}, or whose match lies
 * outside the image is reported {@code lost} and not tracked further (near an edge the template is clipped
 * and matches get unreliable: {@code min_fit} is what catches that). The points are tracked
 * one by one with the library's single-point tracker; each match uses all cores.
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
 *   <li>{@code min_fit}: the lowest NCC accepted as a match, default 0.5; {@code -1} accepts every match</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * Results table, one row per point and frame (the starting frame included): {@code point}, {@code frame}
 * (1-based), {@code x}, {@code y} (pixels), {@code dx}, {@code dy} (displacement since the previous frame),
 * {@code fit} (NCC at the match; NaN on the starting frame), {@code peak_to_sidelobe}, and {@code lost} (1
 * on the row where the point was lost, its label says why; x and y there are the rejected match, or NaN when
 * there was none). The positions are drawn as points in the overlay, one
 * set per frame, named {@code xcorr track}.
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
        d.addNumber("Min_fit", 0.5, 2);
        if (!d.show()) {
            return;
        }
        boolean all = d.nextChoice().equals("all");
        boolean fromFirst = d.nextChoice().equals("first");
        int r = d.nextInt(1, 10_000);
        int searchRadius = d.nextInt(2, 100_000);
        Subpixel subpixel = Subpixel.parse(d.nextChoice());
        double minFit = d.nextNumber();
        if (!(minFit >= -1 && minFit <= 1)) {
            throw new IllegalArgumentException("min_fit must be in [-1, 1] (an NCC value), got " + minFit);
        }
        if (searchRadius <= r) {
            throw new IllegalArgumentException("search_radius " + searchRadius + " must be larger than template_radius "
                    + r + " (the largest step found is their difference)");
        }
        TrackOptions options = TrackOptions.defaults().withTemplateRadius(r).withImageRadius(searchRadius)
                .withOffsetOptions(OffsetOptions.defaults().withSubpixel(subpixel));

        FloatPolygon p = roi.getFloatPolygon();
        int n = p.npoints;
        double[][] pos = new double[n][];
        double[][] firstPos = new double[n][];
        boolean[] lost = new boolean[n];
        ResultsTable rt = newResults();
        Overlay overlay = overlayWithout(imp);
        for (int i = 0; i < n; i++) {
            // positions (y, x) in axis order, as the library; a point's pixel is the one it lies in
            pos[i] = new double[] {p.ypoints[i], p.xpoints[i]};
            firstPos[i] = pos[i].clone();
            addRow(rt, i, start, pos[i], new double[2], Double.NaN, Double.NaN, null);
        }
        mark(overlay, frames, start, pos, lost);

        int end = all ? frames.count() - 1 : start + 1;
        ImageJProgress progress = new ImageJProgress();
        NdArray first = frames.array(start);
        NdArray previous = first;
        try {
            for (int t = start + 1; t <= end; t++) {
                NdArray image = frames.array(t);
                NdArray templateImage = fromFirst ? first : previous;
                for (int i = 0; i < n; i++) {
                    if (lost[i]) {
                        continue;
                    }
                    double[] from = fromFirst ? firstPos[i] : pos[i];
                    int[] templateCenter = pixel(from);
                    int[] imageCenter = pixel(pos[i]);
                    double[] next;
                    Track found;
                    try {
                        found = Tracker.track(templateImage, image, templateCenter, imageCenter, options);
                        double[] off = found.offset();
                        next = new double[] {imageCenter[0] + off[0] + (from[0] - templateCenter[0]),
                            imageCenter[1] + off[1] + (from[1] - templateCenter[1])};
                    } catch (IllegalArgumentException e) {
                        lost[i] = true;
                        addRow(rt, i, t, new double[] {Double.NaN, Double.NaN},
                                new double[] {Double.NaN, Double.NaN}, Double.NaN, Double.NaN, e.getMessage());
                        continue;
                    }
                    if (found.fit() < minFit) {
                        lost[i] = true;
                        addRow(rt, i, t, next, new double[] {next[0] - pos[i][0], next[1] - pos[i][1]}, found.fit(),
                                found.match().peakToSidelobe(), String.format(Locale.ROOT,
                                        "fit %.3f is below min_fit %s", found.fit(), minFit));
                        continue;
                    }
                    if (!(next[0] > -0.5 && next[0] < image.shape(0) - 0.5 && next[1] > -0.5
                            && next[1] < image.shape(1) - 0.5)) {
                        lost[i] = true;
                        addRow(rt, i, t, next, new double[] {next[0] - pos[i][0], next[1] - pos[i][1]}, found.fit(),
                                found.match().peakToSidelobe(), String.format(Locale.ROOT,
                                        "moved out of the image to (%.1f, %.1f)", next[1], next[0]));
                        continue;
                    }
                    double[] step = {next[0] - pos[i][0], next[1] - pos[i][1]};
                    pos[i] = next;
                    addRow(rt, i, t, next, step, found.fit(), found.match().peakToSidelobe(), null);
                }
                mark(overlay, frames, t, pos, lost);
                previous = image;
                if (!progress.progress(t - start, end - start)) {
                    throw new CancellationException("Track Points cancelled at frame " + (t + 1));
                }
            }
        } finally {
            // what was tracked before a cancellation is kept and shown
            imp.setOverlay(overlay);
            showResults();
        }
        int kept = 0;
        for (boolean l : lost) {
            kept += l ? 0 : 1;
        }
        IJ.showStatus(String.format(Locale.ROOT, "%s: %d of %d points tracked to frame %d", name(), kept, n,
                end + 1));
    }

    private static int[] pixel(double[] yx) {
        return new int[] {(int) Math.round(yx[0]), (int) Math.round(yx[1])};
    }

    private static void addRow(ResultsTable rt, int point, int frame, double[] yx, double[] step, double fit,
            double psr, String lostBecause) {
        rt.incrementCounter();
        rt.addLabel(lostBecause == null ? "point " + (point + 1) : "lost: " + lostBecause);
        rt.addValue("point", point + 1);
        rt.addValue("frame", frame + 1);
        rt.addValue("x", yx[1]);
        rt.addValue("y", yx[0]);
        rt.addValue("dx", step[1]);
        rt.addValue("dy", step[0]);
        rt.addValue("fit", fit);
        rt.addValue("peak_to_sidelobe", psr);
        rt.addValue("lost", lostBecause == null ? 0 : 1);
    }

    private static Overlay overlayWithout(ImagePlus imp) {
        Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
        int index;
        while ((index = overlay.getIndex(OVERLAY_NAME)) >= 0) {
            overlay.remove(index);
        }
        return overlay;
    }

    private static void mark(Overlay overlay, Frames frames, int frame, double[][] pos, boolean[] lost) {
        PointRoi points = null;
        for (int i = 0; i < pos.length; i++) {
            if (lost[i]) {
                continue;
            }
            if (points == null) {
                points = new PointRoi(pos[i][1], pos[i][0]);
            } else {
                points.addPoint(pos[i][1], pos[i][0]);
            }
        }
        if (points != null) {
            points.setName(OVERLAY_NAME);
            points.setStrokeColor(Color.CYAN);
            frames.placeOn(points, frame);
            overlay.add(points);
        }
    }
}
