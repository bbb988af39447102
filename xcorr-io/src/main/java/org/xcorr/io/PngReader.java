package org.xcorr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.xcorr.array.NdArray;

/**
 * A direct PNG decoder for {@link Images}: the file's chunks are walked here, the concatenated {@code IDAT} data
 * inflated with {@link Inflater} (the JDK's zlib), the five row filters undone on byte rows and each sample
 * written straight into the {@code double[]} that is returned. No ImageIO, no AWT: the first read of a fresh JVM
 * costs a few tens of milliseconds instead of half a second (plugin registry scan, AWT colour classes, per-row
 * {@code Raster} calls).
 *
 * <p><b>Same values as ImageIO.</b> For every file it decodes, the array is the one the ImageIO path of
 * {@link Images} gives (tests compare the two on every colour type, bit depth, filter and interlacing):
 * grey samples as stored (1, 2, 4, 8, 16 bits; grey+alpha: the grey sample), RGB and RGBA (8, 16 bits) through
 * {@link Grey}, palette indices (1, 2, 4, 8 bits) through the palette as ImageIO builds it (a palette of fewer
 * entries than {@code 2^depth} is rounded up to 2, 4, 16 or 256 entries with black, then padded to
 * {@code 2^depth} with its last entry, so an index past the palette reads as ImageIO reads it), alpha, tRNS,
 * gamma, ICC profiles and text ignored. Adam7-interlaced files are decoded too.
 *
 * <p><b>What it leaves to ImageIO.</b> {@link #read} returns null, and {@link Images} reads the file through
 * ImageIO exactly as before, when the file is not a complete, plainly laid out PNG: a truncated chunk, no
 * {@code IEND}, {@code IDAT} chunks not in one run, a second {@code IHDR}, a row longer than a Java array, a
 * grey+alpha or RGBA file with a {@code tRNS} chunk (ImageIO loses its place in such a file), and a palette file
 * with an ancillary chunk other than {@code tRNS}, {@code gAMA}, {@code sRGB}, {@code pHYs}, {@code tIME},
 * {@code cHRM}, {@code bKGD}, {@code sBIT} of their fixed lengths or a {@code tEXt} with a keyword (ImageIO parses
 * every chunk of a palette file and refuses some malformed ones). Those are rare; the result is then ImageIO's,
 * array or error.
 *
 * <p><b>What it refuses</b> ({@link InputException}, one line naming the file), where ImageIO's path read
 * on: a critical chunk ({@code IHDR}, {@code PLTE}, {@code IDAT}) whose CRC-32 does not match its bytes (the file
 * is damaged; libpng, and so OpenCV and Pillow, refuse it too; ImageIO does not check CRCs), and an unknown
 * critical chunk (one whose name starts with an upper-case letter: the PNG specification, section 5.4, requires a
 * decoder to refuse it, and libpng does; ImageIO only warns). {@code IEND}'s CRC is not checked, as ImageIO and
 * other decoders accept files that lack it, nor are ancillary chunks' (libpng's default too), since no ancillary
 * chunk changes the values. It also refuses, as ImageIO does (with its own words), compressed data that zlib
 * rejects (including its Adler-32 check, when the stream ends within 64 KiB of decompressed data after the
 * image), image data that ends before the last row, a row filter type other than 0 to 4, and a palette file
 * without {@code PLTE} before its data. Decompressed data past the image is ignored, as ImageIO ignores it, and
 * never inflated beyond 64 KiB, so a compressed stream that expands without end costs nothing.
 *
 * <p><b>Memory.</b> The declared size is checked against {@link ReadLimits} from the header, before anything is
 * allocated, with the same numbers as the ImageIO path; the decoder then holds two rows and a 64 KiB read buffer
 * besides the result.
 *
 * <p>Reference: W3C, Portable Network Graphics (PNG) Specification (Second Edition), 2003,
 * https://www.w3.org/TR/png/ (chunks 5, filters 9, Adam7 8.2).
 */
final class PngReader {

    static final int IHDR = 0x49484452;
    static final int PLTE = 0x504c5445;
    static final int IDAT = 0x49444154;
    static final int IEND = 0x49454e44;
    static final int TRNS = 0x74524e53;

