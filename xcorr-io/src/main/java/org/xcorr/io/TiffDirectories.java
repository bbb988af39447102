package org.xcorr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a classic TIFF's chain of image file directories (IFDs) itself, before ImageIO sees the file, and
 * reads the tags that decide whether and how a page can be read.
 *
 * <p>Why: the JDK's TIFF reader follows next-IFD pointers without remembering where it has been, so a chain that
 * loops (a directory pointing at itself, or two at each other) makes {@code getNumImages(true)} run forever
 * with growing memory; and it trusts declared sizes, so a few hundred bytes can declare an image of billions of
 * pixels or a strip of gigabytes. Here every directory offset is remembered (a repeat is a loop), every offset
 * and every tag's values must lie inside the file, and the page count is bounded ({@link #MAX_PAGES}); the
 * caller then checks the declared sizes against {@link ReadLimits} and reads only the pages found here.
 *
 * <p>Format (TIFF 6.0, section 2): an 8-byte header ({@code II} or {@code MM} byte order, 42, offset of the
 * first IFD); each IFD is a 2-byte entry count, 12-byte entries (tag, type, count, value or offset of the
 * values; values of 4 bytes or less are stored inline) and the 4-byte offset of the next IFD, 0 at the end.
 */
final class TiffDirectories {

    /** The most pages a TIFF may have here; far above real single-image use, bounds the work on a crafted file. */
    static final int MAX_PAGES = 1 << 16;

    /** The most strips or tiles one page may have (one-row strips of a 16-million-row image). */
    static final int MAX_STRIPS = 1 << 24;

    static final int TAG_NEW_SUBFILE_TYPE = 254;
    static final int TAG_IMAGE_WIDTH = 256;
    static final int TAG_IMAGE_LENGTH = 257;
    static final int TAG_BITS_PER_SAMPLE = 258;
    static final int TAG_COMPRESSION = 259;
    static final int TAG_PHOTOMETRIC = 262;
    static final int TAG_STRIP_OFFSETS = 273;
    static final int TAG_SAMPLES_PER_PIXEL = 277;
    static final int TAG_STRIP_BYTE_COUNTS = 279;
    static final int TAG_TILE_WIDTH = 322;
    static final int TAG_TILE_LENGTH = 323;
    static final int TAG_TILE_OFFSETS = 324;
    static final int TAG_TILE_BYTE_COUNTS = 325;
    static final int TAG_SAMPLE_FORMAT = 339;

    /** Bytes per value of TIFF field types 1..13 (index = type); 0 for unknown types. */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    /**
     * One directory's image description.
     *
     * @param index the page's position in the chain (0 first)
     * @param width {@code ImageWidth}
     * @param height {@code ImageLength}
     * @param bitsPerSample {@code BitsPerSample} (all samples; 1 when absent, as TIFF 6.0 says)
     * @param samplesPerPixel {@code SamplesPerPixel} (1 when absent)
     * @param sampleFormat {@code SampleFormat} of the first sample (1 unsigned, 2 signed, 3 float; 1 when absent)
     * @param photometric {@code PhotometricInterpretation} (-1 when absent)
     * @param compression {@code Compression} (1 when absent)
     * @param reduced whether {@code NewSubfileType} bit 0 marks a reduced-resolution image (a thumbnail)
     * @param tileWidth {@code TileWidth}, 0 for a stripped image
     * @param tileLength {@code TileLength}, 0 for a stripped image
     */
    record Page(int index, long width, long height, int[] bitsPerSample, int samplesPerPixel, int sampleFormat,
            int photometric, int compression, boolean reduced, long tileWidth, long tileLength) {

        /** The bit depth when all samples share it, or -1. */
        int bits() {
            int b = bitsPerSample[0];
            for (int x : bitsPerSample) {
                if (x != b) {
                    return -1;
                }
            }
            return b;
        }
    }

    private final SeekableByteChannel channel;
    private final long size;
    private final String name;
    private ByteOrder order;
    private ByteBuffer window;
    private long windowStart;

    /** Bytes read at once: a directory of 10 entries is 126 bytes. */
    private static final int WINDOW = 1 << 16;

