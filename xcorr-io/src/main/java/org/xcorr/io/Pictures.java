package org.xcorr.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.xcorr.array.NdArray;

/**
 * Pictures of arrays as PNG files: colour-mapped maps (optionally with a marked position) and grey images,
 * for debug output and {@code .png} outputs. All writes are atomic ({@link AtomicFiles}).
 *
 * <p><b>Scaling of values.</b> Colours span the finite values min to max: {@code t = (v - min) / (max - min)}
 * looked up in a {@link ColorMap}; a constant array is drawn in the middle colour ({@code t = 0.5}),
 * +infinity as the top colour, -infinity as the bottom one, NaN in the map's NaN colour.
 *
 * <p><b>Which plane.</b> A 2-D array (rows, columns) is drawn as it is, row 0 at the top. A 1-D array of
 * length {@code n} is drawn as a horizontal strip {@code n} wide and {@code max(1, n / 8)} tall, every row the
 * same. A 3-D array (planes, rows, columns) is drawn as one plane: the middle one, {@code shape(0) / 2}, or
 * with a marker the plane nearest the marker's axis-0 position.
 *
 * <p><b>Size.</b> {@link #writeColourMapped} draws one pixel per element (the picture has the array's shape).
 * The debug pictures ({@link #writeMarked}, {@link #writeGrey}) enlarge small arrays by the integer factor
 * {@link #autoScale} (each element a square block, no smoothing) so that the longer side is at least
 * {@link #MIN_LONG_SIDE} pixels and a marker has room.
 */
public final class Pictures {

    /** The debug pictures enlarge arrays until the longer side is at least this many pixels. */
    public static final int MIN_LONG_SIDE = 256;

    private Pictures() {
    }

    /**
     * Draws a real array in {@code map}, one {@code scale x scale} block of pixels per element (see the class
     * comment for 1-D and 3-D arrays and for the value scaling).
     *
     * @throws IllegalArgumentException if the array is complex or {@code scale < 1}
     */
    public static BufferedImage colourMapped(NdArray array, ColorMap map, int scale) {
        return colourMapped(array, map, scale, middlePlane(array));
    }

