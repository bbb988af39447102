package org.xcorr.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;
import org.xcorr.array.NdArray;

/**
 * Raster images (PNG, JPEG, BMP, GIF, TIFF) to and from arrays, through the JDK's ImageIO (TIFF plugin since
 * Java 9); no third-party library.
 *
 * <p><b>Values.</b> Samples keep their numeric range: an 8-bit image gives 0..255, a 16-bit PNG 0..65535,
 * a signed 16-bit TIFF -32768..32767, a float TIFF its floats, all as doubles, never rescaled. Axis 0 is the
 * row (y, top to bottom), axis 1 the column (x, left to right).
 *
 * <p><b>Colour.</b> Grey images give their samples directly. Colour images (RGB, palette, JPEG YCbCr) are
 * converted to luminance with the ITU-R BT.601 weights used by MATLAB {@code rgb2gray} and OpenCV
 * {@code COLOR_RGB2GRAY}: {@code Y = 0.299 R + 0.587 G + 0.114 B}, evaluated as
 * {@code R + 0.587 (G - R) + 0.114 (B - R)} (the same value to rounding) so that grey pixels
 * ({@code R = G = B}) come out exactly. Unlike MATLAB and OpenCV the result is not rounded to an integer.
 * Alpha is ignored. A palette image maps each index through its palette first, so a grey palette gives the
 * grey levels. Colour spaces other than grey and RGB (CMYK JPEG, for example) are converted to 8-bit sRGB by
 * ImageIO first. PNG gamma and ICC profiles are not applied: the stored samples are the data.
 *
 * <p><b>TIFF.</b> 8/16/32-bit unsigned and signed integer, 16/32/64-bit float, uncompressed or compressed
 * with anything the JDK plugin decodes (tested here: PackBits, LZW, Deflate; the plugin also does JPEG and
 * CCITT), strips or tiles, one sample
 * per pixel (grey) or RGB. ImageIO stores signed 8-bit samples as unsigned bytes, unsigned 32-bit samples
 * as signed ints and 16-bit floats as raw bits; {@link #read(Path)} reads the TIFF {@code SampleFormat}
 * tag and corrects all three, so no separate TIFF decoder is needed. A TIFF with several full-resolution
 * pages of equal size reads as a 3-D stack (page, row, column); reduced-resolution pages (thumbnails,
 * {@code NewSubfileType} bit 0) are skipped. 64-bit integer TIFFs are not supported by ImageIO and are
 * reported as unsupported.
 *
 * <p><b>GIF.</b> Only the first frame of an animated GIF is read.
 */
public final class Images {

    /** BT.601 luma weight of green. */
    public static final double GREEN_WEIGHT = 0.587;
    /** BT.601 luma weight of blue. */
    public static final double BLUE_WEIGHT = 0.114;
    /** BT.601 luma weight of red, {@code 1 - 0.587 - 0.114 = 0.299}. */
    public static final double RED_WEIGHT = 0.299;

    private static final int TAG_NEW_SUBFILE_TYPE = 254;

    private Images() {
    }

    /**
     * Reads a PNG, JPEG, BMP, GIF or TIFF file into a 2-D array (rows, columns), or a 3-D array (pages, rows,
     * columns) for a TIFF with several pages of equal size. The format is recognised from the content, not
     * the extension.
     *
     * @throws InputException naming the file when it is missing, not an image, corrupt, truncated, or of an
     *     unsupported kind
     */
    public static NdArray read(Path path) throws IOException {
        return read(path, Grey.BT601);
    }

