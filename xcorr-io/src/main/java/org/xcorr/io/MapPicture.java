package org.xcorr.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import org.xcorr.array.NdArray;

/**
 * Colour-mapped pictures of maps (NCC surfaces, similarity maps, correlation surfaces) that carry their value
 * range: below the map, a colour bar with the value of its left end, its right end, and its middle mark ({@code 0}
 * when the range spans zero; {@code log} on a logarithmic scale), so a reader can tell 0.3 from 0.99 without the
 * data file.
 *
 * <p><b>Layout.</b> The map as {@link Pictures} draws it (one plane of a 3-D array, 1-D as a strip), enlarged by
 * {@link Pictures#autoScale} when its longer side is under {@value Pictures#MIN_LONG_SIDE} pixels; the canvas is at
 * least {@value #MIN_WIDTH} pixels wide (the map centred) and {@value #BAND} pixels taller than the map, on white.
 * The bar spans the canvas less an {@value #MARGIN}-pixel margin per side; column {@code i} of {@code n} shows
 * {@code t = i / (n - 1)}. Labels are drawn with a 5×7 bitmap font at twice its size, three significant digits.
 *
 * <p><b>Scales.</b> Linear over a given range ({@code [-1, 1]} for NCC maps, so pictures of different maps
 * compare) or over the finite data range; logarithmic over {@code [floor, max]} of {@code |v|} for surfaces
 * whose peak dwarfs everything else (a phase-correlation surface is one bright pixel on a flat field in a linear
 * picture): {@code floor} is the 1st percentile of the nonzero {@code |v|}, kept between {@code max·1e-8} and
 * {@code max·1e-1}.
 */
public final class MapPicture {

    /** The smallest canvas width, so that the bar and its labels fit under small maps. */
    public static final int MIN_WIDTH = 240;
    /** The height added under the map for the bar and the labels. */
    public static final int BAND = 42;
    /** Left and right margin of the bar. */
    public static final int MARGIN = 8;
    /** The bar's height. */
    public static final int BAR_HEIGHT = 12;
    /** The bar's distance below the map. */
    public static final int BAR_TOP = 6;
    /** The labels' magnification of the 5×7 font, and their distance below the bar. */
    static final int FONT_SCALE = 2;
    static final int LABEL_GAP = 4;

    private MapPicture() {
    }