    /** The fixed-length ancillary chunks that ImageIO parses without fail in a palette file: type, length. */
    private static final int[][] PALETTE_SAFE = {
        {0x67414d41, 4}, // gAMA
        {0x73524742, 1}, // sRGB
        {0x70485973, 9}, // pHYs
        {0x74494d45, 7}, // tIME
        {0x6348524d, 32}, // cHRM
        {0x624b4744, 1}, // bKGD (palette index)
        {0x73424954, 3}, // sBIT (palette: three bytes)
    };
    private static final int TEXT = 0x74455874;

    /** Adam7 passes: first column, first row, column step, row step (PNG specification 8.2). */
    private static final int[][] ADAM7 = {
        {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
    };

    /** Bytes of inflated data past the image that are checked (zlib's end and Adler-32), then ignored. */
    private static final int TRAILING_CHECK = 1 << 16;
    /** The signature and the IHDR chunk: 8 + 4 + 4 + 13 + 4 bytes. */
    static final int HEADER_BYTES = 33;
    /** Row buffers start this far in, so filters read zeros left of the first pixel (at most 8 bytes a pixel). */
    private static final int PAD = 8;

    private PngReader() {
    }

    /** The IHDR fields, after the checks that ImageIO's header parse makes. */
    record Ihdr(int width, int height, int depth, int colourType, boolean interlaced) {

        /** Samples per pixel. */
        int channels() {
            switch (colourType) {
                case 2:
                    return 3;
                case 4:
                    return 2;
                case 6:
                    return 4;
                default:
                    return 1;
            }
        }

        /** Bytes of one row of {@code pixels} pixels, without its filter byte. */
        long rowBytes(long pixels) {
            return (pixels * channels() * depth + 7) / 8;
        }
    }

    /**
     * The IHDR of a file whose first {@code got} bytes are {@code head}, or null when it is not a PNG whose
     * header ImageIO would accept (not the signature, shorter than the header, an IHDR of another length, a
     * width or height of 0 or above 2^31 - 1, a bit depth or colour type the specification does not allow,
     * compression, filter or interlace method unknown): the ImageIO path then reports it as before.
     *
     * @throws InputException when the IHDR chunk's CRC does not match
     */
    static Ihdr header(String name, byte[] head, int got) throws InputException {
        if (got < HEADER_BYTES || !isSignature(head)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, HEADER_BYTES);
        if (b.getInt(8) != 13 || b.getInt(12) != IHDR) {
            return null;
        }
        int width = b.getInt(16);
        int height = b.getInt(20);
        int depth = head[24] & 0xff;
        int colour = head[25] & 0xff;
        int compression = head[26];
        int filter = head[27];
        int interlace = head[28];
        boolean depthOk;
        switch (colour) {
            case 0:
                depthOk = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
                break;
            case 3:
                depthOk = depth == 1 || depth == 2 || depth == 4 || depth == 8;
                break;
            case 2:
            case 4:
            case 6:
                depthOk = depth == 8 || depth == 16;
                break;
            default:
                depthOk = false;
        }
        if (width <= 0 || height <= 0 || !depthOk || compression != 0 || filter != 0
                || interlace != 0 && interlace != 1) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(head, 12, 17);
        if ((int) crc.getValue() != b.getInt(29)) {
            throw new InputException(name + ": corrupt PNG image: the CRC of its IHDR chunk does not match its"
                    + " bytes (the file is damaged)");
        }
        return new Ihdr(width, height, depth, colour, interlace == 1);
    }

    static boolean isSignature(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 137 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 13
                && b[5] == 10 && b[6] == 26 && b[7] == 10;
    }

    /** Where the chunks say the data is: the IDAT run and the palette. */
    private static final class Layout {
        /** Offset of each IDAT chunk's data, and its length. */
        final List<long[]> idat = new ArrayList<>();
        /** The colour of each palette index, as ImageIO's IndexColorModel gives it; null for other types. */
        int[] paletteRgb;
    }

    /**
     * Decodes {@code path}, whose header is {@code ihdr} (already checked against the limits), converting colour
     * with {@code grey}; null when the file is one the class comment leaves to ImageIO.
     *
     * @throws InputException naming the file for what the class comment says it refuses
     */
    static NdArray read(Path path, Ihdr ihdr, Grey grey) throws IOException {
        String name = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Layout layout = walk(ch, ihdr, name);
            if (layout == null) {
                return null;
            }
            if (ihdr.rowBytes(ihdr.width()) > Integer.MAX_VALUE - 2 * PAD) {
                return null;
            }
            double[] out = new double[Math.multiplyExact(ihdr.width(), ihdr.height())];
            Inflater inflater = new Inflater();
            try {
                IdatStream data = new IdatStream(ch, layout.idat, inflater, name);
                decode(ihdr, layout, grey, data, out);
                data.finish();
            } finally {
                inflater.end();
            }
            return NdArray.wrap(out, ihdr.height(), ihdr.width());
        }
    }