    private TiffDirectories(SeekableByteChannel channel, String name) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.name = name;
    }

    /**
     * Reads every directory of a classic TIFF.
     *
     * @throws InputException naming the file when the header is not TIFF, the chain loops, has more than
     *     {@link #MAX_PAGES} pages, or an offset, a tag's values or a strip/tile lies outside the file
     */
    static List<Page> read(SeekableByteChannel channel, String name) throws IOException {
        return new TiffDirectories(channel, name).pages();
    }

    private List<Page> pages() throws IOException {
        ByteBuffer head = bytes(0, 8, "the header");
        byte b0 = head.get(0);
        byte b1 = head.get(1);
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw corrupt("it does not start with II or MM");
        }
        head.order(order);
        int magic = head.getShort(2) & 0xffff;
        if (magic == 43) {
            throw new InputException(name + ": unsupported TIFF: BigTIFF (64-bit offsets) is not supported;"
                    + " save as classic TIFF or .npy");
        }
        if (magic != 42) {
            throw corrupt("version " + magic + " where 42 was expected");
        }
        List<Page> pages = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long offset = head.getInt(4) & 0xffffffffL;
        if (offset == 0) {
            throw corrupt("it has no image directory");
        }
        while (offset != 0) {
            if (!visited.add(offset)) {
                throw new InputException(name + ": corrupt TIFF: its image directories form a loop (directory "
                        + pages.size() + " points back to offset " + offset + ")");
            }
            if (pages.size() == MAX_PAGES) {
                throw new InputException(name + ": unsupported TIFF: more than " + MAX_PAGES + " pages");
            }
            offset = directory(offset, pages);
        }
        return pages;
    }

    /** Reads the directory at {@code offset} into {@code pages}; returns the next directory's offset. */
    private long directory(long offset, List<Page> pages) throws IOException {
        int index = pages.size();
        String where = "image directory " + index + " (at offset " + offset + ")";
        int count = bytes(offset, 2, where).getShort(0) & 0xffff;
        if (count == 0) {
            throw corrupt(where + " has no entries");
        }
        ByteBuffer d = bytes(offset + 2, 12L * count + 4, where);
        long width = -1;
        long height = -1;
        int[] bits = {1};
        int spp = 1;
        int format = 1;
        int photometric = -1;
        int compression = 1;
        boolean reduced = false;
        long tileWidth = 0;
        long tileLength = 0;
        long[] dataOffsets = null;
        long[] dataCounts = null;
        for (int e = 0; e < count; e++) {
            int p = 12 * e;
            int tag = d.getShort(p) & 0xffff;
            int type = d.getShort(p + 2) & 0xffff;
            long n = d.getInt(p + 4) & 0xffffffffL;
            if (type >= TYPE_SIZE.length || TYPE_SIZE[type] == 0) {
                continue; // an unknown type: readers skip it, so do we
            }
            long bytes = n * TYPE_SIZE[type];
            long valueOffset = offset + 2 + p + 8;
            if (bytes > 4) {
                valueOffset = d.getInt(p + 8) & 0xffffffffL;
                if (valueOffset + bytes > size) {
                    throw corrupt("tag " + tag + " of " + where + " has " + n + " values at offset " + valueOffset
                            + ", past the end of the file (" + size + " bytes)");
                }
            }
            if (n == 0 || !isInteger(type)) {
                continue;
            }
            switch (tag) {
                case TAG_NEW_SUBFILE_TYPE:
                    reduced = (value(type, valueOffset, 0) & 1) != 0;
                    break;
                case TAG_IMAGE_WIDTH:
                    width = value(type, valueOffset, 0);
                    break;
                case TAG_IMAGE_LENGTH:
                    height = value(type, valueOffset, 0);
                    break;
                case TAG_BITS_PER_SAMPLE:
                    bits = new int[(int) Math.min(n, 16)];
                    for (int i = 0; i < bits.length; i++) {
                        bits[i] = (int) Math.min(value(type, valueOffset, i), Integer.MAX_VALUE);
                    }
                    break;
                case TAG_SAMPLES_PER_PIXEL:
                    spp = (int) Math.min(value(type, valueOffset, 0), Integer.MAX_VALUE);
                    break;
                case TAG_SAMPLE_FORMAT:
                    format = (int) value(type, valueOffset, 0);
                    break;
                case TAG_PHOTOMETRIC:
                    photometric = (int) value(type, valueOffset, 0);
                    break;
                case TAG_COMPRESSION:
                    compression = (int) value(type, valueOffset, 0);
                    break;
                case TAG_TILE_WIDTH:
                    tileWidth = value(type, valueOffset, 0);
                    break;
                case TAG_TILE_LENGTH:
                    tileLength = value(type, valueOffset, 0);
                    break;
                case TAG_STRIP_OFFSETS:
                case TAG_TILE_OFFSETS:
                    dataOffsets = values(type, valueOffset, n);
                    break;
                case TAG_STRIP_BYTE_COUNTS:
                case TAG_TILE_BYTE_COUNTS:
                    dataCounts = values(type, valueOffset, n);
                    break;
                default:
                    break;
            }
        }
        if (width < 0 || height < 0) {
            throw corrupt(where + " has no " + (width < 0 ? "ImageWidth" : "ImageLength") + " tag");
        }
        if (dataOffsets != null && dataCounts != null) {
            // A decoder allocates a strip's declared byte count before reading it: a count past the end of the
            // file would cost memory for bytes that are not there.
            for (int i = 0; i < Math.min(dataOffsets.length, dataCounts.length); i++) {
                if (dataOffsets[i] + dataCounts[i] > size) {
                    throw corrupt((tileWidth > 0 ? "tile " : "strip ") + i + " of " + where + " ("
                            + dataCounts[i] + " bytes at offset " + dataOffsets[i] + ") runs past the end of the file ("
                            + size + " bytes); the file may be truncated");
                }
            }
        }
        pages.add(new Page(index, width, height, bits, spp, format, photometric, compression, reduced, tileWidth,
                tileLength));
        return d.getInt(12 * count) & 0xffffffffL;
    }

    private static boolean isInteger(int type) {
        return type == 1 || type == 3 || type == 4 || type == 6 || type == 8 || type == 9 || type == 13;
    }

    /** Value {@code i} of an integer-typed field whose values start at {@code at}, as an unsigned long. */
    private long value(int type, long at, long i) throws IOException {
        int s = TYPE_SIZE[type];
        ByteBuffer b = bytes(at + i * s, s, "a tag value");
        switch (s) {
            case 1:
                return b.get(0) & 0xffL;
            case 2:
                return b.getShort(0) & 0xffffL;
            default:
                return b.getInt(0) & 0xffffffffL;
        }
    }

    /** All {@code n} values of an integer-typed field (n is bounded by the file size, checked by the caller). */
    private long[] values(int type, long at, long n) throws IOException {
        int s = TYPE_SIZE[type];
        if (n > MAX_STRIPS) {
            throw new InputException(name + ": unsupported TIFF: " + n + " strips or tiles in one page (at most "
                    + MAX_STRIPS + ")");
        }
        ByteBuffer b = bytes(at, n * s, "tag values");
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = s == 1 ? b.get(i) & 0xffL : s == 2 ? b.getShort(2 * i) & 0xffffL : b.getInt(4 * i) & 0xffffffffL;
        }
        return out;
    }

    /**
     * {@code length} bytes at {@code at}, in the file's byte order; they must lie inside the file. Reads go
     * through a window of {@link #WINDOW} bytes, since directories and their values are small and close together.
     */
    private ByteBuffer bytes(long at, long length, String what) throws IOException {
        if (at < 0 || length < 0 || at + length > size) {
            throw corrupt(what + " lies past the end of the file (" + size + " bytes)");
        }
        if (window == null || at < windowStart || at + length > windowStart + window.limit()) {
            window = ByteBuffer.allocate((int) Math.max(length, Math.min(WINDOW, size - at)));
            windowStart = at;
            channel.position(at);
            while (window.hasRemaining()) {
                if (channel.read(window) < 0) {
                    throw corrupt(what + " lies past the end of the file");
                }
            }
            window.flip();
        }
        ByteBuffer b = window.duplicate();
        b.position((int) (at - windowStart)).limit((int) (at - windowStart + length));
        return b.slice().order(order == null ? ByteOrder.BIG_ENDIAN : order);
    }

    private InputException corrupt(String what) {
        return new InputException(name + ": corrupt TIFF: " + what);
    }
}
