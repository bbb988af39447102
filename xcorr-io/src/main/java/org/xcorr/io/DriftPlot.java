package org.xcorr.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;

/**
 * A drift plot: the shift of every frame ({@code dy}, {@code dx}, and {@code dz} for volumes) against the
 * frame index, as a PNG drawn with {@code java.awt} (no display needed), with axes, ticks at 1-2-5 steps, tick
 * labels, a light grid, a legend, and the failed frames marked along the bottom.
 */
public final class DriftPlot {

    /** Width of the picture in pixels. */
    public static final int WIDTH = 960;
    /** Height of the picture in pixels. */
    public static final int HEIGHT = 540;

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    private static final int LEFT = 86;
    private static final int RIGHT = 28;
    private static final int TOP = 52;
    private static final int BOTTOM = 70;

    private DriftPlot() {
    }

    /** Draws the plot of {@code result} and writes it as a PNG, atomically. */
    public static void write(Path path, AlignmentResult result) throws IOException {
        if (!ArrayFiles.extension(path).equals("png")) {
            throw new InputException(path + ": the drift plot is written as .png");
        }
        BufferedImage image = draw(result);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        byte[] b = bytes.toByteArray();
        AtomicFiles.write(path, out -> out.write(b));
    }

    /** The plot as an RGB image of {@link #WIDTH} × {@link #HEIGHT}. */
    public static BufferedImage draw(AlignmentResult result) {
        int rank = result.frameShape().length;
        String[] names = ShiftTable.shiftColumns(rank);
        int[] axes = rank == 1 ? new int[] {0} : rank == 2 ? new int[] {0, 1} : new int[] {1, 2, 0};
        int n = result.frames().size();
        double lo = 0;
        double hi = 0;
        for (FrameShift f : result.frames()) {
            for (double v : f.shift()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        double yStep = niceStep((hi - lo) / 6);
        double yMin = Math.floor(lo / yStep) * yStep;
        double yMax = Math.ceil(hi / yStep) * yStep;
        double xMax = Math.max(1, n - 1);
        double xStep = Math.max(1, niceStep(xMax / 10));

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;
        Mapper m = new Mapper(LEFT, TOP, pw, ph, xMax, yMin, yMax);

        // grid and ticks
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
        g.setStroke(new BasicStroke(1f));
        for (double y = yMin; y <= yMax + yStep / 2; y += yStep) {
            int py = m.y(y);
            g.setColor(Math.abs(y) < yStep / 1e6 ? new Color(0x999999) : new Color(0xe6e6e6));
            g.drawLine(LEFT, py, LEFT + pw, py);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 6, py, LEFT, py);
            text(g, tickFont, label(y, yStep), LEFT - 10, py, 1, 0.5);
        }
        for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
            int px = m.x(x);
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(px, TOP, px, TOP + ph);
            g.setColor(Color.BLACK);
            g.drawLine(px, TOP + ph, px, TOP + ph + 6);
            text(g, tickFont, label(x, xStep), px, TOP + ph + 10, 0.5, 0);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);

        // failed frames: red marks under the axis
        g.setColor(new Color(0xd62728));
        int failed = 0;
        for (FrameShift f : result.frames()) {
            if (!f.ok()) {
                int px = m.x(f.frame());
                g.fillRect(px - 1, TOP + ph - 8, 3, 8);
                failed++;
            }
        }

        // curves (gaps at failed frames)
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int c = 0; c < names.length; c++) {
            g.setColor(COLOURS[c]);
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (FrameShift f : result.frames()) {
                double v = f.shift()[axes[c]];
                if (!Double.isFinite(v)) {
                    pen = false;
                    continue;
                }
                double px = m.xd(f.frame());
                double py = m.yd(v);
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
                if (n <= 60) {
                    g.fillOval((int) Math.round(px) - 3, (int) Math.round(py) - 3, 7, 7);
                }
            }
            g.draw(path);
        }

        // titles
        g.setColor(Color.BLACK);
        text(g, new Font(Font.SANS_SERIF, Font.BOLD, 18), "Drift: shift that aligns each frame with the reference",
                LEFT, 16, 0, 0);
        text(g, labelFont, "frame", LEFT + pw / 2.0, HEIGHT - 26, 0.5, 0);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        text(r, labelFont, "shift (pixels)", -(TOP + ph / 2.0), 10, 0.5, 0);
        r.dispose();

        // legend, top right inside the plot
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        int rows = names.length + (failed > 0 ? 1 : 0);
        int lw = failed > 0 ? 170 : 80;
        int lx = LEFT + pw - lw - 10;
        int ly = TOP + 10;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(lx, ly, lw, 10 + 22 * rows);
        g.setColor(new Color(0xbbbbbb));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(lx, ly, lw, 10 + 22 * rows);
        for (int c = 0; c < names.length; c++) {
            int yy = ly + 16 + 22 * c;
            g.setColor(COLOURS[c]);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(lx + 10, yy, lx + 38, yy);
            g.setColor(Color.BLACK);
            text(g, legendFont, names[c], lx + 46, yy, 0, 0.5);
        }
        if (failed > 0) {
            int yy = ly + 16 + 22 * names.length;
            g.setColor(new Color(0xd62728));
            g.fillRect(lx + 22, yy - 6, 3, 12);
            g.setColor(Color.BLACK);
            text(g, legendFont, "failed (" + failed + ")", lx + 46, yy, 0, 0.5);
        }
        g.dispose();
        return img;
    }

    /** Data to pixel coordinates. */
    private record Mapper(int left, int top, int w, int h, double xMax, double yMin, double yMax) {
        double xd(double x) {
            return left + x / xMax * w;
        }

        double yd(double y) {
            return top + (yMax - y) / (yMax - yMin) * h;
        }

        int x(double x) {
            return (int) Math.round(xd(x));
        }

        int y(double y) {
            return (int) Math.round(yd(y));
        }
    }

    /** The smallest of 1, 2, 5 × 10^k at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (f * p >= raw * (1 - 1e-9)) {
                return f * p;
            }
        }
        return 10 * p;
    }

    /** A tick label with as many decimals as the step needs. */
    static String label(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(v) < step / 1e6) {
            v = 0;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Draws {@code s} anchored at fractions {@code (ax, ay)} of its box (0 = left/top, 1 = right/bottom). */
    private static void text(Graphics2D g, Font font, String s, double x, double y, double ax, double ay) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int w = fm.stringWidth(s);
        int h = fm.getAscent() + fm.getDescent();
        g.drawString(s, (float) (x - ax * w), (float) (y - ay * h + fm.getAscent()));
    }
}
