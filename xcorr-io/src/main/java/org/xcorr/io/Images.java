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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
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
 * converted to luminance, by default ({@link Grey} chooses BT.709 or one channel instead) with the ITU-R BT.601
 * weights used by MATLAB {@code rgb2gray} and OpenCV
 * {@code COLOR_RGB2GRAY}: {@code Y = 0.299 R + 0.587 G + 0.114 B}, evaluated as
 * {@code R + 0.587 (G - R) + 0.114 (B - R)} (the same value to rounding) so that grey pixels
 * ({@code R = G = B}) come out exactly. Unlike MATLAB and OpenCV the result is not rounded to an integer.
 * Alpha is ignored. A palette image maps each index through its palette first, so a grey palette gives the
 * grey levels. Colour spaces other than grey and RGB (CMYK JPEG, for example) are converted to 8-bit sRGB by
 * ImageIO first. PNG gamma and ICC profiles are not applied: the stored samples are the data.
 *
 * <p><b>Bit depths.</b> Every sample is read as stored, whatever its depth: a 1-bit grey image gives 0 and 1,
 * a 4-bit one 0..15, a 12-bit one 0..4095 (PNG grey of 1, 2 or 4 bits and TIFF of 1 to 16 bits alike; ImageIO
 * maps the first to 0..255, or, with a {@code tRNS} chunk, scales it to 8 bits, and scales the others to 16 bits,
 * and this reader undoes all three). A TIFF with
 * {@code PhotometricInterpretation} WhiteIsZero is inverted by ImageIO ({@code max - v}), so that larger means
 * brighter in every grey image. Depths that ImageIO cannot give back as stored are refused in one line: integer
 * samples of 17 to 31 or 64 bits, signed samples other than 8/16/32 bits, floats other than 16/32/64 bits.
 *
 * <p><b>TIFF.</b> Unsigned integer of 1 to 16 and 32 bits, signed 8/16/32-bit, 16/32/64-bit float,
 * uncompressed or compressed with anything the JDK plugin decodes (tested here: PackBits, LZW, Deflate; the
 * plugin also does JPEG and CCITT), strips or tiles, one sample per pixel (grey), palette or RGB. ImageIO stores
 * signed 8-bit samples as unsigned bytes, unsigned 32-bit samples as signed ints and 16-bit floats as raw bits;
 * {@link #read(Path)} reads the TIFF {@code SampleFormat} tag and corrects all three, so no separate TIFF decoder
 * is needed. A TIFF with several full-resolution pages of equal size reads as a 3-D stack (page, row, column);
 * reduced-resolution pages (thumbnails, {@code NewSubfileType} bit 0) are skipped. Before ImageIO sees the file,
 * the chain of image directories is walked here ({@link TiffDirectories}): a chain that loops, an offset or a
 * strip outside the file, and more than 65536 pages are refused in one line, and the declared size of all pages
 * is checked against {@link ReadLimits} before any page is decoded.
 *
 * <p><b>Size.</b> The declared width and height (TIFF directories, PNG {@code IHDR}, the JPEG/BMP/GIF header)
 * are checked against {@link ReadLimits} before decoding, so a decompression bomb fails at once.
 *
 * <p><b>PNG.</b> Decoded by {@link PngReader}, not ImageIO (a one-shot command's first read was mostly ImageIO's
 * start-up), with the same values as the ImageIO path described here, bit for bit; ImageIO still reads the rare
 * layouts that class leaves aside. A PNG whose critical chunks ({@code IHDR}, {@code PLTE}, {@code IDAT}) fail their
 * CRC-32, or that holds an unknown critical chunk, is refused in one line (ImageIO read both).
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

    private Images() {
    }

    /**
     * Reads a PNG, JPEG, BMP, GIF or TIFF file into a 2-D array (rows, columns), or a 3-D array (pages, rows,
     * columns) for a TIFF with several pages of equal size, with the default {@link ReadLimits}. The format is
     * recognised from the content, not the extension.
     *
     * @throws InputException naming the file when it is missing, not an image, corrupt, truncated, of an
     *     unsupported kind, or declares more pixels than the limits allow
     */
    public static NdArray read(Path path) throws IOException {
        return read(path, ReadLimits.defaults(), Grey.BT601);
    }

    /**
     * {@link #read(Path)} with colour images converted to grey by {@code grey} ({@link Grey}).
     *
     * @throws InputException as {@link #read(Path)}
     */
    public static NdArray read(Path path, Grey grey) throws IOException {
        return read(path, ReadLimits.defaults(), grey);
    }

    /**
     * Reads an image as {@link #read(Path)} does, refusing it before decoding when its header declares more
     * pixels than {@code limits} allow or than the heap can hold.
     *
     * @throws InputException naming the file when it is missing, not an image, corrupt, truncated, of an
     *     unsupported kind, or too large
     */
    public static NdArray read(Path path, ReadLimits limits) throws IOException {
        return read(path, limits, Grey.BT601);
    }

    /**
     * {@link #read(Path, ReadLimits)} with colour images converted to grey by {@code grey} ({@link Grey}).
     *
     * @throws InputException as {@link #read(Path, ReadLimits)}
     */
    public static NdArray read(Path path, ReadLimits limits, Grey grey) throws IOException {
        requireFile(path);
        PngReader.Ihdr png = pngHeader(path, limits);
        if (png != null) {
            NdArray fast;
            try {
                fast = PngReader.read(path, png, grey);
            } catch (InputException e) {
                throw e;
            } catch (IOException e) {
                throw new InputException(path + ": corrupt, truncated or unsupported PNG image (" + describe(e) + ")",
                        e);
            }
            if (fast != null) {
                return fast;
            }
        }
        return readWithImageIo(path, limits, grey);
    }

    /**
     * The PNG header of {@code path} when {@link PngReader} can decode it, checked against {@code limits} as the
     * ImageIO path checks it (same numbers, same message); null for every other file, which ImageIO reads.
     */
    private static PngReader.Ihdr pngHeader(Path path, ReadLimits limits) throws IOException {
        byte[] head = new byte[PngReader.HEADER_BYTES];
        int got = readFully(path, head);
        PngReader.Ihdr png = PngReader.header(path.toString(), head, got);
        if (png != null) {
            limits.checkImage(path.toString(), "PNG image " + png.width() + "x" + png.height(),
                    ReadLimits.saturatedMultiply(png.width(), png.height()),
                    pngDecoderBytes(png.width(), png.height(), png.depth(), png.colourType()));
        }
        return png;
    }

    /** What ImageIO's PNG reader allocates besides the result: its raster, 1 or 2 bytes a sample. */
    private static long pngDecoderBytes(long width, long height, int depth, int colourType) {
        int channels = colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1;
        return ReadLimits.saturatedMultiply(ReadLimits.saturatedMultiply(width, height),
                channels * (depth > 8 ? 2L : 1L));
    }

    /**
     * {@link #read(Path, ReadLimits, Grey)} through ImageIO alone, as every file was read before {@link PngReader}
     * (which the tests compare with it); files {@link PngReader} leaves aside are read here.
     */
    static NdArray readWithImageIo(Path path, ReadLimits limits, Grey grey) throws IOException {
        requireFile(path);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new InputException(path + ": cannot open the file as an image");
            }
            Header header = header(path, in, limits);
            ImageReader reader = header.reader;
            try {
                NdArray result = header.format.equals("TIFF") ? readTiffPages(reader, header, path, grey)
                        : decoded(reader.read(0), header, path, grey);
                // libjpeg reports a truncated or damaged JPEG only as a warning and fills the rest with grey.
                if (!header.warnings.isEmpty() && header.format.equals("JPEG")) {
                    throw new InputException(path + ": corrupt or truncated " + header.format + " image ("
                            + oneLine(header.warnings.get(0)) + ")");
                }
                return result;
            } catch (InputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InputException(path + ": corrupt, truncated or unsupported " + header.format + " image ("
                        + describe(e) + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The shape an image file declares, (rows, columns) or (pages, rows, columns), read from its header without
     * decoding any pixel, after the same checks as {@link #read(Path, ReadLimits)} makes before decoding (format,
     * TIFF directory chain, supported sample types, size limits).
     *
     * @throws InputException naming the file when it would fail to read for any of those reasons
     */
    public static int[] probe(Path path, ReadLimits limits) throws IOException {
        requireFile(path);
        PngReader.Ihdr png = pngHeader(path, limits);
        if (png != null) {
            return new int[] {png.height(), png.width()};
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new InputException(path + ": cannot open the file as an image");
            }
            Header header = header(path, in, limits);
            header.reader.dispose();
            return header.shape;
        }
    }

    private static void requireFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InputException(path + ": file not found");
        }
        if (Files.size(path) == 0) {
            throw new InputException(path + ": empty file (0 bytes), not an image");
        }
    }

    /** What the header of an image file says, and the ImageIO reader, set on its input, that will decode it. */
    private static final class Header {
        String format;
        ImageReader reader;
        final List<String> warnings = new ArrayList<>();
        /** TIFF: the pages to read (thumbnails left out), all of one size. */
        List<TiffDirectories.Page> pages;
        /** PNG: bit depth and colour type from IHDR; -1 otherwise. */
        int pngDepth = -1;
        int pngColourType = -1;
        int[] shape;
    }

    /**
     * Recognises the format, reads the declared size from the header (TIFF: every directory, walked here; PNG:
     * IHDR; others: the ImageIO reader's header parse), refuses unsupported sample types and sizes beyond
     * {@code limits}, and returns the reader ready to decode. Nothing is decoded.
     */
    private static Header header(Path path, ImageInputStream in, ReadLimits limits) throws IOException {
        String name = path.toString();
        Header h = new Header();
        byte[] magic = new byte[34];
        int got = readFully(path, magic);
        boolean tiff = got >= 4 && (magic[0] == 'I' && magic[1] == 'I' && (magic[2] == 42 || magic[2] == 43)
                && magic[3] == 0 || magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0
                && (magic[3] == 42 || magic[3] == 43));
        long width;
        long height;
        long pixels;
        long decoderBytes;
        String what;
        if (tiff) {
            h.format = "TIFF";
            List<TiffDirectories.Page> all;
            try (SeekableByteChannel ch = Files.newByteChannel(path)) {
                all = TiffDirectories.read(ch, name);
            }
            h.pages = new ArrayList<>();
            for (TiffDirectories.Page p : all) {
                if (p.index() > 0 && p.reduced()) {
                    continue;
                }
                checkTiffSamples(p, name);
                TiffDirectories.Page first = h.pages.isEmpty() ? p : h.pages.get(0);
                if (p.width() != first.width() || p.height() != first.height()) {
                    throw new InputException(path + ": TIFF pages differ in size (page 0 is " + first.height() + "x"
                            + first.width() + ", page " + p.index() + " is " + p.height() + "x" + p.width()
                            + "); cannot stack them into one array");
                }
                h.pages.add(p);
            }
            TiffDirectories.Page first = h.pages.get(0);
            width = first.width();
            height = first.height();
            long pagePixels = ReadLimits.saturatedMultiply(width, height);
            pixels = ReadLimits.saturatedMultiply(pagePixels, h.pages.size());
            long tile = ReadLimits.saturatedMultiply(first.tileWidth(), first.tileLength());
            long bytesPerPixel = (long) Math.max(1, first.samplesPerPixel()) * Math.max(1, (first.bits() + 7) / 8);
            // The decoder holds one page (and one tile) at a time, and a tile is allocated whole.
            decoderBytes = ReadLimits.saturatedMultiply(Math.max(pagePixels, tile), bytesPerPixel);
            what = "TIFF image " + (h.pages.size() > 1 ? h.pages.size() + " pages of " : "") + width + "x" + height;
            if (tile > limits.maxPixels()) {
                throw new InputException(path + ": TIFF tiles of " + first.tileWidth() + "x" + first.tileLength()
                        + " declare more pixels than the limit of " + ReadLimits.count(limits.maxPixels())
                        + " (--max-pixels N, or ReadLimits.withMaxPixels in the library)");
            }
        } else if (got >= 26 && (magic[0] & 0xff) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G'
                && magic[12] == 'I' && magic[13] == 'H' && magic[14] == 'D' && magic[15] == 'R') {
            h.format = "PNG";
            ByteBuffer ihdr = ByteBuffer.wrap(magic, 16, 10);
            width = ihdr.getInt() & 0xffffffffL;
            height = ihdr.getInt() & 0xffffffffL;
            h.pngDepth = ihdr.get() & 0xff;
            h.pngColourType = ihdr.get() & 0xff;
            pixels = ReadLimits.saturatedMultiply(width, height);
            decoderBytes = pngDecoderBytes(width, height, h.pngDepth, h.pngColourType);
            what = "PNG image " + width + "x" + height;
        } else {
            width = -1;
            height = -1;
            pixels = 0;
            decoderBytes = 0;
            what = null;
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            if (tiff) {
                throw new InputException(path + ": unsupported TIFF: this Java has no TIFF reader");
            }
            throw new InputException(path + ": not a PNG, JPEG, BMP, GIF or TIFF image (unrecognised content)");
        }
        ImageReader reader = readers.next();
        if (h.format == null) {
            h.format = formatName(reader.getFormatName());
            if (!List.of("PNG", "JPEG", "BMP", "GIF", "TIFF").contains(h.format)) {
                // ImageIO also has WBMP, whose weak signature matches many random files.
                reader.dispose();
                throw new InputException(path + ": not a PNG, JPEG, BMP, GIF or TIFF image (unrecognised content)");
            }
            if (h.format.equals("BMP") && got >= 34) {
                long compression = ByteBuffer.wrap(magic, 30, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
                        & 0xffffffffL;
                if (compression == 4 || compression == 5) {
                    // A BMP wrapping a JPEG or PNG: the wrapped image's size is not the header's, so the size
                    // check below could not bound it.
                    reader.dispose();
                    throw new InputException(path + ": unsupported BMP: it holds an embedded "
                            + (compression == 4 ? "JPEG" : "PNG") + " image; save it as that format instead");
                }
            }
        }
        boolean ok = false;
        try {
            reader.addIIOReadWarningListener((source, warning) -> h.warnings.add(warning));
            reader.setInput(in, false, true);
            if (what == null) {
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new InputException(path + ": corrupt, truncated or unsupported " + h.format + " image ("
                            + describe(e) + ")", e);
                }
                pixels = ReadLimits.saturatedMultiply(width, height);
                decoderBytes = ReadLimits.saturatedMultiply(pixels, h.format.equals("GIF") ? 1 : 4);
                what = h.format + " image " + width + "x" + height;
            }
            if (width <= 0 || height <= 0) {
                throw new InputException(path + ": corrupt " + h.format + " image: it declares a size of " + width
                        + "x" + height);
            }
            limits.checkImage(name, what, pixels, decoderBytes);
            h.shape = h.pages != null && h.pages.size() > 1 ? new int[] {h.pages.size(), (int) height, (int) width}
                    : new int[] {(int) height, (int) width};
            h.reader = reader;
            ok = true;
            return h;
        } finally {
            if (!ok) {
                reader.dispose();
            }
        }
    }

    /** Reads up to {@code b.length} bytes from the start of the file; returns how many there were. */
    private static int readFully(Path path, byte[] b) throws IOException {
        try (InputStream s = Files.newInputStream(path)) {
            return s.readNBytes(b, 0, b.length);
        }
    }

    /**
     * Refuses, in one line, TIFF sample types that ImageIO cannot give back as stored: integer depths of 17 to
     * 31 bits (it reads them as zeros), 64-bit integers (no Java colour model), signed samples of other than 8,
     * 16 or 32 bits, floats other than 16, 32 or 64 bits, and samples of unequal depths.
     */
    private static void checkTiffSamples(TiffDirectories.Page p, String name) throws InputException {
        int bits = p.bits();
        String page = p.index() > 0 ? " (page " + p.index() + ")" : "";
        if (bits < 0) {
            throw new InputException(name + ": unsupported TIFF" + page + ": samples of different bit depths "
                    + java.util.Arrays.toString(p.bitsPerSample()));
        }
        int format = p.sampleFormat();
        String kind = format == BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT ? "floating-point"
                : format == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER ? "signed integer" : "integer";
        boolean ok;
        if (format == BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT) {
            ok = bits == 16 || bits == 32 || bits == 64;
        } else if (format == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER) {
            ok = bits == 8 || bits == 16 || bits == 32;
        } else if (format == BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER
                || format == BaselineTIFFTagSet.SAMPLE_FORMAT_UNDEFINED) {
            ok = bits >= 1 && bits <= 16 || bits == 32;
        } else {
            throw new InputException(name + ": unsupported TIFF" + page + ": SampleFormat " + format
                    + " (expected 1 unsigned, 2 signed or 3 floating point)");
        }
        if (!ok) {
            throw new InputException(name + ": unsupported TIFF" + page + ": " + bits + "-bit " + kind
                    + " samples (supported: unsigned 1 to 16 and 32 bits, signed 8/16/32, float 16/32/64;"
                    + " save as .npy or another depth)");
        }
    }

    private static NdArray readTiffPages(ImageReader reader, Header header, Path path, Grey grey) throws IOException {
        int pages = header.pages.size();
        int rows = header.shape[header.shape.length - 2];
        int cols = header.shape[header.shape.length - 1];
        int plane = Math.multiplyExact(rows, cols);
        double[] stack = pages == 1 ? null : new double[Math.multiplyExact(pages, plane)];
        for (int p = 0; p < pages; p++) {
            TiffDirectories.Page page = header.pages.get(p);
            BufferedImage image = reader.read(page.index());
            if (image.getWidth() != cols || image.getHeight() != rows) {
                throw new InputException(path + ": corrupt TIFF: page " + page.index() + " declares " + rows + "x"
                        + cols + " but decodes as " + image.getHeight() + "x" + image.getWidth());
            }
            NdArray values = tiffPage(image, page, grey);
            if (stack == null) {
                return values;
            }
            System.arraycopy(values.backingReal(), 0, stack, p * plane, plane);
        }
        return NdArray.wrap(stack, pages, rows, cols);
    }

    /**
     * One TIFF page as stored: undoes what ImageIO does to some sample types (signed bytes read as unsigned,
     * unsigned 32-bit read as signed, 16-bit floats left as raw bits, 9- to 15-bit samples scaled up to 16 bits,
     * 1- to 7-bit grey given a grey palette that maps them to 0..255).
     */
    private static NdArray tiffPage(BufferedImage image, TiffDirectories.Page page, Grey grey) {
        int sampleFormat = page.sampleFormat();
        int bits = page.bits();
        int dataType = image.getRaster().getDataBuffer().getDataType();
        if (page.photometric() == BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_PALETTE_COLOR
                && image.getColorModel() instanceof IndexColorModel) {
            return toArray(image, grey);
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER && bits == 8
                && dataType == DataBuffer.TYPE_BYTE) {
            return convertSamples(image, grey, v -> (byte) v);
        }
        if (sampleFormat != BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT && bits == 32
                && dataType == DataBuffer.TYPE_INT) {
            return sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER ? toArray(image, grey)
                    : convertSamples(image, grey, v -> v & 0xffffffffL);
        }
        if (sampleFormat == BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT && bits == 16
                && (dataType == DataBuffer.TYPE_USHORT || dataType == DataBuffer.TYPE_SHORT)) {
            return convertSamples(image, grey, v -> halfToDouble(v));
        }
        if (bits > 8 && bits < 16 && dataType == DataBuffer.TYPE_USHORT
                && image.getRaster().getSampleModel().getSampleSize(0) == 16) {
            // ImageIO scales n-bit samples to 16 bits, v16 = v * 65535 / (2^n - 1) to within 1; the step is
            // more than 1, so rounding back gives the stored value exactly.
            double max = (1 << bits) - 1;
            return convertSamples(image, grey, v -> Math.rint((v & 0xffff) * max / 65535));
        }
        if (bits < 8 && image.getColorModel() instanceof IndexColorModel) {
            return convertSamples(image, grey, v -> v);
        }
        return toArray(image, grey);
    }

    /** A non-TIFF image as stored: PNG grey of 1, 2 or 4 bits gives its samples, not ImageIO's 0..255 palette. */
    private static NdArray decoded(BufferedImage image, Header header, Path path, Grey grey) throws InputException {
        if (image.getWidth() != header.shape[1] || image.getHeight() != header.shape[0]) {
            throw new InputException(path + ": corrupt " + header.format + " image: it declares "
                    + header.shape[0] + "x" + header.shape[1] + " but decodes as " + image.getHeight() + "x"
                    + image.getWidth());
        }
        if (header.pngColourType == 0 && header.pngDepth < 8 && image.getColorModel() instanceof IndexColorModel) {
            return convertSamples(image, grey, v -> v);
        }
        if (header.pngColourType == 0 && header.pngDepth < 8
                && image.getRaster().getSampleModel().getSampleSize(0) == 8) {
            // With a tRNS chunk ImageIO gives 8-bit grey+alpha, the samples scaled to 0..255 as
            // (v * 255 + max / 2) / max; the step is above 1, so rounding back gives the stored value.
            double max = (1 << header.pngDepth) - 1;
            return convertSamples(image, grey, v -> Math.rint((v & 0xff) * max / 255));
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
        double[] out = new double[Math.multiplyExact(w, h)];
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