    private static BufferedImage colourMapped(NdArray array, ColorMap map, int scale, int plane) {
        checkScale(scale);
        checkSize(array, scale);
        NdArray p = plane(array, plane);
        int h = p.shape(0);
        int w = p.shape(1);
        double[] v = p.backingReal();
        Images.Scaling s = Images.Scaling.of(v);
        BufferedImage image = new BufferedImage(Math.multiplyExact(w, scale), Math.multiplyExact(h, scale),
                BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w * scale];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = map.rgb(s.unit(v[y * w + x]));
                for (int k = 0; k < scale; k++) {
                    row[x * scale + k] = rgb;
                }
            }
            for (int k = 0; k < scale; k++) {
                image.setRGB(0, y * scale + k, w * scale, 1, row, 0, w * scale);
            }
        }
        return image;
    }

    /**
     * Draws a real array as 8-bit grey scaled min to max ({@link Images#toScaledGrey}), one
     * {@code scale x scale} block per element (see the class comment for 1-D and 3-D arrays).
     *
     * @throws IllegalArgumentException if the array is complex or {@code scale < 1}
     */
    public static BufferedImage grey(NdArray array, int scale) {
        checkScale(scale);
        checkSize(array, scale);
        BufferedImage small = Images.toScaledGrey(plane(array, middlePlane(array)));
        if (scale == 1) {
            return small;
        }
        int w = small.getWidth();
        int h = small.getHeight();
        BufferedImage big = new BufferedImage(Math.multiplyExact(w, scale), Math.multiplyExact(h, scale),
                BufferedImage.TYPE_BYTE_GRAY);
        int[] in = new int[w];
        int[] out = new int[w * scale];
        for (int y = 0; y < h; y++) {
            small.getRaster().getSamples(0, y, w, 1, 0, in);
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < scale; k++) {
                    out[x * scale + k] = in[x];
                }
            }
            for (int k = 0; k < scale; k++) {
                big.getRaster().setSamples(0, y * scale + k, w * scale, 1, 0, out);
            }
        }
        return big;
    }

    /**
     * Writes {@code array} as a colour-mapped PNG, one pixel per element; what {@code ArrayFiles.write}
     * does for {@code .png}.
     *
     * @throws InputException if the array is complex or the file cannot be written
     */
    public static void writeColourMapped(Path path, NdArray array, ColorMap map) throws IOException {
        requireReal(path, array);
        writePng(path, colourMapped(array, map, 1));
    }

    /**
     * Writes a viridis PNG of {@code map} (for example a correlation surface), enlarged by
     * {@link #autoScale}, with a marker at {@code position}: a circle and a crosshair, white drawn over black
     * so it shows on every colour, centred on the element at {@code position} (array indices, one per axis,
     * may be fractional; integer values are element centres). The crosshair leaves the centre open so the
     * marked element stays visible. A marker outside the array is not drawn (the picture is still written).
     * For 3-D the plane nearest {@code position[0]} is drawn.
     *
     * @param position one coordinate per axis of {@code map}
     * @throws IllegalArgumentException if {@code position} has the wrong length or a NaN coordinate
     * @throws InputException if the array is complex or the file cannot be written
     */
    public static void writeMarked(Path path, NdArray map, double... position) throws IOException {
        requireReal(path, map);
        writePng(path, markedPicture(map, position));
    }

    /**
     * The picture {@link #writeMarked} writes: {@code map} in viridis, enlarged by {@link #autoScale}, with the
     * marker at {@code position}.
     *
     * @throws IllegalArgumentException if the array is complex, or {@code position} has the wrong length or a
     *     NaN coordinate
     */
    public static BufferedImage markedPicture(NdArray map, double... position) {
        if (position.length != map.rank()) {
            throw new IllegalArgumentException("marker position has " + position.length
                    + " coordinates; the array " + map.shapeString() + " has " + map.rank() + " axes");
        }
        for (double c : position) {
            if (Double.isNaN(c)) {
                throw new IllegalArgumentException("marker position has a NaN coordinate");
            }
        }
        int plane = middlePlane(map);
        double row;
        double col;
        if (map.rank() == 1) {
            row = (stripRows(map.shape(0)) - 1) / 2.0;
            col = position[0];
        } else if (map.rank() == 2) {
            row = position[0];
            col = position[1];
        } else {
            plane = (int) Math.max(0, Math.min(map.shape(0) - 1, Math.round(position[0])));
            row = position[1];
            col = position[2];
        }
        NdArray p = plane(map, plane);
        int scale = autoScale(p.shape(0), p.shape(1));
        BufferedImage image = colourMapped(map, ColorMap.VIRIDIS, scale, plane);
        drawMarker(image, (col + 0.5) * scale, (row + 0.5) * scale, scale);
        return image;
    }

    /**
     * Writes a grey PNG of {@code image} scaled min to max (8 bits), enlarged by {@link #autoScale}.
     *
     * @throws InputException if the array is complex or the file cannot be written
     */
    public static void writeGrey(Path path, NdArray image) throws IOException {
        requireReal(path, image);
        writePng(path, greyPicture(image));
    }

    /**
     * Writes {@code image} as a grey PNG of its values themselves, one pixel per element (see the class comment
     * for 1-D and 3-D): with {@code bits} 8 or 16, each value rounded and clamped to 0..255 or 0..65535, so an
     * image read from an 8-bit or 16-bit file comes back with its grey levels (a shifted or aligned frame looks
     * like the frame); with {@code bits} 0, scaled min to max to 8 bits ({@link Images#toScaledGrey}).
     * {@link #greyBits} picks {@code bits} from the image the values came from.
     *
     * @throws IllegalArgumentException if {@code bits} is not 0, 8 or 16
     * @throws InputException if the array is complex or the file cannot be written
     */
    public static void writeGreyLevels(Path path, NdArray image, int bits) throws IOException {
        requireReal(path, image);
        NdArray p = plane(image, middlePlane(image));
        if (bits == 0) {
            writePng(path, Images.toScaledGrey(p));
            return;
        }
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("bits must be 0, 8 or 16, got " + bits);
        }
        int h = p.shape(0);
        int w = p.shape(1);
        int top = bits == 8 ? 255 : 65535;
        BufferedImage out = new BufferedImage(w, h, bits == 8 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_USHORT_GRAY);
        double[] v = p.backingReal();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = v[y * w + x];
                row[x] = Double.isNaN(d) ? 0 : (int) Math.max(0, Math.min(top, Math.rint(d)));
            }
            out.getRaster().setSamples(0, y, w, 1, 0, row);
        }
        writePng(path, out);
    }

    /**
     * The grey depth that holds {@code image}'s values as they are: 8 when every value is an integer in
     * 0..255 (an 8-bit file), 16 for integers in 0..65535, else 0 (scale min to max).
     */
    public static int greyBits(NdArray image) {
        if (image.isComplex()) {
            return 0;
        }
        double max = 0;
        for (double d : image.backingReal()) {
            if (!(d >= 0 && d <= 65535 && d == Math.rint(d))) {
                return 0;
            }
            max = Math.max(max, d);
        }
        return max <= 255 ? 8 : 16;
    }

    /**
     * The picture {@link #writeGrey} writes: {@code image} in grey scaled min to max, enlarged by
     * {@link #autoScale}.
     *
     * @throws IllegalArgumentException if the array is complex
     */
    public static BufferedImage greyPicture(NdArray image) {
        NdArray p = plane(image, middlePlane(image));
        return grey(image, autoScale(p.shape(0), p.shape(1)));
    }

    /**
     * Writes any image as PNG, atomically. The picture is encoded in memory first, so the file is written in one
     * go and an I/O error names {@code path} and its cause ("cannot write PATH: No space left on device").
     */
    public static void writePng(Path path, BufferedImage image) throws IOException {
        byte[] png = png(image);
        AtomicFiles.write(path, out -> out.write(png));
    }

    /** {@code image} encoded as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), null);
        } catch (IOException e) {
            // only memory is written
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The enlargement used by the debug pictures for a plane of {@code rows x columns}: the smallest integer
     * {@code s >= 1} with {@code s * max(rows, columns) >= MIN_LONG_SIDE}.
     */
    public static int autoScale(int rows, int columns) {
        int longSide = Math.max(1, Math.max(rows, columns));
        return Math.max(1, (MIN_LONG_SIDE + longSide - 1) / longSide);
    }

    private static void drawMarker(BufferedImage image, double x, double y, int scale) {
        if (x < 0 || y < 0 || x > image.getWidth() || y > image.getHeight()) {
            return;
        }
        // large enough to find at a glance when the picture is shown shrunk (the report shows it 340 px wide)
        double radius = Math.max(Math.max(8, 2.0 * scale), Math.max(image.getWidth(), image.getHeight()) / 32.0);
        Path2D.Double shape = new Path2D.Double();
        shape.append(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius), false);
        double inner = 0.5 * radius;
        double outer = 1.8 * radius;
        Shape[] arms = {
            new Line2D.Double(x - outer, y, x - inner, y), new Line2D.Double(x + inner, y, x + outer, y),
            new Line2D.Double(x, y - outer, x, y - inner), new Line2D.Double(x, y + inner, x, y + outer)};
        for (Shape arm : arms) {
            shape.append(arm, false);
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        } finally {
            g.dispose();
        }
    }

    static int middlePlane(NdArray array) {
        return array.rank() == 3 ? array.shape(0) / 2 : 0;
    }

    private static int stripRows(int n) {
        return Math.max(1, n / 8);
    }

    /** The 2-D plane drawn for {@code array}: itself, a 1-D strip, or plane {@code index} of a 3-D array. */
    static NdArray plane(NdArray array, int index) {
        if (array.isComplex()) {
            throw new IllegalArgumentException("a complex array " + array.shapeString()
                    + " cannot be drawn; draw its real part or modulus");
        }
        double[] v = array.backingReal();
        switch (array.rank()) {
            case 1: {
                int n = v.length;
                int rows = stripRows(n);
                double[] strip = new double[Math.multiplyExact(rows, n)];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(v, 0, strip, r * n, n);
                }
                return NdArray.wrap(strip, rows, n);
            }
            case 2:
                return array;
            default: {
                int plane = array.shape(1) * array.shape(2);
                double[] out = new double[plane];
                System.arraycopy(v, index * plane, out, 0, plane);
                return NdArray.wrap(out, array.shape(1), array.shape(2));
            }
        }
    }

    /** The largest picture drawn, in pixels: what one Java array (of a BufferedImage) can hold. */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

    /**
     * Rejects an array whose picture (at {@code scale}) would have more than {@link #MAX_PIXELS} pixels, before any
     * size arithmetic can overflow.
     */
    private static void checkSize(NdArray array, int scale) {
        long rows;
        long cols;
        if (array.rank() == 1) {
            cols = array.shape(0);
            rows = stripRows(array.shape(0));
        } else {
            rows = array.shape(array.rank() - 2);
            cols = array.shape(array.rank() - 1);
        }
        double pixels = (double) rows * cols * scale * scale;
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException("array " + array.shapeString() + " is too large to draw: its picture"
                    + " would be " + rows * scale + "x" + cols * scale + " pixels (at most " + MAX_PIXELS
                    + "); write .npy or .tif instead");
        }
    }

    private static void checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
    }

    private static void requireReal(Path path, NdArray array) throws InputException {
        if (array.isComplex()) {
            throw new InputException(path + ": cannot draw a complex array as a PNG picture; write .npy instead");
        }
    }
}
