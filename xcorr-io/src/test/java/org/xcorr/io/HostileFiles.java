package org.xcorr.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

/** Builds small valid and hostile files in code: classic TIFFs tag by tag, PNGs chunk by chunk, .npy bytes. */
final class HostileFiles {

    private HostileFiles() {
    }

    /** One TIFF directory entry: tag, type (3 SHORT, 4 LONG), values. */
    record Entry(int tag, int type, long... values) {
    }

    /**
     * A little-endian classic TIFF: the header, then one directory per element of {@code pages} (each a list of
     * entries, sorted by the caller), each followed by its out-of-line values, then {@code data}. Entries with
     * the tag 273 (StripOffsets) get {@code dataOffset} added to their values, so a page can point into
     * {@code data}. {@code next} gives each directory's next-IFD pointer: null links them in order and ends the
     * chain with 0; otherwise {@code next[i]} is a directory index to point at (-1 for 0), for loops.
     */
    static byte[] tiff(List<List<Entry>> pages, int[] next, byte[] data) {
        // First pass: offsets of every directory and of the data.
        long[] ifdOffset = new long[pages.size()];
        long pos = 8;
        for (int p = 0; p < pages.size(); p++) {
            ifdOffset[p] = pos;
            pos += 2 + 12L * pages.get(p).size() + 4;
            for (Entry e : pages.get(p)) {
                long bytes = (long) e.values().length * (e.type() == 3 ? 2 : 4);
                if (bytes > 4) {
                    pos += bytes;
                }
            }
        }
        long dataOffset = pos;
        ByteBuffer b = ByteBuffer.allocate((int) (pos + data.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifdOffset[0]);
        for (int p = 0; p < pages.size(); p++) {
            List<Entry> entries = pages.get(p);
            long values = ifdOffset[p] + 2 + 12L * entries.size() + 4;
            b.position((int) ifdOffset[p]);
            b.putShort((short) entries.size());
            List<Entry> outOfLine = new ArrayList<>();
            for (Entry e : entries) {
                int size = e.type() == 3 ? 2 : 4;
                long[] v = e.values().clone();
                if (e.tag() == 273) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] += dataOffset;
                    }
                }
                b.putShort((short) e.tag()).putShort((short) e.type()).putInt(v.length);
                if ((long) v.length * size <= 4) {
                    ByteBuffer inline = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    for (long x : v) {
                        put(inline, size, x);
                    }
                    b.put(inline.array());
                } else {
                    b.putInt((int) values);
                    outOfLine.add(new Entry(e.tag(), e.type(), v));
                    values += (long) v.length * size;
                }
            }
            long nextOffset = next == null ? (p + 1 < pages.size() ? ifdOffset[p + 1] : 0)
                    : next[p] < 0 ? 0 : ifdOffset[next[p]];
            b.putInt((int) nextOffset);
            for (Entry e : outOfLine) {
                for (long x : e.values()) {
                    put(b, e.type() == 3 ? 2 : 4, x);
                }
            }
        }
        b.position((int) dataOffset);
        b.put(data);
        return b.array();
    }

    private static void put(ByteBuffer b, int size, long x) {
        if (size == 2) {
            b.putShort((short) x);
        } else {
            b.putInt((int) x);
        }
    }

    /**
     * The entries of one uncompressed (or {@code compression}) grey page in one strip of {@code stripBytes}
     * bytes at the start of the data.
     */
    static List<Entry> greyPage(long width, long height, int bits, int sampleFormat, int compression,
            long stripBytes) {
        return List.of(
                new Entry(256, 4, width),
                new Entry(257, 4, height),
                new Entry(258, 3, bits),
                new Entry(259, 3, compression),
                new Entry(262, 3, 1),
                new Entry(273, 4, 0),
                new Entry(277, 3, 1),
                new Entry(278, 4, height),
                new Entry(279, 4, stripBytes),
                new Entry(339, 3, sampleFormat));
    }

    /** A one-page uncompressed grey TIFF holding {@code data}. */
    static byte[] greyTiff(int width, int height, int bits, int sampleFormat, byte[] data) {
        return tiff(List.of(greyPage(width, height, bits, sampleFormat, 1, data.length)), null, data);
    }

    /** Packs {@code samples} of {@code bits} bits each, most significant bit first, each row padded to a byte. */
    static byte[] pack(int[] samples, int width, int bits) {
        int rows = samples.length / width;
        int rowBytes = (width * bits + 7) / 8;
        byte[] out = new byte[rows * rowBytes];
        for (int y = 0; y < rows; y++) {
            long bit = (long) y * rowBytes * 8;
            for (int x = 0; x < width; x++) {
                int v = samples[y * width + x];
                for (int k = bits - 1; k >= 0; k--, bit++) {
                    if ((v >> k & 1) != 0) {
                        out[(int) (bit >> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                }
            }
        }
        return out;
    }

    /** Deflate (zlib) of {@code raw}. */
    static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
            d.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return z.toByteArray();
    }

    /**
     * A PNG: signature, IHDR ({@code width}, {@code height}, {@code depth}, {@code colourType}), PLTE when
     * {@code palette} is not null, one IDAT holding the deflated {@code raw} scanlines (each starting with its
     * filter byte), IEND.
     */
    static byte[] png(long width, long height, int depth, int colourType, byte[] raw, byte[] palette) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(bytes);
            o.write(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
            ByteBuffer ihdr = ByteBuffer.allocate(13);
            ihdr.putInt((int) width).putInt((int) height).put((byte) depth).put((byte) colourType)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(o, "IHDR", ihdr.array());
            if (palette != null) {
                chunk(o, "PLTE", palette);
            }
            chunk(o, "IDAT", deflate(raw));
            chunk(o, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(DataOutputStream o, String type, byte[] data) throws IOException {
        PngEncoder.chunk(o, type, data);
    }

    /** A .npy version 1.0 file: magic, the header dict (padded to 64 bytes, newline-terminated), then data. */
    static byte[] npy(String dict, byte[] data) {
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    /** The header dict NumPy writes for {@code descr}, order and shape text such as "(3, 4)". */
    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
    }
}
