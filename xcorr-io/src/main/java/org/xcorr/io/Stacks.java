package org.xcorr.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSink;
import org.xcorr.stack.FrameSource;

/**
 * Stacks of frames on disk: opening every stack form as a lazy {@link FrameSource}, and writing a stack frame
 * by frame, atomically.
 *
 * <p><b>Forms read</b> ({@link #open(String, int)}):
 * <ul>
 *   <li>a multi-page TIFF ({@code .tif}, {@code .tiff}): one page per frame, decoded page by page
 *       (8/16/32-bit signed or unsigned integer, 32/64-bit float, any compression the JDK decodes); its IFD
 *       chain is walked first and a chain that loops fails in one line;</li>
 *   <li>a {@code .npy} array with time first: 3-D {@code (t, y, x)} gives images, 4-D {@code (t, z, y, x)}
 *       volumes; frames are read with positional file reads, never the whole file;</li>
 *   <li>a folder: every {@code .tif .tiff .png .jpg .jpeg .bmp .gif .npy} file in it (hidden files skipped);</li>
 *   <li>a glob in the last path component ({@code frames/img_*.png}; quote it so the shell leaves it alone);</li>
 *   <li>a list file ({@code .txt}, {@code .lst}, {@code .list}): one path per line, blank lines and lines
 *       starting with {@code #} skipped, relative paths resolved against the list file's folder.</li>
 * </ul>
 * Folders and globs are in natural order: digit runs compare as numbers, so {@code frame_2} comes before
 * {@code frame_10}. Memory holds the frames being worked on, not the stack.
 *
 * <p><b>Forms written</b> ({@link #write}): a multi-page classic TIFF (one page per frame, or per plane of a
 * volume frame, z fastest as ImageJ hyperstacks; {@code float32}, {@code float64} or an integer type) or a {@code .npy} array
 * with time first. The JDK's TIFF writer, like this one, writes classic TIFF only, whose offsets are 32-bit:
 * a stack over 4 GiB is refused before anything is written (write {@code .npy} instead). Writes go through
 * {@link AtomicFiles}: a failure part-way leaves no file.
 */
public final class Stacks {

