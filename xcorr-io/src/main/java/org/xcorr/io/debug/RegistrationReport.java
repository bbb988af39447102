package org.xcorr.io.debug;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.xcorr.array.NdArray;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.ColorMap;
import org.xcorr.io.InputException;
import org.xcorr.io.Json;
import org.xcorr.io.MapPicture;
import org.xcorr.io.Pictures;
import org.xcorr.register.Registration;
import org.xcorr.shift.Shift;

/**
 * A debug directory for a registration ({@link org.xcorr.register.PhaseCorrelation}), so a person can see
 * whether the shift found really aligns the images.
 *
 * <p>The directory is written as a whole, as {@link DebugReport}'s ({@link AtomicFiles#writeDirectory}): an
 * existing one must be new, empty or an earlier report, and always holds one complete report. Files:
 * <ul>
 *   <li>{@code reference.png}, {@code moving.png}, {@code aligned.png}: grey, scaled min to max, small arrays
 *       enlarged ({@link Pictures#writeGrey}); {@code aligned} is {@code moving} shifted by the shift found
 *       ({@link Shift#shift(NdArray, double...)}, Fourier, periodic).</li>
 *   <li>{@code overlay.png}: reference in magenta, aligned in green, each scaled min to max: grey where they
 *       agree, coloured fringes where they do not.</li>
 *   <li>{@code difference.png}: reference − aligned, both scaled to [0, 1] first, on a colour scale symmetric
 *       about 0 ({@code ±max|difference|}) with a labelled bar ({@link MapPicture}).</li>
 *   <li>{@code surface.png}: the correlation surface on a log scale, when the registration kept it.</li>
 *   <li>{@code registration.json}: shift, error, phasediff, shapes; {@code report.html}: one self-contained page.</li>
 * </ul>
 * The aligned pictures need both images to have the same shape; otherwise only the inputs and the surface are drawn.
 * 3-D arrays show their middle plane, 1-D arrays a strip (as {@link Pictures}).
 */
public final class RegistrationReport {

    /** File names in the directory. */
    public static final String REFERENCE_PNG = "reference.png";
    /** The moving image. */
    public static final String MOVING_PNG = "moving.png";
    /** The moving image shifted by the shift found. */
    public static final String ALIGNED_PNG = "aligned.png";
    /** Reference in magenta over aligned in green. */
    public static final String OVERLAY_PNG = "overlay.png";
    /** Reference minus aligned. */
    public static final String DIFFERENCE_PNG = "difference.png";
    /** The correlation surface, log scale. */
    public static final String SURFACE_PNG = "surface.png";
    /** The numbers. */
    public static final String DATA_JSON = "registration.json";
    /** The page. */
    public static final String REPORT_HTML = "report.html";

    /** Every file the directory may receive, for checks before writing. */
    public static final List<String> FILES = List.of(REFERENCE_PNG, MOVING_PNG, ALIGNED_PNG, OVERLAY_PNG,
            DIFFERENCE_PNG, SURFACE_PNG, DATA_JSON, REPORT_HTML);

    private RegistrationReport() {
    }

    /**
     * Writes the debug directory for {@code r}, the registration of {@code moving} onto {@code reference}.
     *
     * @param dir       the directory; created (with missing parents) if it does not exist
     * @param reference the reference image (real)
     * @param moving    the moving image (real)
     * @param r         the registration found
     * @throws InputException if {@code dir} exists and is not a directory, or cannot be created
     * @throws IOException    if a file cannot be written
     */
    public static void write(Path dir, NdArray reference, NdArray moving, Registration r) throws IOException {
        checkWritable(dir);
        boolean same = Arrays.equals(reference.shape(), moving.shape());
        // everything that can fail on the data is done before the first file is written
        NdArray aligned = same ? Shift.shift(finite(moving), r.shift()) : null;
        List<String[]> figures = new ArrayList<>();
        byte[] ref = png(Pictures.grey(reference, scale(reference)));
        byte[] mov = png(Pictures.grey(moving, scale(moving)));
        figures.add(new String[] {REFERENCE_PNG, "Reference " + reference.shapeString() + " (grey, min to max)."});
        figures.add(new String[] {MOVING_PNG, "Moving " + moving.shapeString() + "."});
        byte[] ali = null;
        byte[] overlay = null;
        byte[] difference = null;
        if (same) {
            ali = png(Pictures.grey(aligned, scale(aligned)));
            overlay = png(overlay(finite(reference), aligned));
            NdArray d = difference(finite(reference), aligned);
            double m = 0;
            for (double x : d.backingReal()) {
                m = Math.max(m, Math.abs(x));
            }
            // symmetric about 0 so that grey-green is "no difference"; the bar's labels give the size
            difference = png(MapPicture.linear(d, ColorMap.VIRIDIS, m > 0 ? -m : -1, m > 0 ? m : 1));
            figures.add(new String[] {ALIGNED_PNG, "Moving shifted by the shift found (Fourier, periodic)."});
            figures.add(new String[] {OVERLAY_PNG, "Reference in magenta, aligned in green: grey where they agree."});
            figures.add(new String[] {DIFFERENCE_PNG, "Reference &minus; aligned, each scaled to [0, 1] first."});
        }
        byte[] surface = r.surface() == null ? null : png(MapPicture.logarithmic(r.surface(), ColorMap.VIRIDIS));
        if (surface != null) {
            figures.add(new String[] {SURFACE_PNG, "Correlation surface " + r.surface().shapeString()
                    + ", log scale; index &minus; centre is the shift."});
        }
        Json data = new Json().put("shift", r.shift()).put("error", r.error()).put("phasediff", r.phaseDiff())
                .put("reference_shape", reference.shape()).put("moving_shape", moving.shape());
        List<byte[]> pictures = new ArrayList<>(List.of(ref, mov));
        if (same) {
            pictures.addAll(List.of(ali, overlay, difference));
        }
        if (surface != null) {
            pictures.add(surface);
        }
        Map<String, AtomicFiles.Writer> files = new LinkedHashMap<>();
        for (int i = 0; i < figures.size(); i++) {
            byte[] bytes = pictures.get(i);
            files.put(figures.get(i)[0], out -> out.write(bytes));
        }
        byte[] json = (data + "\n").getBytes(StandardCharsets.UTF_8);
        files.put(DATA_JSON, out -> out.write(json));
        byte[] page = html(r, figures, pictures).getBytes(StandardCharsets.UTF_8);
        files.put(REPORT_HTML, out -> out.write(page));
        AtomicFiles.writeDirectory(dir, files);
    }