    /**
     * Draws {@code map} in {@code colours} over the linear range [{@code lo}, {@code hi}] with the colour bar;
     * values outside are clamped to the ends. NaN bounds mean the data's finite minimum or maximum.
     *
     * @throws IllegalArgumentException if the array is complex, or lo &gt; hi
     */
    public static BufferedImage linear(NdArray map, ColorMap colours, double lo, double hi) {
        NdArray p = Pictures.plane(map, Pictures.middlePlane(map));
        double[] v = p.backingReal();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        double a = Double.isNaN(lo) ? (min <= max ? min : 0) : lo;
        double b = Double.isNaN(hi) ? (min <= max ? max : 0) : hi;
        if (a > b) {
            throw new IllegalArgumentException("colour range [" + lo + ", " + hi + "] is empty");
        }
        double[] t = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = b > a ? (v[i] - a) / (b - a) : Double.isNaN(v[i]) ? Double.NaN : 0.5;
        }
        String middle = a < 0 && b > 0 ? "0" : "";
        double middleAt = a < 0 && b > 0 ? -a / (b - a) : 0.5;
        return draw(p, t, colours, label(a), label(b), middle, middleAt);
    }

    /**
     * Draws {@code |map|} in {@code colours} on a logarithmic scale from a floor to the maximum (see the class
     * comment), with the colour bar labelled with the floor, {@code log} and the maximum.
     *
     * @throws IllegalArgumentException if the array is complex
     */
    public static BufferedImage logarithmic(NdArray map, ColorMap colours) {
        NdArray p = Pictures.plane(map, Pictures.middlePlane(map));
        double[] v = p.backingReal();
        double max = 0;
        int nonzero = 0;
        for (double x : v) {
            if (Double.isFinite(x) && x != 0) {
                max = Math.max(max, Math.abs(x));
                nonzero++;
            }
        }
        if (max == 0) {
            return linear(map, colours, Double.NaN, Double.NaN);
        }
        // a sample of at most 65536 values is enough for a percentile and keeps large surfaces cheap
        int stride = Math.max(1, nonzero / 65536);
        double[] sample = new double[nonzero / stride + 1];
        int n = 0;
        int seen = 0;
        for (double x : v) {
            if (Double.isFinite(x) && x != 0 && seen++ % stride == 0 && n < sample.length) {
                sample[n++] = Math.abs(x);
            }
        }
        Arrays.sort(sample, 0, n);
        double floor = Math.min(max * 1e-1, Math.max(max * 1e-8, sample[n / 100]));
        double logFloor = Math.log10(floor);
        double span = Math.log10(max) - logFloor;
        double[] t = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = Double.isNaN(v[i]) ? Double.NaN : (Math.log10(Math.max(Math.abs(v[i]), floor)) - logFloor) / span;
        }
        return draw(p, t, colours, label(floor), label(max), "log", 0.5);
    }

    /** Writes {@link #linear} as a PNG, atomically. */
    public static void writeLinear(Path path, NdArray map, ColorMap colours, double lo, double hi) throws IOException {
        requireReal(path, map);
        Pictures.writePng(path, linear(map, colours, lo, hi));
    }

    /** Writes {@link #logarithmic} as a PNG, atomically. */
    public static void writeLogarithmic(Path path, NdArray map, ColorMap colours) throws IOException {
        requireReal(path, map);
        Pictures.writePng(path, logarithmic(map, colours));
    }

    /** The label text of a bound: three significant digits, shortest form ({@code -1.0}, {@code 0.993}, {@code 1e-06}). */
    static String label(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        double rounded = value == 0 ? 0 : new BigDecimal(value).round(new MathContext(3)).doubleValue();
        return ShortestDecimal.toString(rounded);
    }

    private static BufferedImage draw(NdArray plane, double[] t, ColorMap colours, String lo, String hi,
            String middle, double middleAt) {
        int h = plane.shape(0);
        int w = plane.shape(1);
        int scale = Pictures.autoScale(h, w);
        int mapW = Math.multiplyExact(w, scale);
        int mapH = Math.multiplyExact(h, scale);
        int width = Math.max(mapW, MIN_WIDTH);
        BufferedImage image = new BufferedImage(width, mapH + BAND, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        Arrays.fill(row, 0xffffff);
        for (int y = 0; y < image.getHeight(); y++) {
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        int left = (width - mapW) / 2;
        int[] line = new int[mapW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = colours.rgb(t[y * w + x]);
                Arrays.fill(line, x * scale, (x + 1) * scale, rgb);
            }
            for (int k = 0; k < scale; k++) {
                image.setRGB(left, y * scale + k, mapW, 1, line, 0, mapW);
            }
        }
        int barW = width - 2 * MARGIN;
        int barY = mapH + BAR_TOP;
        for (int i = 0; i < barW; i++) {
            int rgb = colours.rgb(barW == 1 ? 0.5 : i / (double) (barW - 1));
            for (int y = barY; y < barY + BAR_HEIGHT; y++) {
                image.setRGB(MARGIN + i, y, rgb);
            }
        }
        int labelY = barY + BAR_HEIGHT + LABEL_GAP;
        BitmapFont.draw(image, lo, MARGIN, labelY, FONT_SCALE, 0x000000);
        BitmapFont.draw(image, hi, width - MARGIN - BitmapFont.width(hi, FONT_SCALE), labelY, FONT_SCALE, 0x000000);
        if (!middle.isEmpty()) {
            int mid = MARGIN + (int) Math.round(middleAt * (barW - 1));
            int mw = BitmapFont.width(middle, FONT_SCALE);
            // the middle label gives way to the end labels when they would overlap
            int x = mid - mw / 2;
            if (x > MARGIN + BitmapFont.width(lo, FONT_SCALE) + 4
                    && x + mw < width - MARGIN - BitmapFont.width(hi, FONT_SCALE) - 4) {
                BitmapFont.draw(image, middle, x, labelY, FONT_SCALE, 0x000000);
                for (int y = barY + BAR_HEIGHT; y < labelY - 1; y++) {
                    image.setRGB(mid, y, 0x000000); // a tick under the bar
                }
            }
        }
        return image;
    }

    private static void requireReal(Path path, NdArray array) throws InputException {
        if (array.isComplex()) {
            throw new InputException(path + ": cannot draw a complex array as a PNG picture; write .npy instead");
        }
    }
}
