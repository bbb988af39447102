package org.xcorr.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSource;

/**
 * A multi-page TIFF read page by page: one page per frame, never the whole file at once.
 *
 * <p>Opening walks the chain of image file directories (IFDs) itself, reading only the tags it needs (size,
 * samples, sample format, reduced-resolution flag), so a chain that loops back on itself or points past the
 * end of the file fails at once in one line instead of looping, and the frame count and shape are known
 * without decoding a page. Pages are then decoded on demand by the JDK's TIFF reader
 * ({@code ImageReader.read(pageIndex)}, any compression it supports), with the same sample corrections as
 * {@link Images} (signed 8-bit, unsigned 32-bit); readers are pooled, one per concurrent caller, so pages
 * decode in parallel. Reduced-resolution pages (thumbnails) are skipped, as {@link Images} skips them.
 * Classic TIFF only (the JDK reader has no BigTIFF).
 */
final class TiffStackSource implements FrameSource {

    /** Upper bound on the pages walked, whatever the file claims. */
    static final int MAX_PAGES = 1 << 24;

    private final Path path;
    private final int[] pages;
    private final int rows;
    private final int cols;
    private final SampleType sampleType;
    private final ConcurrentLinkedQueue<ImageReader> readers = new ConcurrentLinkedQueue<>();
    private final List<ImageReader> all = new ArrayList<>();
    private volatile boolean closed;

    private TiffStackSource(Path path, int[] pages, int rows, int cols, SampleType sampleType) {
        this.path = path;
        this.pages = pages;
        this.rows = rows;
        this.cols = cols;
        this.sampleType = sampleType;
    }

    /** One IFD's tags of interest. */
    private record Ifd(long width, long height, int bits, int format, int samples, boolean reduced) {
    }