    /**
     * {@link #read(Path)} with colour images converted to grey by {@code grey} ({@link Grey}).
     *
     * @throws InputException as {@link #read(Path)}
     */
    public static NdArray read(Path path, Grey grey) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InputException(path + ": file not found");
        }
        if (Files.size(path) == 0) {
            throw new InputException(path + ": empty file (0 bytes), not an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new InputException(path + ": cannot open the file as an image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InputException(path + ": not a PNG, JPEG, BMP, GIF or TIFF image (unrecognised content)");
            }
            ImageReader reader = readers.next();
            String format = formatName(reader.getFormatName());
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, false, false);
                NdArray result = format.equals("TIFF") ? readTiffPages(reader, path, grey) : toArray(reader.read(0), grey);
                // libjpeg reports a truncated or damaged JPEG only as a warning and fills the rest with grey.
                if (!warnings.isEmpty() && format.equals("JPEG")) {
                    throw new InputException(path + ": corrupt or truncated " + format + " image ("
                            + oneLine(warnings.get(0)) + ")");
                }
                return result;
            } catch (InputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InputException(path + ": corrupt, truncated or unsupported " + format + " image ("
                        + describe(e) + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static NdArray readTiffPages(ImageReader reader, Path path, Grey grey) throws IOException {
        int pages = reader.getNumImages(true);
        List<NdArray> planes = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            TIFFDirectory dir = TIFFDirectory.createFromMetadata(reader.getImageMetadata(i));
            TIFFField subfile = dir.getTIFFField(TAG_NEW_SUBFILE_TYPE);
            if (subfile != null && (subfile.getAsLong(0) & 1) != 0 && i > 0) {
                continue;
            }
            NdArray plane = tiffPage(reader.read(i), dir, path, grey);
            if (!planes.isEmpty() && !java.util.Arrays.equals(plane.shape(), planes.get(0).shape())) {
                throw new InputException(path + ": TIFF pages differ in size (page 0 is "
                        + planes.get(0).shapeString() + ", page " + i + " is " + plane.shapeString()
                        + "); cannot stack them into one array");
            }
            planes.add(plane);
        }
        if (planes.size() == 1) {
            return planes.get(0);
        }
        int rows = planes.get(0).shape(0);
        int cols = planes.get(0).shape(1);
        double[] stack = new double[Math.multiplyExact(planes.size(), rows * cols)];
        for (int p = 0; p < planes.size(); p++) {
            System.arraycopy(planes.get(p).backingReal(), 0, stack, p * rows * cols, rows * cols);
        }
        return NdArray.wrap(stack, planes.size(), rows, cols);
    }

    /** One TIFF page, with the sample-format corrections ImageIO leaves to the caller. */
    private static NdArray tiffPage(BufferedImage image, TIFFDirectory dir, Path path, Grey grey)
            throws InputException {
        TIFFField formatField = dir.getTIFFField(BaselineTIFFTagSet.TAG_SAMPLE_FORMAT);
        TIFFField bitsField = dir.getTIFFField(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE);
        int sampleFormat = formatField == null ? BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER
                : formatField.getAsInt(0);
        int bits = bitsField == null ? 1 : bitsField.getAsInt(0);
        int dataType = image.getRaster().getDataBuffer().getDataType();
        boolean palette = image.getColorModel() instanceof IndexColorModel;
        if (palette) {
            return toArray(image, grey);
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER && bits == 8
                && dataType == DataBuffer.TYPE_BYTE) {
            return convertSamples(image, grey, v -> (byte) v);
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER && bits == 32
                && dataType == DataBuffer.TYPE_INT) {
            return convertSamples(image, grey, v -> v & 0xffffffffL);
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT && bits == 16
                && (dataType == DataBuffer.TYPE_USHORT || dataType == DataBuffer.TYPE_SHORT)) {
            return convertSamples(image, grey, v -> halfToDouble(v));
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT
                && dataType != DataBuffer.TYPE_FLOAT && dataType != DataBuffer.TYPE_DOUBLE) {
            throw new InputException(path + ": unsupported TIFF: " + bits + "-bit floating-point samples");
        }
        return toArray(image, grey);
    }

    @FunctionalInterface
    private interface SampleConversion {
        double apply(int rawSample);
    }

    /** Applies {@code conversion} to the integer samples, then to luminance when there are colour bands. */
    private static NdArray convertSamples(BufferedImage image, Grey grey, SampleConversion conversion) {
        Raster r = image.getRaster();
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = colourBands(image.getColorModel(), r.getNumBands());
        double[] out = new double[w * h];
        int[] row = new int[w];
        int[] g = bands == 3 ? new int[w] : null;
        int[] b = bands == 3 ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            if (bands == 3) {
                r.getSamples(0, y, w, 1, 1, g);
                r.getSamples(0, y, w, 1, 2, b);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = grey.apply(conversion.apply(row[x]), conversion.apply(g[x]),
                            conversion.apply(b[x]));
                }
            } else {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = conversion.apply(row[x]);
                }
            }
        }
        return NdArray.wrap(out, h, w);
    }

    /**
     * Converts an image to a 2-D array (rows = height, columns = width) of grey values, keeping the samples'
     * numeric range (see the class comment): grey samples as stored (alpha ignored), colour as BT.601
     * luminance {@code 0.299 R + 0.587 G + 0.114 B} of the stored samples, palette indices through the
     * palette. The image is not changed.
     */
    public static NdArray toArray(BufferedImage image) {
        return toArray(image, Grey.BT601);
    }

    /** {@link #toArray(BufferedImage)} with colour converted to grey by {@code grey} ({@link Grey}). */
    public static NdArray toArray(BufferedImage image, Grey grey) {
        ColorModel cm = image.getColorModel();
        Raster r = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        double[] out = new double[Math.multiplyExact(w, h)];
        if (cm instanceof IndexColorModel) {
            IndexColorModel icm = (IndexColorModel) cm;
            int[] idx = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int i = idx[x];
                    out[y * w + x] = grey.apply(icm.getRed(i), icm.getGreen(i), icm.getBlue(i));
                }
            }
            return NdArray.wrap(out, h, w);
        }
        int bands = colourBands(cm, r.getNumBands());
        if (bands == 0) {
            // Neither grey nor RGB (CMYK, Lab, ...): let ImageIO convert to 8-bit sRGB.
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    out[y * w + x] = grey.apply(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
                }
            }
            return NdArray.wrap(out, h, w);
        }
        double[] red = new double[w];
        double[] green = bands == 3 ? new double[w] : null;
        double[] blue = bands == 3 ? new double[w] : null;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, red);
            if (bands == 3) {
                r.getSamples(0, y, w, 1, 1, green);
                r.getSamples(0, y, w, 1, 2, blue);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = grey.apply(red[x], green[x], blue[x]);
                }
            } else {
                System.arraycopy(red, 0, out, y * w, w);
            }
        }
        return NdArray.wrap(out, h, w);
    }

    /** 1 for grey, 3 for RGB (first three raster bands), 0 for colour spaces read through getRGB. */
    private static int colourBands(ColorModel cm, int rasterBands) {
        int type = cm.getColorSpace().getType();
        if (type == ColorSpace.TYPE_GRAY) {
            return 1;
        }
        if (type == ColorSpace.TYPE_RGB && rasterBands >= 3) {
            return 3;
        }
        return 0;
    }

    /** BT.601 luma, exact for grey pixels (see the class comment). */
    static double luminance(double red, double green, double blue) {
        return red + GREEN_WEIGHT * (green - red) + BLUE_WEIGHT * (blue - red);
    }

    /**
     * Converts a 2-D array to a one-band grey image of 32-bit float samples holding the values themselves
     * (rounded to float; not scaled), width = columns, height = rows. {@link #toArray} gives the values back
     * exactly when they are floats. Such an image suits processing and {@link Tiff}, not PNG writers; for a
     * picture use {@link #toScaledGrey(NdArray)}.
     *
     * @throws IllegalArgumentException if the array is not 2-D or is complex
     */
    public static BufferedImage toBufferedImage(NdArray array) {
        require2dReal(array, "array");
        int h = array.shape(0);
        int w = array.shape(1);
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        raster.setSamples(0, 0, w, h, 0, array.backingReal());
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * Converts a 2-D array to an 8-bit grey image scaled min to max over its finite values:
     * {@code round(255 (v - min) / (max - min))}; a constant array gives 128 everywhere, NaN gives 0,
     * +infinity 255 and -infinity 0.
     *
     * @throws IllegalArgumentException if the array is not 2-D or is complex
     */
    public static BufferedImage toScaledGrey(NdArray array) {
        require2dReal(array, "array");
        int h = array.shape(0);
        int w = array.shape(1);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        double[] v = array.backingReal();
        Scaling s = Scaling.of(v);
        int[] row = new int[w];
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = s.unit(v[y * w + x]);
                row[x] = Double.isNaN(t) ? 0 : (int) Math.round(t * 255);
            }
            raster.setSamples(0, y, w, 1, 0, row);
        }
        return image;
    }

    static void require2dReal(NdArray array, String name) {
        if (array.rank() != 2) {
            throw new IllegalArgumentException(name + " must be 2-D for an image, got shape " + array.shapeString());
        }
        if (array.isComplex()) {
            throw new IllegalArgumentException(name + " is complex; an image holds real values");
        }
    }

    /** An IEEE 754 half-precision value (the low 16 bits of {@code h}) as a double; exact (NumPy float16, TIFF). */
    static double halfToDouble(int h) {
        int bits = h & 0xffff;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        double v;
        if (exp == 0) {
            v = mant * 0x1p-24;
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = Math.scalb(1 + mant / 1024.0, exp - 15);
        }
        return (bits >>> 15) == 1 ? -v : v;
    }

    private static String formatName(String imageIoName) {
        String f = imageIoName.toUpperCase(Locale.ROOT);
        return f.equals("TIF") ? "TIFF" : f.equals("JPG") ? "JPEG" : f;
    }

    /** The exception's message and its cause's, one line; end of file said in words. */
    static String describe(Throwable e) {
        String s = message(e);
        Throwable c = e.getCause();
        if (c != null && !s.contains(message(c))) {
            s = s + ": " + message(c);
        }
        return oneLine(s);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException) {
            return m == null || m.isBlank() ? "unexpected end of file" : "unexpected end of file, " + m;
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }

    /** Min and max of the finite values, and the map of a value to [0, 1] for pictures. */
    static final class Scaling {
        final double min;
        final double max;

        private Scaling(double min, double max) {
            this.min = min;
            this.max = max;
        }

        static Scaling of(double[] v) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (x < lo && x > Double.NEGATIVE_INFINITY) {
                    lo = x;
                }
                if (x > hi && x < Double.POSITIVE_INFINITY) {
                    hi = x;
                }
            }
            return new Scaling(lo, hi);
        }

        /** (v - min) / (max - min); 0.5 when constant; 0/1 for -inf/+inf; NaN for NaN. */
        double unit(double v) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (v == Double.POSITIVE_INFINITY) {
                return 1;
            }
            if (v == Double.NEGATIVE_INFINITY) {
                return 0;
            }
            double range = max - min;
            if (!(range > 0) || Double.isInfinite(range)) {
                // Constant, or a range too wide for a double: fall back to the middle / a safe form.
                return range > 0 ? (v / 2 - min / 2) / (max / 2 - min / 2) : 0.5;
            }
            return (v - min) / range;
        }
    }
}