    /**
     * Walks the chunks after IHDR up to IEND, checking the CRC of PLTE, and returns where the image data is;
     * null for the layouts left to ImageIO.
     */
    private static Layout walk(FileChannel ch, Ihdr ihdr, String name) throws IOException {
        long size = ch.size();
        long pos = HEADER_BYTES;
        boolean palette = ihdr.colourType() == 3;
        boolean alphaType = ihdr.colourType() == 4 || ihdr.colourType() == 6;
        Layout layout = new Layout();
        boolean idatEnded = false;
        ByteBuffer head = ByteBuffer.allocate(8);
        while (true) {
            if (size - pos < 8) {
                return null; // no IEND, or cut inside a chunk header
            }
            head.clear();
            readFully(ch, head, pos);
            int length = head.getInt(0);
            int type = head.getInt(4);
            if (type == IEND) {
                break;
            }
            if (length < 0 || size - pos - 12 < length) {
                return null; // cut inside the chunk (or a length beyond 2^31 - 1)
            }
            long data = pos + 8;
            if (type == IDAT) {
                if (idatEnded) {
                    return null; // IDAT, something else, IDAT: ImageIO stops at the gap
                }
                if (palette && layout.paletteRgb == null) {
                    throw new InputException(name + ": corrupt PNG image: a palette image without a PLTE chunk"
                            + " before its image data");
                }
                layout.idat.add(new long[] {data, length});
            } else {
                if (!layout.idat.isEmpty()) {
                    idatEnded = true;
                }
                if (type == PLTE) {
                    byte[] plte = readChunkChecked(ch, data, length, type, name, 3 * 256);
                    if (palette && layout.paletteRgb != null && length > 0) {
                        return null; // ImageIO skips a second PLTE without reading it, then loses its place
                    }
                    if (palette && layout.paletteRgb == null) {
                        layout.paletteRgb = imageIoPalette(plte, length / 3, ihdr.depth());
                    }
                } else if (type == IHDR) {
                    return null;
                } else if ((type & 0x20000000) == 0) {
                    throw new InputException(name + ": unsupported PNG image: unknown critical chunk "
                            + chunkName(type) + " at byte " + pos + " (a decoder must refuse what it does not"
                            + " know, PNG specification 5.4)");
                } else if (alphaType && type == TRNS && length > 0 && layout.idat.isEmpty()) {
                    return null;
                } else if (palette && !paletteSafe(ch, type, length, data, layout)) {
                    return null;
                }
            }
            pos = data + length + 4;
        }
        if (layout.idat.isEmpty()) {
            throw new InputException(name + ": corrupt PNG image: no IDAT chunk (no image data)");
        }
        return layout;
    }

    /** Whether ImageIO's full metadata parse (palette files) reads this ancillary chunk without fail. */
    private static boolean paletteSafe(FileChannel ch, int type, int length, long data, Layout layout)
            throws IOException {
        if (type == TRNS) {
            return layout.paletteRgb != null || length == 0;
        }
        for (int[] safe : PALETTE_SAFE) {
            if (safe[0] == type) {
                return safe[1] == length;
            }
        }
        if (type == TEXT) {
            // ImageIO reads a keyword of at most 79 bytes ended by a zero inside the chunk, and treats the
            // keyword "Creation Time" specially: leave that one to it.
            ByteBuffer b = ByteBuffer.allocate(Math.min(length, 80));
            readFully(ch, b, data);
            byte[] k = b.array();
            for (int i = 0; i < k.length; i++) {
                if (k[i] == 0) {
                    return !new String(k, 0, i, StandardCharsets.ISO_8859_1).equals("Creation Time");
                }
            }
            return false;
        }
        return false;
    }

