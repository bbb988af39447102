package org.xcorr.io.debug;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xcorr.array.NdArray;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.ColorMap;
import org.xcorr.io.InputException;
import org.xcorr.io.Json;
import org.xcorr.io.Pictures;
import org.xcorr.track.Offset;

/**
 * Writes a debug directory for an {@link org.xcorr.track.Offsets} result, so a person can see at a glance
 * whether the template was found in the right place.
 *
 * <p>The directory is written as a whole ({@link AtomicFiles#writeDirectory}): the five files are written into a
 * temporary directory beside it, which then replaces it, so the directory always holds one complete report.
 * Runs that share a directory never mix their files (the last one to finish wins), a full disk leaves the
 * previous report (or nothing), and the page is built from the pictures in memory, never read back from disk.
 * An existing directory must hold nothing but an earlier report's files; anything else is refused rather than
 * deleted. Missing parents are created. Files:
 * <ul>
 *   <li>{@code template.png}: the template in grey, scaled min to max, small arrays enlarged
 *       ({@link Pictures#writeGrey}); {@code image.png}: the image drawn the same way with the template's outline
 *       at the found offset (solid) and at the runner-up (dashed), as in the report.</li>
 *   <li>{@code cross_correlation.png}: the NCC surface in viridis with the peak marked
 *       ({@link Pictures#writeMarked}).</li>
 *   <li>{@code cross_correlation_data.json}: {@code {"peak": [...], "peak_magnitude": f, "offset": [...]}} as the
 *       SPEC names them, plus {@code integer_peak}, {@code fit}, {@code peak_to_sidelobe},
 *       {@code second_peak_ratio}, {@code second_peak}, and the shapes. {@code peak_magnitude} is the surface value
 *       at the integer peak (= {@code fit}). Undefined numbers are {@code null}.</li>
 *   <li>{@code report.html}: one self-contained page (pictures inlined as base64 {@code data:} URIs, no external
 *       resource, no script) with the numbers, the template, the image with the template's outline drawn at the
 *       found offset (and the runner-up placement dashed), and the surface.</li>
 * </ul>
 * 1-D arrays are drawn as strips and 3-D arrays as one plane (the picture files show the middle plane, the
 * overlay the plane through the template's centre at the found offset), as {@link Pictures} describes.
 *
 * <p>Lives in {@code xcorr-io} rather than the command line so library users get the same directory with one
 * call, and next to {@link Pictures} and {@link ColorMap}, which it draws with.
 */
public final class DebugReport {

    /** File names in the directory. */
    public static final String TEMPLATE_PNG = "template.png";
    /** The image picture. */
    public static final String IMAGE_PNG = "image.png";
    /** The surface picture. */
    public static final String SURFACE_PNG = "cross_correlation.png";
    /** The numbers. */
    public static final String DATA_JSON = "cross_correlation_data.json";
    /** The page. */
    public static final String REPORT_HTML = "report.html";

    private static final Set<String> FILES = Set.of(TEMPLATE_PNG, IMAGE_PNG, SURFACE_PNG, DATA_JSON, REPORT_HTML);

    private DebugReport() {
    }

    /**
     * Writes the debug directory for {@code result}, the offset of {@code template} in {@code image}.
     *
     * @param dir      the directory; created (with missing parents) if it does not exist
     * @param template the template that was matched
     * @param image    the image it was matched in
     * @param result   the result of matching them
     * @throws InputException if {@code dir} exists and is not a directory, holds files other than a report's, or
     *     cannot be created
     * @throws IOException    if a file cannot be written (a full disk); {@code dir} is then left as it was
     */
    public static void write(Path dir, NdArray template, NdArray image, Offset result) throws IOException {
        checkWritable(dir);
        // Everything is encoded in memory first: the page embeds exactly the pictures written beside it, and
        // nothing is read back from a directory that another process may be writing.
        Json data = data(template, image, result);
        byte[] templatePng = Pictures.png(Pictures.greyPicture(template));
        byte[] surfacePng = Pictures.png(Pictures.markedPicture(result.surface(), result.peak()));
        byte[] overlay = Pictures.png(overlay(template, image, result));
        byte[] json = (data.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] page = html(template, image, result, templatePng, overlay, surfacePng).getBytes(StandardCharsets.UTF_8);
        Map<String, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put(TEMPLATE_PNG, out -> out.write(templatePng));
        // the image with the template's outline, so the file alone shows where the template was found
        files.put(IMAGE_PNG, out -> out.write(overlay));
        files.put(SURFACE_PNG, out -> out.write(surfacePng));
        files.put(DATA_JSON, out -> out.write(json));
        files.put(REPORT_HTML, out -> out.write(page));
        AtomicFiles.writeDirectory(dir, files);
    }

