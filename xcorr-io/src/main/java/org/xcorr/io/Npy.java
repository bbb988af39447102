package org.xcorr.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcorr.array.NdArray;

/**
 * NumPy {@code .npy} files, format versions 1.0, 2.0 and 3.0.
 *
 * <p>Reading accepts every numeric dtype ({@code bool}, {@code int8..int64}, {@code uint8..uint64},
 * {@code float16/32/64}, {@code complex64/128}), both byte orders, and C or Fortran order; values are converted
 * to double (64-bit integers beyond 2^53 round to the nearest double). The result is always row-major.
 * Writing produces version 1.0, little-endian {@code float64} ({@code <f8}), or {@code complex128}
 * ({@code <c16}) for complex arrays, in C order.
 *
 * <p>Format: magic {@code \x93NUMPY}, major and minor version bytes, a header length (2 bytes little-endian in
 * 1.0, 4 bytes in 2.0/3.0), then an ASCII (UTF-8 in 3.0) Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}, padded so the data start on a 64-byte boundary.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");
    /** The largest element count a Java array (and so an NdArray) can hold on common JVMs. */
    private static final long MAX_ELEMENTS = ReadLimits.MAX_ARRAY_ELEMENTS;

    private Npy() {
    }

    /** The longest header accepted; NumPy itself writes at most a few hundred bytes and reads at most 10000. */
    private static final int MAX_HEADER = 1 << 20;
    /** Bytes decoded per read from the file: the only buffer besides the result. */
    private static final int CHUNK = 1 << 20;

    /**
     * Reads a {@code .npy} file into a row-major array (complex when the dtype is complex), with the default
     * {@link ReadLimits}.
     *
     * @throws InputException naming the file when it is missing, corrupt, truncated, of an unsupported dtype, or
     *     larger than an array or the heap can hold
     */
    public static NdArray read(Path path) throws IOException {
        return read(path, ReadLimits.defaults());
    }

    /**
     * Reads a {@code .npy} file, streaming: the header is parsed and checked first (the data must be in the
     * file, the array must fit in one {@code NdArray} and in the heap), then the data are decoded chunk by chunk
     * straight into the result's {@code double[]}, Fortran order included, so the file is never held in memory
     * whole. {@code limits}' pixel limit does not apply (see {@link ReadLimits}); its heap check does.
     *
     * @throws InputException naming the file when it is missing, corrupt, truncated, of an unsupported dtype, or
     *     too large
     */
    public static NdArray read(Path path, ReadLimits limits) throws IOException {
        String name = path.toString();
        try (SeekableByteChannel ch = open(path)) {
            Header h = header(ch, name, ch.size());
            h.checkFits(name, ch.size());
            return h.decode(ch, name, CHUNK);
        }
    }

    /**
     * The shape a {@code .npy} file declares, from its header alone, after every check {@link #read(Path,
     * ReadLimits)} makes before decoding (header, dtype, data present in the file, size).
     *
     * @throws InputException naming the file when it would fail to read for any of those reasons
     */
    public static int[] probe(Path path, ReadLimits limits) throws IOException {
        String name = path.toString();
        try (SeekableByteChannel ch = open(path)) {
            Header h = header(ch, name, ch.size());
            h.checkFits(name, ch.size());
            return h.shape.clone();
        }
    }

    /** {@link #read(Path, ReadLimits)} with chunks of {@code chunkBytes}: lets tests cross chunk boundaries. */
    static NdArray read(Path path, int chunkBytes) throws IOException {
        String name = path.toString();
        try (SeekableByteChannel ch = open(path)) {
            Header h = header(ch, name, ch.size());
            h.checkFits(name, ch.size());
            return h.decode(ch, name, chunkBytes);
        }
    }

    /** Reads a {@code .npy} image from a stream; {@code name} is used in error messages. */
    public static NdArray read(InputStream in, String name) throws IOException {
        Header h = header(Channels.newChannel(in), name, -1);
        ReadLimits.checkElements(name, "array " + NdArray.shapeString(h.shape), h.count);
        if (h.dataBytes() > ReadLimits.MAX_ARRAY_ELEMENTS) {
            throw new InputException(name + ": array " + NdArray.shapeString(h.shape) + " of " + h.dtype.descr
                    + " is too large to read from a stream (" + h.dataBytes() + " bytes); read it from a file");
        }
        // readNBytes grows its buffer as bytes arrive, so a header declaring more than the stream holds costs
        // only what is there.
        byte[] data = in.readNBytes((int) h.dataBytes());
        if (data.length < h.dataBytes()) {
            throw h.truncated(name, data.length);
        }
        h.checkFits(name, -1);
        return h.decode(Channels.newChannel(new java.io.ByteArrayInputStream(data)), name, CHUNK);
    }

    private static SeekableByteChannel open(Path path) throws InputException {
        try {
            return Files.newByteChannel(path);
        } catch (IOException e) {
            throw new InputException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A parsed, checked header; {@link #decode} reads the data that follow it. */
    private static final class Header {
        final Dtype dtype;
        final boolean fortran;
        final int[] shape;
        final long count;
        final long dataStart;

        Header(Dtype dtype, boolean fortran, int[] shape, long count, long dataStart) {
            this.dtype = dtype;
            this.fortran = fortran;
            this.shape = shape;
            this.count = count;
            this.dataStart = dataStart;
        }

        long dataBytes() {
            return count * dtype.size;
        }

        InputException truncated(String name, long have) {
            return new InputException(name + ": truncated .npy data: shape " + NdArray.shapeString(shape) + " of "
                    + dtype.descr + " needs " + dataBytes() + " bytes, the file holds " + have);
        }

        /** The data are in the file ({@code fileSize} -1: not known), and the result fits in the heap. */
        void checkFits(String name, long fileSize) throws InputException {
            if (fileSize >= 0 && fileSize - dataStart < dataBytes()) {
                throw truncated(name, fileSize - dataStart);
            }
            long bytes = count * Double.BYTES * (dtype.complex ? 2 : 1);
            ReadLimits.checkHeap(name, "array " + NdArray.shapeString(shape) + " of " + dtype.descr,
                    bytes + CHUNK);
        }

        /**
         * Decodes the data from {@code ch} (positioned anywhere for a seekable channel; at the data otherwise)
         * into the result, chunk by chunk of at most {@code chunkBytes}; Fortran-ordered data are stored at their
         * row-major positions as they are decoded.
         *
         * <p>Every chunk is read into one direct buffer (one copy from the file) and taken out of it by a bulk
         * view copy ({@code asDoubleBuffer().get(double[])} and its siblings: a memory copy, byte-swapped when
         * the file's order is not the machine's), never value by value: in a one-shot run the per-value decoder
         * ran interpreted and then in C1 code and cost 0.5-1.5 s for a 4096^2 float64 file, the bulk copy runs
         * at memory speed from the first call. Only dtypes other than float64 then take one simple widening
         * loop.
         */
        NdArray decode(ReadableByteChannel ch, String name, int chunkBytes) throws IOException {
            if (ch instanceof SeekableByteChannel) {
                ((SeekableByteChannel) ch).position(dataStart);
            }
            int n = (int) count;
            double[] re = new double[n];
            double[] im = dtype.complex ? new double[n] : null;
            int per = dtype.size;
            int cap = (int) Math.min(Math.max(chunkBytes / per, 1) * (long) per, dataBytes());
            ByteBuffer buf = ByteBuffer.allocateDirect(cap).order(dtype.order);
            Order target = fortran && shape.length > 1 ? new Order(shape) : null;
            Scratch scratch = new Scratch(cap / per);
            long done = 0;
            while (done < count) {
                buf.clear();
                long left = (count - done) * per;
                if (left < buf.capacity()) {
                    buf.limit((int) left);
                }
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw truncated(name, done * per + buf.position());
                    }
                }
                int elements = buf.position() / per;
                buf.flip();
                dtype.decode(buf, elements, (int) done, re, im, target, scratch);
                done += elements;
            }
            return im == null ? NdArray.wrap(re, shape) : NdArray.wrapComplex(re, im, shape);
        }
    }

    /** Per-read buffers for one chunk's values, allocated on first use (most reads need none of them). */
    private static final class Scratch {
        private final int elements;
        private double[] values;
        private double[] pairs;
        private float[] floats;
        private byte[] bytes;
        private short[] shorts;
        private int[] ints;
        private long[] longs;

        Scratch(int elements) {
            this.elements = elements;
        }

        double[] values() {
            return values == null ? values = new double[elements] : values;
        }

        double[] pairs() {
            return pairs == null ? pairs = new double[2 * elements] : pairs;
        }

        float[] floats(int perElement) {
            return floats == null ? floats = new float[perElement * elements] : floats;
        }

        byte[] bytes() {
            return bytes == null ? bytes = new byte[elements] : bytes;
        }

        short[] shorts() {
            return shorts == null ? shorts = new short[elements] : shorts;
        }

        int[] ints() {
            return ints == null ? ints = new int[elements] : ints;
        }

        long[] longs() {
            return longs == null ? longs = new long[elements] : longs;
        }
    }

    /**
     * Row-major positions of column-major (first axis fastest) elements, in the order they come: an index
     * counter that avoids a second copy of the array for Fortran-ordered files.
     */
    private static final class Order {
        private final int[] shape;
        private final int[] idx;

        Order(int[] shape) {
            this.shape = shape;
            this.idx = new int[shape.length];
        }

        /** The row-major position of the next column-major element. */
        int next() {
            int ci = 0;
            for (int a = 0; a < shape.length; a++) {
                ci = ci * shape[a] + idx[a];
            }
            for (int a = 0; a < shape.length; a++) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
            return ci;
        }
    }

    /**
     * Reads and checks the magic, version, header length and header dict. {@code fileSize} is -1 for a stream.
     */
    private static Header header(ReadableByteChannel ch, String name, long fileSize) throws IOException {
        if (fileSize == 0) {
            throw new InputException(name + ": empty file (0 bytes), not a .npy array");
        }
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        int got = fill(ch, pre, 10);
        if (got == 0) {
            throw new InputException(name + ": empty file (0 bytes), not a .npy array");
        }
        byte[] b = pre.array();
        for (int i = 0; i < Math.min(got, MAGIC.length); i++) {
            if (b[i] != MAGIC[i]) {
                throw new InputException(name + ": not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (got < 10) {
            throw new InputException(name + ": not a .npy file (" + got + " bytes, too short for a header)");
        }
        int major = b[6] & 0xff;
        long headerLen;
        long dataStart;
        if (major == 1) {
            headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            dataStart = 10 + headerLen;
        } else if (major == 2 || major == 3) {
            pre.position(10);
            pre.limit(12);
            if (fill(ch, pre, 2) < 2) {
                throw new InputException(name + ": corrupt .npy header: the file ends inside the header length");
            }
            headerLen = pre.getInt(8) & 0xffffffffL;
            dataStart = 12 + headerLen;
        } else {
            throw new InputException(name + ": unsupported .npy format version " + major + "." + (b[7] & 0xff)
                    + " (expected 1.0, 2.0 or 3.0)");
        }
        long size = fileSize < 0 ? Long.MAX_VALUE : fileSize;
        if (dataStart > size) {
            throw new InputException(name + ": corrupt .npy header: header length " + headerLen
                    + " runs past the end of the file (" + fileSize + " bytes)");
        }
        if (headerLen > MAX_HEADER) {
            throw new InputException(name + ": corrupt .npy header: header length " + headerLen
                    + " bytes is implausible (at most " + MAX_HEADER + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        if (fill(ch, hb, (int) headerLen) < headerLen) {
            throw new InputException(name + ": corrupt .npy header: header length " + headerLen
                    + " runs past the end of the file");
        }
        String header = new String(hb.array(), 0, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher md = DESCR.matcher(header);
        if (!md.find()) {
            if (STRUCTURED.matcher(header).find()) {
                throw new InputException(name + ": unsupported .npy dtype: structured (record) arrays are not"
                        + " supported; save one numeric field as a plain array");
            }
            throw missingKey(name, "descr", header);
        }
        Matcher mf = FORTRAN.matcher(header);
        if (!mf.find()) {
            if (header.contains("'fortran_order'")) {
                throw new InputException(name + ": corrupt .npy header: 'fortran_order' must be True or False in "
                        + excerpt(header));
            }
            throw missingKey(name, "fortran_order", header);
        }
        Matcher ms = SHAPE.matcher(header);
        if (!ms.find()) {
            throw missingKey(name, "shape", header);
        }
        Dtype dtype = Dtype.parse(md.group(1), name);
        boolean fortran = mf.group(1).equals("True");
        long[] dims = parseShape(ms.group(1), name);
        String shapeText = shapeString(dims);
        long count = 1;
        boolean overflow = false;
        for (long d : dims) {
            if (d == 0) {
                throw new InputException(name + ": array is empty (shape " + shapeText + ")");
            }
        }
        for (long d : dims) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                overflow = true;
                break;
            }
        }
        if (overflow || count > MAX_ELEMENTS) {
            throw new InputException(name + ": array " + shapeText + " is too large ("
                    + (overflow ? "more than 2^63" : String.format(Locale.ROOT, "%,d", count))
                    + " elements; an array holds at most " + String.format(Locale.ROOT, "%,d", MAX_ELEMENTS) + ")");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) dims[i];
        }
        return new Header(dtype, fortran, shape, count, dataStart);
    }

    /** Reads until {@code b} holds {@code want} more bytes or the channel ends; returns how many came. */
    private static int fill(ReadableByteChannel ch, ByteBuffer b, int want) throws IOException {
        int got = 0;
        int stop = b.position() + want;
        b.limit(Math.min(b.capacity(), stop));
        while (b.hasRemaining()) {
            int r = ch.read(b);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    private static String shapeString(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? "x" : "").append(dims[i]);
        }
        return sb.toString();
    }

    private static InputException missingKey(String name, String key, String header) {
        return new InputException(name + ": corrupt .npy header: no '" + key + "' entry in " + excerpt(header));
    }

    /** The header as printable one-line text, at most 100 characters. */
    private static String excerpt(String header) {
        StringBuilder sb = new StringBuilder();
        for (char c : header.trim().toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.length() > 100 ? sb.substring(0, 97) + "..." : sb.toString();
    }

    /** Shape entries as non-negative longs; an entry beyond 2^63 - 1 is reported as too large. */
    private static long[] parseShape(String s, String name) throws InputException {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            String digits = t.replaceAll("[lL]$", "");
            if (!digits.matches("[0-9]{1,1000}")) {
                throw new InputException(name + ": corrupt .npy header: shape entry '" + excerpt(t)
                        + "' is not a non-negative integer");
            }
            long v;
            try {
                v = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new InputException(name + ": array shape entry " + excerpt(digits) + " is too large (an array"
                        + " holds at most " + String.format(Locale.ROOT, "%,d", MAX_ELEMENTS) + " elements)");
            }
            dims.add(v);
        }
        if (dims.isEmpty()) {
            throw new InputException(name + ": a 0-d .npy scalar is not an array; need 1 to 3 axes");
        }
        if (dims.size() > NdArray.MAX_RANK) {
            throw new InputException(name + ": " + dims.size() + "-D array; xcorr handles 1 to 3 axes");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
        }
        return shape;
    }

    /** Writes {@code array} as little-endian float64 (or complex128), C order, format 1.0; atomic. */
    public static void write(Path path, NdArray array) throws IOException {
        boolean complex = array.isComplex();
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < array.rank(); i++) {
            shape.append(array.shape(i)).append(", ");
        }
        String sh = array.rank() == 1 ? shape.toString().trim() : shape.substring(0, shape.length() - 2);
        String dict = "{'descr': '" + (complex ? "<c16" : "<f8") + "', 'fortran_order': False, 'shape': (" + sh + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        double[] re = array.backingReal();
        double[] im = array.backingImag();
        AtomicFiles.write(path, out -> {
            out.write(MAGIC);
            out.write(1);
            out.write(0);
            out.write(header.length() & 0xff);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            writeData(out, re, im, CHUNK);
        });
    }

    /**
     * The data of {@link #write}: little-endian doubles (real and imaginary interleaved for a complex array),
     * in chunks of at most {@code chunkBytes} bytes, each filled by one bulk view copy
     * ({@code asDoubleBuffer().put(double[])}, a memory copy, byte-swapped on a big-endian machine) instead of
     * a value-by-value loop that a one-shot run interprets first. A 4096^2 map took 0.5-0.9 s to write value by
     * value, about a tenth of that in bulk.
     */
    static void writeData(java.io.OutputStream out, double[] re, double[] im, int chunkBytes) throws IOException {
        int per = im == null ? 8 : 16;
        int step = Math.max(1, Math.min(chunkBytes / per, re.length));
        byte[] bytes = new byte[step * per];
        java.nio.DoubleBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[] pairs = im == null ? null : new double[2 * step];
        for (int i = 0; i < re.length; i += step) {
            int m = Math.min(step, re.length - i);
            view.clear();
            if (pairs == null) {
                view.put(re, i, m);
            } else {
                for (int k = 0; k < m; k++) {
                    pairs[2 * k] = re[i + k];
                    pairs[2 * k + 1] = im[i + k];
                }
                view.put(pairs, 0, 2 * m);
            }
            out.write(bytes, 0, m * per);
        }
    }

    /** A NumPy dtype string such as {@code <f8} or {@code |u1}. */
    private static final class Dtype {
        final String descr;
        final char kind;
        final int size;
        final ByteOrder order;
        final boolean complex;

        private Dtype(String descr, char kind, int size, ByteOrder order) {
            this.descr = descr;
            this.kind = kind;
            this.size = size;
            this.order = order;
            this.complex = kind == 'c';
        }

        static Dtype parse(String d, String name) throws InputException {
            if (d.length() < 3) {
                throw unsupported(d, name);
            }
            char o = d.charAt(0);
            ByteOrder order = o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (o != '<' && o != '>' && o != '|' && o != '=') {
                throw unsupported(d, name);
            }
            char kind = d.charAt(1);
            int size;
            try {
                size = Integer.parseInt(d.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(d, name);
            }
            boolean ok;
            switch (kind) {
                case 'b':
                    ok = size == 1;
                    break;
                case 'i':
                case 'u':
                    ok = size == 1 || size == 2 || size == 4 || size == 8;
                    break;
                case 'f':
                    ok = size == 2 || size == 4 || size == 8;
                    break;
                case 'c':
                    ok = size == 8 || size == 16;
                    break;
                default:
                    ok = false;
            }
            if (!ok) {
                throw unsupported(d, name);
            }
            return new Dtype(d.toLowerCase(Locale.ROOT), kind, size, order);
        }

        private static InputException unsupported(String d, String name) {
            return new InputException(name + ": unsupported .npy dtype '" + d + "' (need bool, int8-64, uint8-64,"
                    + " float16/32/64 or complex64/128)");
        }

        /**
         * Decodes the {@code elements} values in {@code buf} (position 0, in the file's byte order) into
         * {@code re} (and {@code im}) at positions {@code first, first + 1, ...}, or at {@code target}'s
         * positions when it is not null. Each dtype is taken out by one bulk view copy into {@code scratch} (for
         * C-ordered float64, straight into {@code re}) and then widened by a loop of its own, with no per-value
         * branch on the dtype.
         */
        void decode(ByteBuffer buf, int elements, int first, double[] re, double[] im, Order target,
                Scratch scratch) {
            if (complex) {
                double[] p = scratch.pairs();
                if (size == 8) {
                    float[] f = scratch.floats(2);
                    buf.asFloatBuffer().get(f, 0, 2 * elements);
                    for (int k = 0; k < 2 * elements; k++) {
                        p[k] = f[k];
                    }
                } else {
                    buf.asDoubleBuffer().get(p, 0, 2 * elements);
                }
                for (int k = 0; k < elements; k++) {
                    int i = target == null ? first + k : target.next();
                    re[i] = p[2 * k];
                    im[i] = p[2 * k + 1];
                }
                return;
            }
            if (kind == 'f' && size == 8 && target == null) {
                buf.asDoubleBuffer().get(re, first, elements);
                return;
            }
            // C order: widen straight into the result; Fortran order: into the scratch values, then scatter
            double[] dst = target == null ? re : scratch.values();
            int off = target == null ? first : 0;
            if (size == 1) {
                byte[] v = scratch.bytes();
                buf.get(v, 0, elements);
                if (kind == 'b') {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k] != 0 ? 1 : 0;
                    }
                } else if (kind == 'u') {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k] & 0xff;
                    }
                } else {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k];
                    }
                }
            } else if (size == 2) {
                short[] v = scratch.shorts();
                buf.asShortBuffer().get(v, 0, elements);
                if (kind == 'f') {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = Images.halfToDouble(v[k]);
                    }
                } else if (kind == 'u') {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k] & 0xffff;
                    }
                } else {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k];
                    }
                }
            } else if (size == 4) {
                if (kind == 'f') {
                    float[] v = scratch.floats(1);
                    buf.asFloatBuffer().get(v, 0, elements);
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = v[k];
                    }
                } else {
                    int[] v = scratch.ints();
                    buf.asIntBuffer().get(v, 0, elements);
                    if (kind == 'u') {
                        for (int k = 0; k < elements; k++) {
                            dst[off + k] = v[k] & 0xffffffffL;
                        }
                    } else {
                        for (int k = 0; k < elements; k++) {
                            dst[off + k] = v[k];
                        }
                    }
                }
            } else if (kind == 'f') {
                buf.asDoubleBuffer().get(dst, off, elements);
            } else {
                long[] v = scratch.longs();
                buf.asLongBuffer().get(v, 0, elements);
                if (kind == 'u') {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = unsignedLong(v[k]);
                    }
                } else {
                    for (int k = 0; k < elements; k++) {
                        dst[off + k] = (double) v[k];
                    }
                }
            }
            if (target != null) {
                for (int k = 0; k < elements; k++) {
                    re[target.next()] = dst[k];
                }
            }
        }

        /**
         * uint64 to the nearest double (ties to even), as NumPy's astype(float64). Adding 2^63 to the converted
         * low 63 bits would round twice; halving with the lost bit kept as a sticky bit rounds once.
         */
        static double unsignedLong(long v) {
            if (v >= 0) {
                return v;
            }
            return (double) ((v >>> 1) | (v & 1)) * 2;
        }
    }
}
