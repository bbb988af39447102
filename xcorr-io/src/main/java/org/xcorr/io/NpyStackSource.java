package org.xcorr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSource;

/**
 * A {@code .npy} array whose axis 0 is time, read one frame at a time with positional reads of a
 * {@link FileChannel} (thread-safe, no shared file position): a 3-D array {@code (t, y, x)} gives 2-D frames,
 * a 4-D array {@code (t, z, y, x)} gives 3-D volumes. Only the header and the frame asked for are read, so
 * the file may be far larger than the heap.
 *
 * <p>Dtypes: {@code bool}, 8/16/32/64-bit signed and unsigned integers, {@code float32}, {@code float64}, either
 * byte order; C order only (a Fortran-order stack interleaves the frames, so streaming it would read the
 * whole file for every frame: save it with {@code numpy.ascontiguousarray}).
 */
final class NpyStackSource implements FrameSource {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final int frames;
    private final int[] frameShape;
    private final int frameSize;
    private final char kind;
    private final int itemSize;
    private final ByteOrder order;

    private NpyStackSource(Path path, FileChannel channel, long dataStart, int frames, int[] frameShape, char kind,
            int itemSize, ByteOrder order) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.frames = frames;
        this.frameShape = frameShape;
        this.frameSize = NdArray.sizeOf(frameShape);
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
    }

    /**
     * Opens {@code path} and reads its header.
     *
     * @throws InputException naming the file when it is not a {@code .npy} file, has fewer than 3 or more
     *     than 4 axes, an unsupported dtype, Fortran order, or is shorter than its header says
     */
    static NpyStackSource open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InputException(path + ": file not found");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12);
            ch.read(pre, 0);
            byte[] b = pre.array();
            if (pre.position() < 10 || b[0] != (byte) 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M' || b[4] != 'P'
                    || b[5] != 'Y') {
                throw new InputException(path + ": not a .npy file (it does not start with \\x93NUMPY)");
            }
            int major = b[6] & 0xff;
            long headerLen;
            long start;
            if (major == 1) {
                headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
                start = 10;
            } else if (major == 2 || major == 3) {
                headerLen = (b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24;
                start = 12;
            } else {
                throw new InputException(path + ": unsupported .npy format version " + major);
            }
            if (start + headerLen > size || headerLen > 1 << 20) {
                throw new InputException(path + ": corrupt .npy header: header length " + headerLen
                        + " runs past the end of the file (" + size + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            while (hb.hasRemaining() && ch.read(hb, start + hb.position()) > 0) {
                // positional reads until the header is in
            }
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher md = DESCR.matcher(header);
            Matcher mf = FORTRAN.matcher(header);
            Matcher ms = SHAPE.matcher(header);
            if (!md.find() || !mf.find() || !ms.find()) {
                throw new InputException(path + ": corrupt .npy header (needs descr, fortran_order and shape)");
            }
            String descr = md.group(1);
            if (descr.length() < 3) {
                throw new InputException(path + ": unsupported .npy dtype '" + descr + "'");
            }
            ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            char kind = descr.charAt(1);
            int item;
            try {
                item = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw new InputException(path + ": unsupported .npy dtype '" + descr + "'");
            }
            boolean ok = (kind == 'b' && item == 1) || ((kind == 'i' || kind == 'u') && (item == 1 || item == 2
                    || item == 4 || item == 8)) || (kind == 'f' && (item == 4 || item == 8));
            if (!ok) {
                throw new InputException(path + ": unsupported .npy dtype '" + descr + "' for a stack (expected"
                        + " bool, int8..int64, uint8..uint64, float32 or float64)");
            }
            if (mf.group(1).equals("True")) {
                throw new InputException(path + ": Fortran-order .npy stacks are not supported (frames would be"
                        + " interleaved); save it with numpy.ascontiguousarray");
            }
            String[] parts = ms.group(1).split(",");
            int[] shape = new int[parts.length];
            int rank = 0;
            for (String p : parts) {
                if (!p.isBlank()) {
                    try {
                        long v = Long.parseLong(p.trim().replace("L", ""));
                        if (v < 1 || v > Integer.MAX_VALUE) {
                            throw new InputException(path + ": .npy shape (" + ms.group(1) + ") has an empty or"
                                    + " too long axis");
                        }
                        shape[rank++] = (int) v;
                    } catch (NumberFormatException e) {
                        throw new InputException(path + ": corrupt .npy shape (" + ms.group(1) + ")");
                    }
                }
            }
            if (rank < 3 || rank > 4) {
                throw new InputException(path + ": a .npy stack needs 3 axes (time, y, x) or 4 (time, z, y, x),"
                        + " got " + rank);
            }
            int[] fs = java.util.Arrays.copyOfRange(shape, 1, rank);
            long frameElements = 1;
            for (int s : fs) {
                frameElements *= s;
            }
            if (frameElements > Integer.MAX_VALUE - 8) {
                throw new InputException(path + ": a frame of " + NdArray.shapeString(fs)
                        + " has more than 2^31 elements");
            }
            long dataStart = start + headerLen;
            long need = dataStart + (long) shape[0] * frameElements * item;
            if (need > size) {
                throw new InputException(path + ": truncated .npy: shape " + ms.group(1).trim() + " needs " + need
                        + " bytes, the file has " + size);
            }
            return new NpyStackSource(path, ch, dataStart, shape[0], fs, kind, item, order);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The dtype as a sample type, or null (bool, 64-bit integers). */
    SampleType sampleType() {
        switch (kind) {
            case 'u':
                return item(SampleType.UINT8, SampleType.UINT16, SampleType.UINT32);
            case 'i':
                return item(SampleType.INT8, SampleType.INT16, SampleType.INT32);
            case 'f':
                return itemSize == 4 ? SampleType.FLOAT32 : SampleType.FLOAT64;
            default:
                return null;
        }
    }

    private SampleType item(SampleType one, SampleType two, SampleType four) {
        return itemSize == 1 ? one : itemSize == 2 ? two : itemSize == 4 ? four : null;
    }

    @Override
    public int frameCount() {
        return frames;
    }

    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public NdArray frame(int index) throws IOException {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " is outside 0.." + (frames - 1));
        }
        double[] out = new double[frameSize];
        long at = dataStart + (long) index * frameSize * itemSize;
        int chunkItems = Math.max(1, (1 << 20) / itemSize);
        ByteBuffer buf = ByteBuffer.allocate(Math.min(frameSize, chunkItems) * itemSize).order(order);
        int done = 0;
        while (done < frameSize) {
            int n = Math.min(chunkItems, frameSize - done);
            buf.clear().limit(n * itemSize);
            long pos = at + (long) done * itemSize;
            while (buf.hasRemaining()) {
                int r = channel.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new InputException(path + ": frame " + index + ": the file ends early");
                }
            }
            buf.flip();
            decode(buf, out, done, n);
            done += n;
        }
        return NdArray.wrap(out, frameShape);
    }

    private void decode(ByteBuffer b, double[] out, int off, int n) {
        switch (kind) {
            case 'f':
                if (itemSize == 4) {
                    for (int i = 0; i < n; i++) {
                        out[off + i] = b.getFloat();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[off + i] = b.getDouble();
                    }
                }
                return;
            case 'b':
                for (int i = 0; i < n; i++) {
                    out[off + i] = b.get() != 0 ? 1 : 0;
                }
                return;
            default:
                boolean unsigned = kind == 'u';
                for (int i = 0; i < n; i++) {
                    double v;
                    switch (itemSize) {
                        case 1:
                            v = unsigned ? b.get() & 0xff : b.get();
                            break;
                        case 2:
                            v = unsigned ? b.getShort() & 0xffff : b.getShort();
                            break;
                        case 4:
                            v = unsigned ? b.getInt() & 0xffffffffL : b.getInt();
                            break;
                        default:
                            long l = b.getLong();
                            v = unsigned && l < 0 ? (double) (l >>> 1) * 2 + (l & 1) : l;
                            break;
                    }
                    out[off + i] = v;
                }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