    /** Extensions of the single images a folder or a glob may hold. */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif",
            "npy");
    private static final long MAX_CLASSIC_TIFF = 0xffffffffL;
    private static final int TIFF_ENTRIES = 11;
    private static final int TIFF_IFD_BYTES = 2 + 12 * TIFF_ENTRIES + 4;

    /** Writes the frames of a stack to a sink, in order. */
    @FunctionalInterface
    public interface FrameProducer {
        /** Hands every frame to {@code sink}, frame 0 first. */
        void produce(FrameSink sink) throws IOException;
    }

    private Stacks() {
    }

    /** {@link #open(String, int)} with frames as stored (no grouping into volumes). */
    public static FrameSource open(String spec) throws IOException {
        return open(spec, 0);
    }

    /**
     * Opens a stack (see the class comment for the forms).
     *
     * @param spec  a file, a folder, a glob or a list file
     * @param depth 0 for frames as stored; {@code Z > 0} groups every {@code Z} consecutive 2-D frames (pages)
     *              into one volume {@code (Z, y, x)} (a 4-D {@code .npy} is already volumes: its {@code z} axis
     *              must then equal {@code Z})
     * @throws InputException naming the path when it is missing, empty, of an unknown form, or corrupt
     */
    public static FrameSource open(String spec, int depth) throws IOException {
        if (depth < 0) {
            throw new InputException("depth must be >= 1, got " + depth);
        }
        FrameSource s = openFrames(spec);
        if (depth == 0) {
            return s;
        }
        int[] shape = s.frameShape();
        if (shape.length == 3) {
            if (shape[0] != depth) {
                s.close();
                throw new InputException(spec + ": the volumes have depth " + shape[0] + ", not " + depth);
            }
            return s;
        }
        try {
            return new VolumeSource(s, depth);
        } catch (InputException e) {
            s.close();
            throw new InputException(spec + ": " + e.getMessage(), e);
        }
    }

    private static FrameSource openFrames(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new InputException("the stack path is empty");
        }
        if (isGlob(spec)) {
            return new FileListSource(glob(spec));
        }
        Path p;
        try {
            p = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new InputException(spec + ": not a valid path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(p)) {
            return new FileListSource(folder(p));
        }
        if (!Files.exists(p)) {
            throw new InputException(spec + ": file not found");
        }
        String ext = ArrayFiles.extension(p);
        switch (ext) {
            case "tif":
            case "tiff":
                return TiffStackSource.open(p);
            case "npy":
                return NpyStackSource.open(p);
            case "txt":
            case "lst":
            case "list":
                return new FileListSource(listFile(p));
            default:
                throw new InputException(spec + ": not a stack: expected a multi-page .tif, a .npy with time first, "
                        + "a folder, a glob or a list file (.txt)");
        }
    }

    /**
     * The type of the samples stored in the stack, when every frame has one known type (a TIFF or {@code .npy}
     * stack of a supported type), else null (folders and lists of images, colour pages, 64-bit integers).
     */
    public static SampleType sampleType(FrameSource source) {
        if (source instanceof VolumeSource v) {
            return sampleType(v.planes());
        }
        if (source instanceof TiffStackSource t) {
            return t.sampleType();
        }
        if (source instanceof NpyStackSource n) {
            return n.sampleType();
        }
        return null;
    }

    private static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('[') >= 0 || spec.indexOf('{') >= 0;
    }

    private static List<Path> glob(String spec) throws IOException {
        int slash = Math.max(spec.lastIndexOf('/'), spec.lastIndexOf(java.io.File.separatorChar));
        String dir = slash < 0 ? "." : spec.substring(0, slash + 1);
        String pattern = spec.substring(slash + 1);
        if (isGlob(dir)) {
            throw new InputException(spec + ": a glob may only be in the last path component (the file name)");
        }
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            throw new InputException(spec + ": folder " + dir + " not found");
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && m.matches(p.getFileName())) {
                    out.add(slash < 0 ? p.getFileName() : p);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InputException(spec + ": no file matches the glob");
        }
        out.sort(NATURAL);
        return out;
    }

    private static List<Path> folder(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(p)
                        && IMAGE_EXTENSIONS.contains(ArrayFiles.extension(p))) {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InputException(dir + ": the folder holds no image or .npy file");
        }
        out.sort(NATURAL);
        return out;
    }

    private static List<Path> listFile(Path list) throws IOException {
        Path base = list.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                Path p = Path.of(t);
                out.add(p.isAbsolute() ? p : base.resolve(p));
            } catch (InvalidPathException e) {
                throw new InputException(list + ": line " + lineNo + " is not a valid path (" + e.getReason() + ")");
            }
        }
        if (out.isEmpty()) {
            throw new InputException(list + ": the list file names no file");
        }
        return out;
    }

    /** Natural order of file names: runs of digits compare as numbers ({@code a2 < a10}), the rest as text. */
    public static final Comparator<Path> NATURAL = (a, b) -> {
        int c = naturalCompare(a.getFileName().toString(), b.getFileName().toString());
        return c != 0 ? c : a.toString().compareTo(b.toString());
    };

    /**
     * Natural order of two strings: runs of digits compare as numbers (leading zeros ignored, so {@code a2 < a10}),
     * other characters one by one; a string that is a prefix of the other comes first. Returns 0 for strings that
     * differ only in leading zeros of a number (callers break such ties themselves).
     */
    public static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                if (da.length() != db.length()) {
                    return da.length() - db.length();
                }
                int c = da.compareTo(db);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }

    /**
     * Checks, before any work, that a stack of {@code frames} frames of {@code frameShape} in {@code type} can be
     * written to {@code path}: a {@code .tif}/{@code .tiff}/{@code .npy} extension, an existing folder, and for
     * TIFF at most 4 GiB (classic TIFF; neither this writer nor the JDK's writes BigTIFF).
     *
     * @throws InputException naming the path and what is wrong
     */
    public static void checkWritable(Path path, int frames, int[] frameShape, SampleType type) throws InputException {
        String ext = ArrayFiles.extension(path);
        if (!ext.equals("tif") && !ext.equals("tiff") && !ext.equals("npy")) {
            throw new InputException(path + ": a stack is written as .tif, .tiff or .npy, not "
                    + (ext.isEmpty() ? "a file without extension" : "." + ext));
        }
        if (Files.isDirectory(path)) {
            throw new InputException(path + ": cannot write, it is a directory; give a file name");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(path + ": cannot write, directory " + dir + " does not exist");
        }
        if (!ext.equals("npy")) {
            if (frameShape.length > 3 || frameShape.length < 1) {
                throw new InputException(path + ": a TIFF stack holds 1-D, 2-D or 3-D frames, not "
                        + NdArray.shapeString(frameShape));
            }
            long total = tiffBytes(frames, frameShape, type);
            if (total > MAX_CLASSIC_TIFF) {
                throw new InputException(path + ": the stack (" + frames + " frames of "
                        + NdArray.shapeString(frameShape) + ", " + type.label() + ") needs " + total
                        + " bytes, more than a classic TIFF can hold (4 GiB; the JDK has no BigTIFF writer); "
                        + "write .npy instead");
            }
        }
    }

    private static long tiffBytes(int frames, int[] frameShape, SampleType type) {
        long pages = (long) frames * (frameShape.length == 3 ? frameShape[0] : 1);
        long rows = frameShape.length == 1 ? 1 : frameShape[frameShape.length - 2];
        long cols = frameShape[frameShape.length - 1];
        long pageBytes = rows * cols * type.bytes();
        return 8 + pages * (TIFF_IFD_BYTES + 2 + pageBytes);
    }

    /**
     * Writes a stack atomically: {@code producer} hands over the frames in order and each is written as it
     * comes (a TIFF page or a slab of the {@code .npy}), so only one frame need be in memory.
     *
     * @param path       {@code .tif}/{@code .tiff} (one page per 2-D frame or per plane of a volume) or
     *                   {@code .npy} (shape {@code (frames, ...frameShape)})
     * @param frames     the number of frames the producer will give
     * @param frameShape the shape of each
     * @param type       the sample type written: {@code FLOAT32}, {@code FLOAT64} (which ImageJ does not read in TIFF), or an
     *                   integer type, into which values are rounded (ties to even) and must fit
     * @throws InputException for a bad path, a TIFF over 4 GiB (before writing), a frame of another shape, a
     *     value that does not fit an integer type, or a producer that gives the wrong number of frames; no
     *     file is left behind
     */
    public static void write(Path path, int frames, int[] frameShape, SampleType type, FrameProducer producer)
            throws IOException {
        checkWritable(path, frames, frameShape, type);
        boolean tiff = !ArrayFiles.extension(path).equals("npy");
        int[] shape = frameShape.clone();
        AtomicFiles.write(path, out -> {
            PageWriter w = tiff ? new TiffWriter(out, frames, shape, type) : new NpyWriter(out, frames, shape, type);
            int[] next = {0};
            producer.produce((index, frame) -> {
                if (index != next[0]) {
                    throw new InputException(path + ": frame " + index + " came when frame " + next[0]
                            + " was expected");
                }
                if (index >= frames) {
                    throw new InputException(path + ": more than the " + frames + " frames announced");
                }
                if (!java.util.Arrays.equals(frame.shape(), shape)) {
                    throw new InputException(path + ": frame " + index + " is " + frame.shapeString() + ", not "
                            + NdArray.shapeString(shape));
                }
                try {
                    w.frame(frame);
                } catch (IllegalArgumentException e) {
                    throw new InputException(path + ": frame " + index + ": " + e.getMessage()
                            + "; write float32 instead", e);
                }
                next[0]++;
            });
            if (next[0] != frames) {
                throw new InputException(path + ": " + next[0] + " frames were written, " + frames + " announced");
            }
        });
    }

    /** Writes one frame after another. */
    private interface PageWriter {
        void frame(NdArray frame) throws IOException;
    }

    /** Converts values to {@code type} into {@code buf}, flushing to {@code out} whenever it fills. */
    private static void samples(double[] v, int from, int to, SampleType type, ByteBuffer buf, OutputStream out)
            throws IOException {
        for (int i = from; i < to; i++) {
            if (buf.remaining() < 8) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            double x = type.convert(v[i]);
            switch (type) {
                case UINT8:
                case INT8:
                    buf.put((byte) (long) x);
                    break;
                case UINT16:
                case INT16:
                    buf.putShort((short) (long) x);
                    break;
                case UINT32:
                case INT32:
                    buf.putInt((int) (long) x);
                    break;
                case FLOAT32:
                    buf.putFloat((float) x);
                    break;
                default:
                    buf.putDouble(x);
                    break;
            }
        }
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** Classic little-endian TIFF, uncompressed, one strip per page, IFD before its data (as {@link Tiff}). */
    private static final class TiffWriter implements PageWriter {
        private final OutputStream out;
        private final SampleType type;
        private final int planes;
        private final int rows;
        private final int cols;
        private final long pageBytes;
        private final long totalPages;
        private long page;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        TiffWriter(OutputStream out, int frames, int[] shape, SampleType type) throws IOException {
            this.out = out;
            this.type = type;
            this.planes = shape.length == 3 ? shape[0] : 1;
            this.rows = shape.length == 1 ? 1 : shape[shape.length - 2];
            this.cols = shape[shape.length - 1];
            this.pageBytes = (long) rows * cols * type.bytes();
            this.totalPages = (long) frames * planes;
            buf.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        @Override
        public void frame(NdArray frame) throws IOException {
            double[] v = frame.backingReal();
            int n = rows * cols;
            for (int z = 0; z < planes; z++) {
                long ifd = 8 + page * (TIFF_IFD_BYTES + 2 + pageBytes);
                long data = ifd + TIFF_IFD_BYTES + 2;
                long next = page + 1 < totalPages ? data + pageBytes : 0;
                buf.putShort((short) TIFF_ENTRIES);
                entry(256, 4, cols);
                entry(257, 4, rows);
                entry(258, 3, type.tiffBits());
                entry(259, 3, 1);
                entry(262, 3, 1);
                entry(273, 4, data);
                entry(277, 3, 1);
                entry(278, 4, rows);
                entry(279, 4, pageBytes);
                entry(284, 3, 1);
                entry(339, 3, type.tiffFormat());
                buf.putInt((int) next);
                buf.putShort((short) 0);
                samples(v, z * n, (z + 1) * n, type, buf, out);
                page++;
            }
        }

        private void entry(int tag, int t, long value) {
            buf.putShort((short) tag).putShort((short) t).putInt(1);
            if (t == 3) {
                buf.putShort((short) value).putShort((short) 0);
            } else {
                buf.putInt((int) value);
            }
        }
    }

    /** {@code .npy} version 1.0 (2.0 when the header needs it), C order, little-endian. */
    private static final class NpyWriter implements PageWriter {
        private final OutputStream out;
        private final SampleType type;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        NpyWriter(OutputStream out, int frames, int[] shape, SampleType type) throws IOException {
            this.out = out;
            this.type = type;
            StringBuilder sh = new StringBuilder().append(frames);
            for (int s : shape) {
                sh.append(", ").append(s);
            }
            String dict = "{'descr': '" + type.npyDescr() + "', 'fortran_order': False, 'shape': (" + sh + "), }";
            int total = 10 + dict.length() + 1;
            int pad = (64 - total % 64) % 64;
            String header = dict + " ".repeat(pad) + "\n";
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void frame(NdArray frame) throws IOException {
            double[] v = frame.backingReal();
            samples(v, 0, v.length, type, buf, out);
        }
    }
}