    /**
     * Checks, before any work is done, that {@link #write} could write {@code dir}: it is absent, or a directory
     * holding nothing but the files of an earlier report (it is replaced as a whole).
     *
     * @throws InputException naming {@code dir} and what is wrong
     */
    public static void checkWritable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(dir + ": the debug directory exists and is not a directory");
        }
        AtomicFiles.checkDirectoryTarget(dir, FILES);
    }

    /** The JSON object written to {@code cross_correlation_data.json}. */
    public static Json data(NdArray template, NdArray image, Offset result) {
        int[] second = secondPeak(result);
        return new Json()
                .put("peak", result.peak())
                .put("peak_magnitude", result.fit())
                .put("offset", result.offset())
                .put("integer_peak", result.integerPeak())
                .put("fit", result.fit())
                .put("peak_to_sidelobe", result.peakToSidelobe())
                .put("second_peak_ratio", result.secondPeakRatio())
                .put("second_peak", second)
                .put("exclusion_radius", result.quality().exclusionRadius())
                .put("overlap_fraction", result.overlap())
                .put("edge", result.edge())
                .put("min_overlap", result.placements().minOverlap())
                .put("max_shift", result.placements().maxShift())
                .put("template_shape", template.shape())
                .put("image_shape", image.shape())
                .put("surface_shape", result.surface().shape());
    }

    private static int[] secondPeak(Offset r) {
        return r.quality().secondPeak();
    }

    // ---------------------------------------------------------------- pictures

    /** The image in grey with the template's outline at the found offset (solid) and at the runner-up (dashed). */
    static BufferedImage overlay(NdArray template, NdArray image, Offset r) {
        double[] off = r.offset();
        int rank = image.rank();
        NdArray view;
        int plane = 0;
        double y0;
        double x0;
        double h;
        double w;
        if (rank == 1) {
            int rows = Math.max(1, image.shape(0) / 8);
            double[] strip = new double[rows * image.shape(0)];
            for (int k = 0; k < rows; k++) {
                System.arraycopy(image.backingReal(), 0, strip, k * image.shape(0), image.shape(0));
            }
            view = NdArray.wrap(strip, rows, image.shape(0));
            y0 = 0;
            h = rows;
            x0 = off[0];
            w = template.shape(0);
        } else if (rank == 2) {
            view = image;
            y0 = off[0];
            x0 = off[1];
            h = template.shape(0);
            w = template.shape(1);
        } else {
            plane = (int) Math.max(0, Math.min(image.shape(0) - 1,
                    Math.round(off[0] + (template.shape(0) - 1) / 2.0)));
            int size = image.shape(1) * image.shape(2);
            view = NdArray.wrap(Arrays.copyOfRange(image.backingReal(), plane * size, (plane + 1) * size),
                    image.shape(1), image.shape(2));
            y0 = off[1];
            x0 = off[2];
            h = template.shape(1);
            w = template.shape(2);
        }
        int scale = Pictures.autoScale(view.shape(0), view.shape(1));
        BufferedImage grey = Pictures.grey(view, scale);
        BufferedImage rgb = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(grey, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int[] second = secondPeak(r);
            double[] so = new double[rank];
            for (int a = 0; second != null && a < rank; a++) {
                so[a] = second[a] - (template.shape(a) - 1);
            }
            // in 3-D the runner-up is drawn only when its placement crosses the plane shown
            if (second != null && (rank < 3 || (so[0] <= plane && plane < so[0] + template.shape(0)))) {
                double sy = rank == 1 ? 0 : so[rank - 2];
                double sx = so[rank - 1];
                outline(g, new Rectangle2D.Double(sx * scale, sy * scale, w * scale, h * scale),
                        new Color(0x33, 0xbb, 0xff), true);
            }
            outline(g, new Rectangle2D.Double(x0 * scale, y0 * scale, w * scale, h * scale),
                    new Color(0xff, 0x30, 0x30), false);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static void outline(Graphics2D g, Rectangle2D box, Color colour, boolean dashed) {
        float[] dash = dashed ? new float[] {8f, 6f} : null;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        g.draw(box);
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        g.draw(box);
    }

    // ---------------------------------------------------------------- page

    /**
     * A rough reading of the numbers for the page's headline. Rules of thumb: {@code fit < 0.5} is weak; a
     * runner-up within 90% of the peak ({@code secondPeakRatio >= 0.9}) is ambiguous, within 80% worth a look;
     * otherwise clear. The PSR is shown but not judged: it depends on how smooth the image is (smooth images give
     * broad sidelobes and PSRs of 3-6 even for exact matches), so it is best compared between frames.
     */
    static String verdict(Offset r) {
        double ratio = r.secondPeakRatio();
        if (r.fit() < 0.5) {
            return "weak|Weak match: fit " + fmt(r.fit()) + " is below 0.5; the template may not be in the image.";
        }
        if (!Double.isNaN(ratio) && ratio >= 0.9) {
            return "ambiguous|Ambiguous: the runner-up peak reaches " + fmt(ratio) + " of the peak; another place"
                    + " matches almost as well. Compare the solid and dashed outlines.";
        }
        if (!Double.isNaN(ratio) && ratio >= 0.8) {
            return "ambiguous|Probably right, but the runner-up peak reaches " + fmt(ratio) + " of the peak."
                    + " Compare the solid and dashed outlines.";
        }
        return "clear|Clear match: fit " + fmt(r.fit()) + ", runner-up at " + fmt(ratio) + " of the peak.";
    }

    /**
     * A warning when the found placement hangs over the image's edge (the offset is negative, or the template
     * reaches past the last pixel, on some axis): the match then rests on the part inside ({@link Offset#overlap()}
     * of the template), the outside filled by the padding, and is less trustworthy. Null when the template lies
     * wholly inside.
     */
    static String edgeWarning(NdArray template, NdArray image, Offset r) {
        int[] off = r.integerOffset(template.shape());
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < off.length; a++) {
            int before = Math.max(0, -off[a]);
            int after = Math.max(0, off[a] + template.shape(a) - image.shape(a));
            if (before + after > 0) {
                b.append(b.length() == 0 ? "" : "; ").append("axis ").append(a).append(": ")
                        .append(before > 0 ? before + " px before the first pixel" : after + " px past the last pixel");
            }
        }
        return b.length() == 0 ? null : "Partial placement: the match hangs over the image's edge (" + b + "); only "
                + percent(r.overlap()) + " of the template lies inside the image and was compared (the outside is"
                + " filled by the padding), so check the outline.";
    }

    /**
     * A warning when the search was cut off right beside the found placement ({@link Offset#edge()}): the end of
     * the surface, the minimum overlap or the shift bound; a better match may lie beyond. Null otherwise.
     */
    static String searchEdgeWarning(Offset r) {
        if (!r.edge()) {
            return null;
        }
        int[] bound = r.placements().maxShift();
        return "Edge of the search: the match lies on the border of the placements searched (overlap at least "
                + percent(r.placements().minOverlap()) + " of the template" + (bound == null ? ""
                        : ", |offset| at most " + Arrays.toString(bound)) + "); a better match may lie just beyond,"
                + " so widen the search if the outline looks wrong.";
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

    static String html(NdArray template, NdArray image, Offset r, byte[] templatePng, byte[] overlayPng,
            byte[] surfacePng) {
        String[] v = verdict(r).split("\\|", 2);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : r.surface().backingReal()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        int[] second = secondPeak(r);
        StringBuilder gradient = new StringBuilder();
        for (int i = 0; i <= 8; i++) {
            gradient.append(i == 0 ? "" : ", ").append(String.format("#%06x", ColorMap.VIRIDIS.rgb(i / 8.0)));
        }
        String planeNote = image.rank() == 3 ? "<p class=\"note\">3-D: pictures show one plane (the overlay the plane"
                + " through the template's centre, the files the middle plane).</p>" : "";
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>xcorr offset: debug report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:16px 24px;color:#222;")
                .append("background:#fafafa}\n")
                .append("h1{font-size:20px;margin:0 0 8px}\n")
                .append(".verdict{padding:8px 12px;border-radius:6px;margin:8px 0 12px;font-weight:600}\n")
                .append(".clear{background:#d9f2dc;border:1px solid #4caf50}\n")
                .append(".ambiguous{background:#fff4d6;border:1px solid #e0a800}\n")
                .append(".weak{background:#fde0e0;border:1px solid #d9534f}\n")
                .append("table{border-collapse:collapse;margin-bottom:12px}\n")
                .append("td,th{padding:3px 12px 3px 0;text-align:left;font-size:14px}\n")
                .append("th{color:#555;font-weight:500}\n")
                .append("td{font-family:ui-monospace,Menlo,Consolas,monospace}\n")
                .append(".row{display:flex;gap:12px;align-items:flex-start;flex-wrap:wrap}\n")
                .append("figure{margin:0;background:#fff;border:1px solid #ddd;padding:8px;border-radius:4px;")
                .append("width:340px}\n")
                // every picture fits the same box whatever its aspect (1-D strips, tall images)
                .append("figure img{display:block;image-rendering:pixelated;width:340px;height:300px;")
                .append("object-fit:contain;background:#eee}\n")
                .append("figcaption{font-size:13px;color:#444;margin-top:6px}\n")
                .append(".bar{height:10px;margin-top:4px;background:linear-gradient(to right, ").append(gradient)
                .append(")}\n.scale{display:flex;justify-content:space-between;font-size:12px;color:#555}\n")
                .append(".note{font-size:13px;color:#555}\n")
                .append(".key{display:inline-block;width:18px;height:0;vertical-align:middle;margin:0 4px}\n")
                .append("</style></head><body>\n")
                .append("<h1>xcorr offset: where is the template?</h1>\n")
                .append("<div class=\"verdict ").append(v[0]).append("\">").append(escape(v[1])).append("</div>\n")
                .append(edgeWarning(template, image, r) == null ? "" : "<div class=\"verdict weak\">"
                        + escape(edgeWarning(template, image, r)) + "</div>\n")
                .append(searchEdgeWarning(r) == null ? "" : "<div class=\"verdict weak\">"
                        + escape(searchEdgeWarning(r)) + "</div>\n")
                .append("<table>\n");
        row(b, "offset (template's first pixel in the image)", vector(r.offset()));
        row(b, "peak (in the NCC surface)", vector(r.peak()));
        row(b, "integer peak", Arrays.toString(r.integerPeak()));
        row(b, "fit (NCC at the integer peak, -1&hellip;1)", fmt(r.fit()));
        row(b, "overlap (fraction of the template inside the image)", fmt(r.overlap())
                + (r.overlap() < 1 ? " (partial placement)" : ""));
        row(b, "edge (search cut off beside the peak)", r.edge() ? "yes" : "no");
        int[] bound = r.placements().maxShift();
        row(b, "placements searched", "overlap ≥ " + fmt(r.placements().minOverlap())
                + (bound == null ? "" : ", |offset| ≤ " + Arrays.toString(bound)));
        row(b, "peak-to-sidelobe ratio", fmt(r.peakToSidelobe()));
        row(b, "second peak ratio" + (second != null ? " (at " + Arrays.toString(second) + ")" : ""),
                fmt(r.secondPeakRatio()));
        row(b, "template / image / surface shape", template.shapeString() + " / " + image.shapeString() + " / "
                + r.surface().shapeString());
        b.append("</table>\n").append(planeNote).append("<div class=\"row\">\n");
        figure(b, templatePng, "template", "Template " + template.shapeString() + " (grey, min to max).");
        figure(b, overlayPng, "image with the template outline",
                "Image " + image.shapeString() + ". <span class=\"key\" style=\"border-top:3px solid #ff3030\">"
                + "</span>the template at the found offset" + (second != null
                        ? "; <span class=\"key\" style=\"border-top:3px dashed #33bbff\"></span>at the runner-up peak"
                        : "") + ".");
        b.append("<figure><img alt=\"NCC surface\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(surfacePng)).append("\">")
                .append("<div class=\"bar\"></div><div class=\"scale\"><span>").append(fmt(min))
                .append("</span><span>").append(fmt(max)).append("</span></div>")
                .append("<figcaption>NCC surface (full mode) ").append(r.surface().shapeString())
                .append(", viridis; the peak is marked. Index i is the placement with the template's first pixel at"
                        + " i &minus; (template shape &minus; 1).</figcaption></figure>\n")
                .append("</div>\n<p class=\"note\">Peak-to-sidelobe ratio: (peak &minus; mean) / std of the surface"
                        + " outside a window of radius " + r.quality().exclusionRadius()
                        + " around the peak; it depends on how smooth the image is (exact matches in smooth images"
                        + " score 3-6, in white noise far more), so compare it between frames rather than with a fixed"
                        + " threshold. Second"
                        + " peak ratio: the highest local maximum outside that window over the peak; near 1 means"
                        + " ambiguous. Both, like the peak, count only the placements searched (the minimum overlap"
                        + " and the shift bound above), so the runner-up is never a placement the search left"
                        + " out.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void figure(StringBuilder b, byte[] png, String alt, String caption) {
        b.append("<figure><img alt=\"").append(alt).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(caption)
                .append("</figcaption></figure>\n");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(name).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String vector(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? ", " : "").append(v[i] == Math.rint(v[i]) ? String.valueOf((long) v[i]) : fmt(v[i]));
        }
        return s.append(']').toString();
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "undefined" : String.format(Locale.ROOT, "%.4f", x);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