    /**
     * The palette as ImageIO's reader builds it: at most {@code 2^depth} entries are read, the arrays rounded up
     * to 2, 4, 16 or 256 entries (the extra ones black), then padded to {@code 2^depth} with the last entry.
     */
    static int[] imageIoPalette(byte[] plte, int entries, int depth) {
        int max = 1 << depth;
        int n = Math.min(entries, max);
        int rounded = n > 16 ? 256 : n > 4 ? 16 : n > 2 ? 4 : 2;
        int[] rgb = new int[Math.max(max, rounded)];
        for (int i = 0; i < n; i++) {
            rgb[i] = (plte[3 * i] & 0xff) << 16 | (plte[3 * i + 1] & 0xff) << 8 | plte[3 * i + 2] & 0xff;
        }
        for (int i = rounded; i < max; i++) {
            rgb[i] = rgb[rounded - 1];
        }
        return rgb;
    }

    /**
     * Reads a chunk's data (its first {@code keep} bytes are returned) and checks its CRC, streaming so that a
     * long chunk costs no memory.
     */
    private static byte[] readChunkChecked(FileChannel ch, long data, int length, int type, String name, int keep)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(4).putInt(0, type));
        byte[] kept = new byte[Math.min(length, keep)];
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
        long pos = data;
        long end = data + length;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            readFully(ch, buf, pos);
            int n = buf.limit();
            if (pos - data < kept.length) {
                System.arraycopy(buf.array(), 0, kept, (int) (pos - data), (int) Math.min(n, kept.length - (pos - data)));
            }
            crc.update(buf.array(), 0, n);
            pos += n;
        }
        ByteBuffer stored = ByteBuffer.allocate(4);
        readFully(ch, stored, end);
        if ((int) crc.getValue() != stored.getInt(0)) {
            throw crcMismatch(name, type, data - 8);
        }
        return kept;
    }

    private static InputException crcMismatch(String name, int type, long at) {
        return new InputException(name + ": corrupt PNG image: the CRC of its " + chunkName(type)
                + " chunk at byte " + at + " does not match its bytes (the file is damaged)");
    }

    /** A chunk type as its four letters, or in hexadecimal when they are not all ASCII letters. */
    static String chunkName(int type) {
        StringBuilder s = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = type >>> shift & 0xff;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return String.format("0x%08x", type);
            }
            s.append((char) c);
        }
        return s.toString();
    }

    /** Reads until {@code b} is full, from {@code pos}; the caller has checked that the file is long enough. */
    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new java.io.EOFException("the file ended at byte " + p + " (it changed while being read?)");
            }
            p += n;
        }
    }

    /** The inflated bytes of the IDAT run, read chunk by chunk, each chunk's CRC checked when it ends. */
    private static final class IdatStream {
        private final FileChannel ch;
        private final List<long[]> chunks;
        private final Inflater inflater;
        private final String name;
        private final byte[] buffer = new byte[1 << 16];
        private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        private final CRC32 crc = new CRC32();
        private int chunk = -1;
        private long pos;
        private long end;
        private long delivered;

        IdatStream(FileChannel ch, List<long[]> chunks, Inflater inflater, String name) {
            this.ch = ch;
            this.chunks = chunks;
            this.inflater = inflater;
            this.name = name;
        }

        /** Fills {@code b[off, off + len)} with inflated bytes; refuses data that are corrupt or end early. */
        void readFully(byte[] b, int off, int len, long needed) throws IOException {
            int o = off;
            int left = len;
            while (left > 0) {
                int n = inflate(b, o, left);
                if (n > 0) {
                    o += n;
                    left -= n;
                    delivered += n;
                } else if (inflater.finished() || inflater.needsDictionary() || !inflater.needsInput()
                        || !feed()) {
                    throw new InputException(name + ": corrupt or truncated PNG image: its image data end after "
                            + (delivered) + " of the " + needed + " bytes it needs"
                            + (inflater.needsDictionary() ? " (a zlib stream with a preset dictionary)" : ""));
                }
            }
        }

        private int inflate(byte[] b, int off, int len) throws InputException {
            try {
                return inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new InputException(name + ": corrupt PNG image: its compressed image data are damaged"
                        + " (zlib: " + Images.oneLine(String.valueOf(e.getMessage())) + ")");
            }
        }

        /** Gives the inflater the next piece of IDAT data; false when there is none. */
        private boolean feed() throws IOException {
            while (true) {
                if (chunk >= 0 && pos < end) {
                    wrapped.clear();
                    wrapped.limit((int) Math.min(buffer.length, end - pos));
                    PngReader.readFully(ch, wrapped, pos);
                    int n = wrapped.limit();
                    crc.update(buffer, 0, n);
                    pos += n;
                    if (pos == end) {
                        checkCrc();
                    }
                    inflater.setInput(buffer, 0, n);
                    return true;
                }
                if (chunk + 1 >= chunks.size()) {
                    return false;
                }
                chunk++;
                pos = chunks.get(chunk)[0];
                end = pos + chunks.get(chunk)[1];
                crc.reset();
                crc.update(IDAT >>> 24);
                crc.update(IDAT >>> 16);
                crc.update(IDAT >>> 8);
                crc.update(IDAT);
                if (pos == end) {
                    checkCrc();
                }
            }
        }

        private void checkCrc() throws IOException {
            ByteBuffer stored = ByteBuffer.allocate(4);
            PngReader.readFully(ch, stored, end);
            if ((int) crc.getValue() != stored.getInt(0)) {
                throw crcMismatch(name, IDAT, chunks.get(chunk)[0] - 8);
            }
        }

        /**
         * After the last row: lets zlib reach the end of its stream (checking its Adler-32) within
         * {@link #TRAILING_CHECK} bytes, ignoring data past the image as ImageIO does, then checks the CRC of the
         * rest of the IDAT run.
         */
        void finish() throws IOException {
            byte[] scratch = new byte[4096];
            long extra = 0;
            while (!inflater.finished() && extra < TRAILING_CHECK) {
                int n = inflate(scratch, 0, scratch.length);
                if (n > 0) {
                    extra += n;
                } else if (inflater.needsDictionary() || !inflater.needsInput() || !feed()) {
                    break;
                }
            }
            // The CRC of what was not needed: read through, not inflated.
            while (chunk < chunks.size()) {
                if (chunk >= 0 && pos < end) {
                    wrapped.clear();
                    wrapped.limit((int) Math.min(buffer.length, end - pos));
                    PngReader.readFully(ch, wrapped, pos);
                    crc.update(buffer, 0, wrapped.limit());
                    pos += wrapped.limit();
                    if (pos == end) {
                        checkCrc();
                    }
                } else if (!feed()) {
                    break;
                }
            }
        }
    }

    /** Inflates, unfilters and converts every row (every pass of an interlaced file) into {@code out}. */
    private static void decode(Ihdr ihdr, Layout layout, Grey grey, IdatStream data, double[] out)
            throws IOException {
        int width = ihdr.width();
        int height = ihdr.height();
        int bpp = Math.max(1, ihdr.channels() * ihdr.depth() / 8);
        int maxRow = (int) ihdr.rowBytes(width);
        byte[] cur = new byte[PAD + maxRow];
        byte[] prev = new byte[PAD + maxRow];
        double[] lut = layout.paletteRgb == null ? null : paletteGrey(layout.paletteRgb, grey);
        long needed = 0;
        int[][] passes = ihdr.interlaced() ? ADAM7 : new int[][] {{0, 0, 1, 1}};
        for (int[] p : passes) {
            int pw = (width - p[0] + p[2] - 1) / p[2];
            int ph = (height - p[1] + p[3] - 1) / p[3];
            if (pw > 0 && ph > 0) {
                needed += ph * (1 + ihdr.rowBytes(pw));
            }
        }
        for (int[] p : passes) {
            int pw = (width - p[0] + p[2] - 1) / p[2];
            int ph = (height - p[1] + p[3] - 1) / p[3];
            if (pw <= 0 || ph <= 0) {
                continue;
            }
            int rowBytes = (int) ihdr.rowBytes(pw);
            // The first row of a pass filters against zeros; cur becomes prev at the swap below.
            java.util.Arrays.fill(cur, 0, PAD + rowBytes, (byte) 0);
            for (int r = 0; r < ph; r++) {
                byte[] t = prev;
                prev = cur;
                cur = t;
                data.readFully(cur, PAD - 1, rowBytes + 1, needed);
                int filter = cur[PAD - 1];
                cur[PAD - 1] = 0;
                unfilter(filter, cur, prev, rowBytes, bpp, data.name);
                int y = p[1] + r * p[3];
                convert(ihdr, grey, lut, cur, out, y * width + p[0], p[2], pw);
            }
        }
    }

    /** The grey value of each palette index: {@link Grey} of the entry's 8-bit R, G, B, as ImageIO's path. */
    private static double[] paletteGrey(int[] rgb, Grey grey) {
        double[] lut = new double[256];
        for (int i = 0; i < rgb.length; i++) {
            lut[i] = grey.apply(rgb[i] >> 16 & 0xff, rgb[i] >> 8 & 0xff, rgb[i] & 0xff);
        }
        return lut;
    }

    /** Undoes one row's filter (PNG specification 9.2) in place; {@code cur} and {@code prev} start at PAD. */
    static void unfilter(int filter, byte[] cur, byte[] prev, int rowBytes, int bpp, String name)
            throws InputException {
        int end = PAD + rowBytes;
        switch (filter) {
            case 0:
                return;
            case 1:
                for (int i = PAD; i < end; i++) {
                    cur[i] += cur[i - bpp];
                }
                return;
            case 2:
                for (int i = PAD; i < end; i++) {
                    cur[i] += prev[i];
                }
                return;
            case 3:
                for (int i = PAD; i < end; i++) {
                    cur[i] += (byte) (((cur[i - bpp] & 0xff) + (prev[i] & 0xff)) >>> 1);
                }
                return;
            case 4:
                for (int i = PAD; i < end; i++) {
                    int a = cur[i - bpp] & 0xff;
                    int b = prev[i] & 0xff;
                    int c = prev[i - bpp] & 0xff;
                    int pa = Math.abs(b - c);
                    int pb = Math.abs(a - c);
                    int pc = Math.abs(a + b - 2 * c);
                    int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    cur[i] += (byte) pred;
                }
                return;
            default:
                throw new InputException(name + ": corrupt PNG image: unknown row filter type " + (filter & 0xff)
                        + " (expected 0 to 4)");
        }
    }

    /** Writes the {@code n} pixels of one unfiltered row to {@code out[o], out[o + step], ...}. */
    private static void convert(Ihdr ihdr, Grey grey, double[] lut, byte[] row, double[] out, int o, int step,
            int n) {
        int depth = ihdr.depth();
        int ct = ihdr.colourType();
        int p = PAD;
        if (ct == 0 || ct == 3) {
            if (depth == 8) {
                if (lut == null) {
                    for (int x = 0, k = o; x < n; x++, k += step) {
                        out[k] = row[p + x] & 0xff;
                    }
                } else {
                    for (int x = 0, k = o; x < n; x++, k += step) {
                        out[k] = lut[row[p + x] & 0xff];
                    }
                }
            } else if (depth == 16) {
                for (int x = 0, k = o; x < n; x++, k += step, p += 2) {
                    out[k] = (row[p] & 0xff) << 8 | row[p + 1] & 0xff;
                }
            } else {
                int mask = (1 << depth) - 1;
                int perByte = 8 / depth;
                for (int x = 0, k = o; x < n; x++, k += step) {
                    int v = row[p + x / perByte] >> (8 - depth * (x % perByte + 1)) & mask;
                    out[k] = lut == null ? v : lut[v];
                }
            }
        } else if (ct == 4) {
            if (depth == 8) {
                for (int x = 0, k = o; x < n; x++, k += step, p += 2) {
                    out[k] = row[p] & 0xff;
                }
            } else {
                for (int x = 0, k = o; x < n; x++, k += step, p += 4) {
                    out[k] = (row[p] & 0xff) << 8 | row[p + 1] & 0xff;
                }
            }
        } else {
            int stride = ct == 6 ? 4 : 3;
            if (depth == 8) {
                for (int x = 0, k = o; x < n; x++, k += step, p += stride) {
                    out[k] = grey.apply(row[p] & 0xff, row[p + 1] & 0xff, row[p + 2] & 0xff);
                }
            } else {
                stride *= 2;
                for (int x = 0, k = o; x < n; x++, k += step, p += stride) {
                    out[k] = grey.apply((row[p] & 0xff) << 8 | row[p + 1] & 0xff,
                            (row[p + 2] & 0xff) << 8 | row[p + 3] & 0xff, (row[p + 4] & 0xff) << 8 | row[p + 5] & 0xff);
                }
            }
        }
    }
}