    /**
     * Opens {@code path} and walks its IFD chain.
     *
     * @throws InputException naming the file when it is not a classic TIFF, its IFD chain loops or leaves the
     *     file, it has no full-resolution page, or its pages differ in size
     */
    static TiffStackSource open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InputException(path + ": file not found");
        }
        List<Ifd> ifds = walk(path);
        List<Integer> full = new ArrayList<>();
        Ifd first = null;
        for (int i = 0; i < ifds.size(); i++) {
            Ifd d = ifds.get(i);
            if (d.reduced() && i > 0) {
                continue;
            }
            if (first == null) {
                first = d;
            } else if (d.width() != first.width() || d.height() != first.height()) {
                throw new InputException(path + ": TIFF pages differ in size (page 0 is " + first.height() + "x"
                        + first.width() + ", page " + i + " is " + d.height() + "x" + d.width()
                        + "); a stack needs equal pages");
            }
            full.add(i);
        }
        if (first.width() < 1 || first.height() < 1 || first.width() * first.height() > Integer.MAX_VALUE - 8) {
            throw new InputException(path + ": TIFF page size " + first.height() + "x" + first.width()
                    + " is empty or too large for one array");
        }
        int[] p = full.stream().mapToInt(Integer::intValue).toArray();
        SampleType type = first.samples() == 1 ? SampleType.ofTiff(first.bits(), first.format()) : null;
        return new TiffStackSource(path, p, (int) first.height(), (int) first.width(), type);
    }

    /** The IFDs of the file in chain order; fails in one line on a loop, a truncation or too many pages. */
    private static List<Ifd> walk(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = read(ch, 0, 8, size, path, "header");
            ByteOrder order;
            if (head.get(0) == 'I' && head.get(1) == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (head.get(0) == 'M' && head.get(1) == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new InputException(path + ": not a TIFF file (it does not start with II or MM)");
            }
            head.order(order);
            int magic = head.getShort(2) & 0xffff;
            if (magic == 43) {
                throw new InputException(path + ": BigTIFF is not supported (the JDK's TIFF reader reads classic"
                        + " TIFF only); save the stack as classic TIFF or .npy");
            }
            if (magic != 42) {
                throw new InputException(path + ": not a TIFF file (version " + magic + ", expected 42)");
            }
            long offset = head.getInt(4) & 0xffffffffL;
            List<Ifd> ifds = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (offset != 0) {
                if (!seen.add(offset)) {
                    throw new InputException(path + ": corrupt TIFF: the IFD chain loops back to offset " + offset
                            + " after page " + (ifds.size() - 1));
                }
                if (ifds.size() >= MAX_PAGES) {
                    throw new InputException(path + ": TIFF has more than " + MAX_PAGES + " pages");
                }
                ByteBuffer countBuf = read(ch, offset, 2, size, path, "IFD of page " + ifds.size());
                int count = countBuf.order(order).getShort(0) & 0xffff;
                ByteBuffer b = read(ch, offset + 2, 12L * count + 4, size, path, "IFD of page " + ifds.size());
                b.order(order);
                long width = 0;
                long height = 0;
                int bits = 1;
                int format = 1;
                int samples = 1;
                boolean reduced = false;
                for (int e = 0; e < count; e++) {
                    int at = 12 * e;
                    int tag = b.getShort(at) & 0xffff;
                    int type = b.getShort(at + 2) & 0xffff;
                    long value = type == 3 ? b.getShort(at + 8) & 0xffff : b.getInt(at + 8) & 0xffffffffL;
                    switch (tag) {
                        case 254:
                            reduced = (value & 1) != 0;
                            break;
                        case 256:
                            width = value;
                            break;
                        case 257:
                            height = value;
                            break;
                        case 258:
                            // one value inline (SHORT); several (colour) are at an offset: then it is not grey
                            long n = b.getInt(at + 4) & 0xffffffffL;
                            bits = n == 1 ? (int) value : -1;
                            break;
                        case 277:
                            samples = (int) value;
                            break;
                        case 339:
                            long m = b.getInt(at + 4) & 0xffffffffL;
                            format = m == 1 ? (int) value : -1;
                            break;
                        default:
                            break;
                    }
                }
                ifds.add(new Ifd(width, height, bits, format, samples, reduced));
                offset = b.getInt(12 * count) & 0xffffffffL;
            }
            if (ifds.isEmpty()) {
                throw new InputException(path + ": TIFF has no page");
            }
            return ifds;
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, long length, long size, Path path, String what)
            throws IOException {
        if (at < 0 || at + length > size) {
            throw new InputException(path + ": corrupt or truncated TIFF: the " + what + " at offset " + at
                    + " runs past the end of the file (" + size + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new InputException(path + ": truncated TIFF while reading the " + what);
            }
        }
        b.flip();
        return b;
    }

    /** The samples' type when every page is grey with one of the supported types, else null. */
    SampleType sampleType() {
        return sampleType;
    }

    /** The page index in the file of each frame (reduced-resolution pages skipped). */
    int[] pageIndices() {
        return pages.clone();
    }

    @Override
    public int frameCount() {
        return pages.length;
    }

    @Override
    public int[] frameShape() {
        return new int[] {rows, cols};
    }

    @Override
    public String frameName(int index) {
        return "frame " + index + " (page " + pages[index] + " of " + path.getFileName() + ")";
    }

    @Override
    public NdArray frame(int index) throws IOException {
        if (index < 0 || index >= pages.length) {
            throw new IndexOutOfBoundsException("frame " + index + " is outside 0.." + (pages.length - 1));
        }
        if (closed) {
            throw new IOException(path + ": the stack is closed");
        }
        ImageReader reader = readers.poll();
        if (reader == null) {
            reader = newReader();
        }
        try {
            BufferedImage image = reader.read(pages[index]);
            NdArray a = toArray(image);
            if (a.rank() != 2 || a.shape(0) != rows || a.shape(1) != cols) {
                throw new InputException(frameName(index) + ": decoded as " + a.shapeString() + ", expected "
                        + rows + "x" + cols);
            }
            return a;
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InputException(frameName(index) + ": corrupt or unsupported TIFF page ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' '))
                    + ")", e);
        } finally {
            readers.offer(reader);
        }
    }

    private ImageReader newReader() throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(path.toFile());
        if (in == null) {
            throw new InputException(path + ": cannot open the file");
        }
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("tiff");
        if (!it.hasNext()) {
            in.close();
            throw new InputException(path + ": this JDK has no TIFF reader");
        }
        ImageReader r = it.next();
        r.setInput(in, false, true);
        synchronized (all) {
            all.add(r);
        }
        return r;
    }

    /** The page's samples with the sample-format corrections ImageIO leaves to the caller. */
    private NdArray toArray(BufferedImage image) {
        Raster r = image.getRaster();
        if (image.getColorModel() instanceof IndexColorModel || r.getNumBands() != 1 || sampleType == null) {
            return Images.toArray(image);
        }
        int dataType = r.getDataBuffer().getDataType();
        if (sampleType == SampleType.INT8 && dataType == DataBuffer.TYPE_BYTE) {
            return convert(r, v -> (byte) v);
        }
        if (sampleType == SampleType.UINT32 && dataType == DataBuffer.TYPE_INT) {
            return convert(r, v -> v & 0xffffffffL);
        }
        return Images.toArray(image);
    }

    private interface Conversion {
        double apply(int raw);
    }

    private static NdArray convert(Raster r, Conversion c) {
        int w = r.getWidth();
        int h = r.getHeight();
        double[] out = new double[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = c.apply(row[x]);
            }
        }
        return NdArray.wrap(out, h, w);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (all) {
            for (ImageReader r : all) {
                Object in = r.getInput();
                r.dispose();
                if (in instanceof ImageInputStream s) {
                    s.close();
                }
            }
            all.clear();
        }
    }
}
