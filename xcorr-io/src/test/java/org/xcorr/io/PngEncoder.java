package org.xcorr.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG encoder for tests: every colour type and bit depth, Adam7 or not, every row filter (cycled row by
 * row, or one chosen), IDAT split into pieces, optional PLTE, tRNS and extra chunks. ImageIO's writer cannot
 * write most of these (1/2/4-bit grey, 16-bit grey+alpha, chosen filters, interlacing), so the decoders are
 * compared on files made here.
 */
final class PngEncoder {

    /** Adam7 passes: first column, first row, column step, row step. */
    private static final int[][] ADAM7 = {
        {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
    };

    int width;
    int height;
    int depth = 8;
    int colourType;
    boolean interlaced;
    /** -1: filters 0, 1, 2, 3, 4, 0, ... row by row; 0..4: that filter on every row. */
    int filter = -1;
    /** Samples, row-major, {@code channels} per pixel. */
    int[] samples;
    byte[] palette;
    byte[] transparency;
    /** IDAT pieces (at least 1). */
    int idatPieces = 1;
    /** Chunks (type, data) written before the first IDAT. */
    final List<Object[]> extraBefore = new ArrayList<>();
    /** Chunks (type, data) written after the last IDAT, before IEND. */
    final List<Object[]> extraAfter = new ArrayList<>();
    /** Raw bytes appended to the scanlines before compression (data past the image). */
    byte[] trailing = new byte[0];

    static int channels(int colourType) {
        return colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1;
    }

    /** The filtered scanlines of every pass, each row starting with its filter byte. */
    byte[] scanlines() {
        int ch = channels(colourType);
        int bpp = Math.max(1, ch * depth / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[][] passes = interlaced ? ADAM7 : new int[][] {{0, 0, 1, 1}};
        int rowIndex = 0;
        for (int[] p : passes) {
            int pw = (width - p[0] + p[2] - 1) / p[2];
            int ph = (height - p[1] + p[3] - 1) / p[3];
            if (pw <= 0 || ph <= 0) {
                continue;
            }
            int rowBytes = (pw * ch * depth + 7) / 8;
            byte[] prior = new byte[rowBytes];
            for (int r = 0; r < ph; r++) {
                int y = p[1] + r * p[3];
                byte[] raw = new byte[rowBytes];
                long bit = 0;
                for (int c = 0; c < pw; c++) {
                    int x = p[0] + c * p[2];
                    for (int s = 0; s < ch; s++) {
                        int v = samples[(y * width + x) * ch + s];
                        for (int k = depth - 1; k >= 0; k--, bit++) {
                            if ((v >> k & 1) != 0) {
                                raw[(int) (bit >> 3)] |= (byte) (0x80 >>> (bit & 7));
                            }
                        }
                    }
                }
                int f = filter >= 0 ? filter : rowIndex % 5;
                rowIndex++;
                out.write(f);
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[i - bpp] & 0xff : 0;
                    int b = prior[i] & 0xff;
                    int c = i >= bpp ? prior[i - bpp] & 0xff : 0;
                    int pred;
                    switch (f) {
                        case 1:
                            pred = a;
                            break;
                        case 2:
                            pred = b;
                            break;
                        case 3:
                            pred = (a + b) >>> 1;
                            break;
                        case 4:
                            int pa = Math.abs(b - c);
                            int pb = Math.abs(a - c);
                            int pc = Math.abs(a + b - 2 * c);
                            pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                            break;
                        default:
                            pred = 0;
                    }
                    out.write((raw[i] & 0xff) - pred);
                }
                prior = raw;
            }
        }
        out.write(trailing, 0, trailing.length);
        return out.toByteArray();
    }

    /** Zlib of {@code raw}. */
    static byte[] zlib(byte[] raw) {
        Deflater d = new Deflater(6);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /** The whole file. */
    byte[] encode() {
        return encodeWithData(zlib(scanlines()));
    }

    /** The file with {@code z} as the content of its IDAT chunks. */
    byte[] encodeWithData(byte[] z) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(bytes);
            o.write(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
            ByteBuffer ihdr = ByteBuffer.allocate(13);
            ihdr.putInt(width).putInt(height).put((byte) depth).put((byte) colourType).put((byte) 0).put((byte) 0)
                    .put((byte) (interlaced ? 1 : 0));
            chunk(o, "IHDR", ihdr.array());
            for (Object[] c : extraBefore) {
                chunk(o, (String) c[0], (byte[]) c[1]);
            }
            if (palette != null) {
                chunk(o, "PLTE", palette);
            }
            if (transparency != null) {
                chunk(o, "tRNS", transparency);
            }
            int pieces = Math.max(1, Math.min(idatPieces, z.length));
            for (int i = 0; i < pieces; i++) {
                int from = (int) ((long) z.length * i / pieces);
                int to = (int) ((long) z.length * (i + 1) / pieces);
                byte[] part = new byte[to - from];
                System.arraycopy(z, from, part, 0, part.length);
                chunk(o, "IDAT", part);
            }
            for (Object[] c : extraAfter) {
                chunk(o, (String) c[0], (byte[]) c[1]);
            }
            chunk(o, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chunk(DataOutputStream o, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        o.writeInt(data.length);
        o.write(t);
        o.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        o.writeInt((int) crc.getValue());
    }

    /**
     * The offset of the first chunk of {@code type} in {@code png} (its length field), or -1.
     */
    static int find(byte[] png, String type) {
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            String t = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (t.equals(type)) {
                return pos;
            }
            pos += 12 + length;
        }
        return -1;
    }

    /**
     * {@code png} with every chunk's CRC recomputed (those that lie wholly inside the file): lets a fuzzer's
     * mutations reach the decoder behind the CRC check.
     */
    static byte[] fixCrcs(byte[] png) {
        byte[] b = png.clone();
        if (b.length < 8) {
            return b;
        }
        long pos = 8;
        while (pos + 12 <= b.length) {
            long length = ByteBuffer.wrap(b, (int) pos, 4).getInt() & 0xffffffffL;
            if (pos + 12 + length > b.length) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(b, (int) pos + 4, (int) (4 + length));
            ByteBuffer.wrap(b).putInt((int) (pos + 8 + length), (int) crc.getValue());
            pos += 12 + length;
        }
        return b;
    }
}