    /**
     * Checks, before any work is done, that {@link #write} could write {@code dir}: absent, or a directory holding
     * nothing but an earlier registration report's files (it is replaced as a whole).
     *
     * @throws InputException naming {@code dir} and what is wrong
     */
    public static void checkWritable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(dir + ": the debug directory exists and is not a directory");
        }
        AtomicFiles.checkDirectoryTarget(dir, new HashSet<>(FILES));
    }

    /** NaN and infinities (masked registration with --nan-as-mask) drawn and shifted as 0. */
    private static NdArray finite(NdArray a) {
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                v[i] = 0;
            }
        }
        return NdArray.wrap(v, a.shape());
    }

    private static int scale(NdArray a) {
        int rows = a.rank() == 1 ? Math.max(1, a.shape(0) / 8) : a.shape(a.rank() - 2);
        return Pictures.autoScale(rows, a.shape(a.rank() - 1));
    }

    /** Each array scaled to [0, 1] over its own range (constant arrays to 0.5). */
    private static double[] unit(NdArray a) {
        double[] v = a.toArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = max > min ? (v[i] - min) / (max - min) : 0.5;
        }
        return v;
    }

    static NdArray difference(NdArray reference, NdArray aligned) {
        double[] a = unit(reference);
        double[] b = unit(aligned);
        for (int i = 0; i < a.length; i++) {
            a[i] -= b[i];
        }
        return NdArray.wrap(a, reference.shape());
    }

    /** Reference in red and blue, aligned in green: (r, a, r) per pixel, enlarged as the grey pictures. */
    static BufferedImage overlay(NdArray reference, NdArray aligned) {
        BufferedImage r = Pictures.grey(NdArray.wrap(unit(reference), reference.shape()), scale(reference));
        BufferedImage a = Pictures.grey(NdArray.wrap(unit(aligned), aligned.shape()), scale(aligned));
        BufferedImage out = new BufferedImage(r.getWidth(), r.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                int rv = r.getRaster().getSample(x, y, 0);
                int av = a.getRaster().getSample(x, y, 0);
                out.setRGB(x, y, rv << 16 | av << 8 | rv);
            }
        }
        return out;
    }

    private static byte[] png(BufferedImage image) {
        return Pictures.png(image);
    }

    private static String html(Registration r, List<String[]> figures, List<byte[]> pictures) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>xcorr register: debug report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:16px 24px;color:#222;")
                .append("background:#fafafa}\nh1{font-size:20px;margin:0 0 8px}\n")
                .append("table{border-collapse:collapse;margin-bottom:12px}\n")
                .append("td,th{padding:3px 12px 3px 0;text-align:left;font-size:14px}\nth{color:#555;font-weight:500}\n")
                .append("td{font-family:ui-monospace,Menlo,Consolas,monospace}\n")
                .append(".row{display:flex;gap:12px;align-items:flex-start;flex-wrap:wrap}\n")
                .append("figure{margin:0;background:#fff;border:1px solid #ddd;padding:8px;border-radius:4px;width:340px}\n")
                .append("figure img{display:block;image-rendering:pixelated;width:340px;height:300px;")
                .append("object-fit:contain;background:#eee}\nfigcaption{font-size:13px;color:#444;margin-top:6px}\n")
                .append("</style></head><body>\n<h1>xcorr register: does the shift align the images?</h1>\n<table>\n")
                .append("<tr><th>shift (apply to moving to align it with reference)</th><td>")
                .append(vector(r.shift())).append("</td></tr>\n<tr><th>error</th><td>").append(fmt(r.error()))
                .append("</td></tr>\n<tr><th>phasediff</th><td>").append(fmt(r.phaseDiff()))
                .append("</td></tr>\n</table>\n<div class=\"row\">\n");
        for (int i = 0; i < figures.size(); i++) {
            b.append("<figure><img alt=\"").append(figures.get(i)[0]).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(pictures.get(i))).append("\"><figcaption>")
                    .append(figures.get(i)[1]).append("</figcaption></figure>\n");
        }
        return b.append("</div>\n</body></html>\n").toString();
    }

    private static String vector(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? ", " : "").append(fmt(v[i]));
        }
        return s.append(']').toString();
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "undefined" : String.format(Locale.ROOT, "%.4f", x);
    }
}
