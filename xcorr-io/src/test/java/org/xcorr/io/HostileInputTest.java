package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.xcorr.io.Fixtures.assertInputError;
import static org.xcorr.io.HostileFiles.Entry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.array.NdArray;

/**
 * Regression tests for the hostile-input defects of the readers (issue 11): each builds the bad file in code and
 * is named after the defect. A refused file must give one {@link InputException} line naming the file.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static List<Entry> page(int width, int height) {
        return HostileFiles.greyPage(width, height, 8, 1, 1, (long) width * height);
    }

    // ---- TIFF directory chains ----

    @Test
    void tiffWithSelfLoopingIfdFailsInOneLine() throws IOException {
        Path p = write("loop.tif", HostileFiles.tiff(List.of(page(2, 2)), new int[] {0}, new byte[4]));
        assertInputError(p, () -> ArrayFiles.read(p), "loop", "directory 1", "offset 8");
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "loop");
    }

    @Test
    void tiffWithTwoIfdsPointingAtEachOtherFailsInOneLine() throws IOException {
        Path p = write("pingpong.tif", HostileFiles.tiff(List.of(page(2, 2), page(2, 2)), new int[] {1, 0},
                new byte[4]));
        assertInputError(p, () -> ArrayFiles.read(p), "loop", "directory 2");
    }

    @Test
    void tiffChainLongerThanThePageBoundIsRefused() throws IOException {
        int n = TiffDirectories.MAX_PAGES + 1;
        List<List<Entry>> pages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pages.add(page(1, 1));
        }
        Path p = write("many.tif", HostileFiles.tiff(pages, null, new byte[1]));
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "more than 65536 pages");
    }

    @Test
    void tiffDirectoryOffsetPastTheEndFailsInOneLine() throws IOException {
        byte[] b = HostileFiles.tiff(List.of(page(2, 2)), null, new byte[4]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1_000_000);
        Path p = write("farifd.tif", b);
        assertInputError(p, () -> ArrayFiles.read(p), "corrupt TIFF", "past the end of the file");
    }

    @Test
    void tiffStripDeclaringGigabytesIsRefusedBeforeAllocating() throws IOException {
        // StripByteCounts of 2^31: ImageIO would allocate the strip buffer before finding the bytes missing.
        Path p = write("bigstrip.tif", HostileFiles.tiff(List.of(HostileFiles.greyPage(2, 2, 8, 1, 8,
                0x8000_0000L)), null, new byte[4]));
        assertInputError(p, () -> ArrayFiles.read(p), "strip 0", "runs past the end of the file");
    }

    @Test
    void bigTiffIsRefusedInOneLine() throws IOException {
        byte[] b = HostileFiles.tiff(List.of(page(2, 2)), null, new byte[4]);
        b[2] = 43;
        Path p = write("big.tif", b);
        assertInputError(p, () -> ArrayFiles.read(p), "BigTIFF");
    }

    // ---- declared sizes (decompression bombs) ----

    @Test
    void pngDeclaring30000SquaredIsRefusedBeforeDecoding() throws IOException {
        // 30000 rows of 30000 zero bytes deflate to ~900 KB; a few rows make the same header, which is all the
        // check reads, and ImageIO would have to allocate the whole image before noticing the missing rows.
        byte[] rows = new byte[4 * 30001];
        Path p = write("bomb.png", HostileFiles.png(30000, 30000, 8, 0, rows, null));
        String m = assertInputError(p, () -> ArrayFiles.read(p), "PNG image 30000x30000", "900,000,000 pixels",
                "--max-pixels", "-Xmx");
        assertTrue(m.contains("XCORR_JAVA_OPTS"), m);
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "900,000,000 pixels");
    }

    @Test
    void deflateTiffDeclaring30000SquaredIsRefusedBeforeDecoding() throws IOException {
        byte[] strip = HostileFiles.deflate(new byte[30000 * 4]);
        Path p = write("bomb.tif", HostileFiles.tiff(List.of(HostileFiles.greyPage(30000, 30000, 8, 1, 8,
                strip.length)), null, strip));
        assertInputError(p, () -> ArrayFiles.read(p), "TIFF image 30000x30000", "900,000,000 pixels",
                "--max-pixels");
    }

    @Test
    void tiffPagesTogetherOverTheLimitAreRefused() throws IOException {
        Path p = write("pages.tif", HostileFiles.tiff(List.of(page(10, 10), page(10, 10), page(10, 10)), null,
                new byte[100]));
        assertInputError(p, () -> ArrayFiles.read(p, ReadLimits.defaults().withMaxPixels(299)),
                "3 pages of 10x10", "300 pixels", "limit of 299");
        assertEquals(3, ArrayFiles.read(p, ReadLimits.defaults().withMaxPixels(300)).shape(0));
    }

    @Test
    void jpegDeclaring65500x30000IsRefusedBeforeDecoding() throws IOException {
        BufferedImage small = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpeg", out);
        byte[] b = out.toByteArray();
        int sof = -1;
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xc0) {
                sof = i;
                break;
            }
        }
        assertTrue(sof > 0, "baseline JPEG has an SOF0 marker");
        ByteBuffer.wrap(b).putShort(sof + 5, (short) 30000).putShort(sof + 7, (short) 65500);
        Path p = write("bomb.jpg", b);
        assertInputError(p, () -> ArrayFiles.read(p), "JPEG image 65500x30000", "1,965,000,000 pixels",
                "--max-pixels");
    }

    @Test
    void maxPixelsIsALimitTheCallerSets() throws IOException {
        Path p = write("ten.png", HostileFiles.png(10, 10, 8, 0, new byte[10 * 11], null));
        assertInputError(p, () -> ArrayFiles.read(p, ReadLimits.defaults().withMaxPixels(99)), "100 pixels",
                "limit of 99");
        assertArrayEquals(new int[] {10, 10}, ArrayFiles.read(p, ReadLimits.defaults().withMaxPixels(100)).shape());
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.defaults().withMaxPixels(0));
    }

    @Test
    void npyLargerThanTheHeapIsRefusedBeforeAllocating() throws IOException {
        // A sparse file holding 2^29 float64 values (4 GiB) costs no disk; the test JVM's heap is smaller.
        long count = 1L << 29;
        assumeTrue(count * 8 > Runtime.getRuntime().maxMemory(), "needs a heap under 4 GiB (surefire: -Xmx3g)");
        byte[] head = HostileFiles.npy(HostileFiles.dict("<f8", false, "(" + count + ",)"), new byte[0]);
        Path p = dir.resolve("huge.npy");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + count * 8);
        }
        assertInputError(p, () -> ArrayFiles.read(p), "too large for the memory Java may use", "4.0 GiB",
                "-Xmx", "XCORR_JAVA_OPTS");
    }

    @Test
    void bmpWrappingAPngBombIsRefusedBeforeDecoding() throws IOException {
        // The BMP header says 1x1; the PNG inside (BI_PNG compression) declares 30000x30000.
        byte[] png = HostileFiles.png(30000, 30000, 8, 0, new byte[4 * 30001], null);
        ByteBuffer b = ByteBuffer.allocate(54 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + png.length).putInt(0).putInt(54);
        b.putInt(40).putInt(1).putInt(1).putShort((short) 1).putShort((short) 0).putInt(5).putInt(png.length)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        b.put(png);
        Path p = write("wrapped.bmp", b.array());
        assertInputError(p, () -> ArrayFiles.read(p), "embedded PNG");
    }

    @Test
    void wbmpContentIsNotTakenForAnImageFormatWeRead() throws IOException {
        Path p = write("w.png", new byte[] {0, 0, 2, 2, 0, 0});
        assertInputError(p, () -> ArrayFiles.read(p), "not a PNG, JPEG, BMP, GIF or TIFF image");
    }

    @Test
    void pngTruncatedInsideItsHeaderIsACorruptPng() throws IOException {
        byte[] png = HostileFiles.png(4, 4, 8, 0, new byte[20], null);
        Path p = write("cut.png", java.util.Arrays.copyOf(png, 20));
        assertInputError(p, () -> ArrayFiles.read(p), "corrupt, truncated or unsupported PNG image");
    }

    // ---- .npy sizes ----

    @ParameterizedTest
    @ValueSource(strings = {"(2147483648,)", "(99999999999999999999999,)", "(1099511627776, 1099511627776)",
        "(46341, 46341)", "(4294967296, 4294967296, 4294967296)"})
    void npyShapeTooLargeSaysTooLarge(String shape) throws IOException {
        Path p = write("big.npy", HostileFiles.npy(HostileFiles.dict("<f8", false, shape), new byte[8]));
        String m = assertInputError(p, () -> ArrayFiles.read(p), "too large");
        assertFalse(m.contains("not a non-negative integer"), m);
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "too large");
    }

    @Test
    void npyOfMaxElementsPlusOneIsRefusedAsTooLargeForAnArray() throws IOException {
        long n = ReadLimits.MAX_ARRAY_ELEMENTS + 1;
        Path p = write("over.npy", HostileFiles.npy(HostileFiles.dict("|u1", false, "(" + n + ",)"), new byte[1]));
        assertInputError(p, () -> ArrayFiles.read(p), "too large", "2,147,483,640");
    }

    @Test
    void npyLargeFileStreamsInChunksExactlyInBothOrders() throws IOException {
        // 3 x 500 x 900 uint16 = 2.7 MB: several 1 MiB chunks, a chunk boundary inside a row, Fortran order.
        int[] shape = {3, 500, 900};
        int n = shape[0] * shape[1] * shape[2];
        for (boolean fortran : new boolean[] {false, true}) {
            ByteBuffer data = ByteBuffer.allocate(2 * n).order(ByteOrder.BIG_ENDIAN);
            for (int f = 0; f < n; f++) {
                // file element f sits at row-major index c; its value is c mod 65521 so positions are checked
                int c = f;
                if (fortran) {
                    int i0 = f % shape[0];
                    int i1 = f / shape[0] % shape[1];
                    int i2 = f / (shape[0] * shape[1]);
                    c = (i0 * shape[1] + i1) * shape[2] + i2;
                }
                data.putShort((short) (c % 65521));
            }
            Path p = write("large-" + fortran + ".npy", HostileFiles.npy(HostileFiles.dict(">u2", fortran,
                    "(3, 500, 900)"), data.array()));
            NdArray a = ArrayFiles.read(p);
            assertArrayEquals(shape, a.shape());
            double[] v = a.backingReal();
            for (int c = 0; c < n; c++) {
                if (v[c] != c % 65521) {
                    throw new AssertionError("fortran=" + fortran + " element " + c + ": " + v[c]);
                }
            }
            assertArrayEquals(shape, ArrayFiles.probe(p, ReadLimits.defaults()));
        }
    }

    @Test
    void npyTruncatedDataIsFoundBeforeDecoding() throws IOException {
        Path p = write("short.npy", HostileFiles.npy(HostileFiles.dict("<f8", false, "(1000,)"), new byte[80]));
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "truncated", "8000 bytes",
                "holds 80");
    }

    @Test
    void npyHeaderLengthBeyondAnyHeaderIsRefused() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0x7fff_ffff);
        Path p = write("hdr.npy", b.array());
        assertInputError(p, () -> ArrayFiles.read(p), "header length 2147483647");
    }

    // ---- control characters in messages ----

    @Test
    void npyDtypeWithTerminalEscapeIsEscapedInTheMessage() throws IOException {
        Path p = write("osc.npy", HostileFiles.npy(HostileFiles.dict("\u001b]0;pwned\u0007", false, "(1,)"),
                new byte[8]));
        String m = assertInputError(p, () -> ArrayFiles.read(p), "unsupported .npy dtype", "\\x1b]0;pwned\\x07");
        assertPrintable(m);
    }

    @Test
    void fileNameWithNewlineAndEscapeIsEscapedInTheMessage() throws IOException {
        Path p = write("two\nlines\u001b[2J\u009b.png", new byte[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> ArrayFiles.read(p));
        assertTrue(e.getMessage().contains("two\\nlines\\e[2J\\x9b.png"), e.getMessage());
        assertPrintable(e.getMessage());
    }

    @Test
    void messagesEscapeEveryControlCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xa0; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\u202e\u2066");
        String m = new InputException(all.toString()).getMessage();
        assertPrintable(m);
        assertTrue(m.contains(" !\"#$%&'()*+,-./0123456789"), m);
        assertTrue(m.contains("\\n") && m.contains("\\r") && m.contains("\\t") && m.contains("\\e")
                && m.contains("\\x7f") && m.contains("\\x85") && m.contains("\\u2028") && m.contains("\\u202e"), m);
        assertEquals("plain (é, 日本)", Messages.printable("plain (é, 日本)"));
    }

    static void assertPrintable(String m) {
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029,
                    "control character U+" + Integer.toHexString(c) + " in: " + m);
        }
    }

    // ---- bit depths ----

    @Test
    void grey24BitTiffIsRefusedInOneLineInsteadOfReadingZeros() throws IOException {
        Path p = write("g24.tif", HostileFiles.greyTiff(2, 1, 24, 1, new byte[] {1, 0, 0, 0, 0, 1}));
        assertInputError(p, () -> ArrayFiles.read(p), "24-bit integer samples");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void int64TiffIsRefusedInOneLineWithoutAColorModelDump(int sampleFormat) throws IOException {
        Path p = write("i64.tif", HostileFiles.greyTiff(1, 1, 64, sampleFormat, new byte[8]));
        String m = assertInputError(p, () -> ArrayFiles.read(p), "64-bit");
        assertFalse(m.contains("ColorModel"), m);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 10, 12, 15})
    void lowAndOddBitTiffReadsRawSamplesNotRescaled(int bits) throws IOException {
        int max = (1 << bits) - 1;
        int width = Math.min(max + 1, 64);
        int rows = (max + 1 + width - 1) / width;
        int[] samples = new int[width * rows];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i * 7919 % (max + 1);
        }
        samples[0] = max;
        Path p = write("g" + bits + ".tif", HostileFiles.greyTiff(width, rows, bits, 1,
                HostileFiles.pack(samples, width, bits)));
        NdArray a = ArrayFiles.read(p);
        assertArrayEquals(new int[] {rows, width}, a.shape());
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], a.backingReal()[i], bits + "-bit sample " + i);
        }
    }

    @Test
    void twelveBitTiffReadsEveryValueExactly() throws IOException {
        int[] samples = new int[4096];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        Path p = write("g12.tif", HostileFiles.greyTiff(64, 64, 12, 1, HostileFiles.pack(samples, 64, 12)));
        double[] v = ArrayFiles.read(p).backingReal();
        for (int i = 0; i < 4096; i++) {
            assertEquals(i, v[i], "12-bit value " + i);
        }
    }

    @Test
    void twelveBitRgbTiffReadsTheLuminanceOfTheStoredSamples() throws IOException {
        byte[] pixel = {0x00, 0x10, 0x02, 0x00, 0x30}; // R = 1, G = 2, B = 3 in 12 bits each
        List<Entry> rgb = List.of(new Entry(256, 4, 1), new Entry(257, 4, 1), new Entry(258, 3, 12, 12, 12),
                new Entry(259, 3, 1), new Entry(262, 3, 2), new Entry(273, 4, 0), new Entry(277, 3, 3),
                new Entry(278, 4, 1), new Entry(279, 4, pixel.length), new Entry(339, 3, 1));
        Path p = write("rgb12.tif", HostileFiles.tiff(List.of(rgb), null, pixel));
        assertEquals(Images.luminance(1, 2, 3), ArrayFiles.read(p).backingReal()[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void lowBitGreyPngReadsRawSamplesNotRescaled(int depth) throws IOException {
        int max = (1 << depth) - 1;
        int width = 8;
        int[] samples = new int[width];
        for (int x = 0; x < width; x++) {
            samples[x] = (x * 5 + 1) % (max + 1);
        }
        byte[] packed = HostileFiles.pack(samples, width, depth);
        byte[] raw = new byte[packed.length + 1];
        System.arraycopy(packed, 0, raw, 1, packed.length);
        Path p = write("g" + depth + ".png", HostileFiles.png(width, 1, depth, 0, raw, null));
        NdArray a = ArrayFiles.read(p);
        for (int x = 0; x < width; x++) {
            assertEquals(samples[x], a.backingReal()[x], depth + "-bit PNG sample " + x);
        }
    }

    @Test
    void twoBitPalettePngReadsThePaletteLuminance() throws IOException {
        byte[] palette = {0, 0, 0, 10, 10, 10, (byte) 200, 0, 0, 1, 2, 3};
        Path p = write("pal2.png", HostileFiles.png(4, 1, 2, 3, new byte[] {0, 0x1b}, palette));
        double[] v = ArrayFiles.read(p).backingReal();
        assertEquals(0, v[0]);
        assertEquals(10, v[1]);
        assertEquals(Images.luminance(200, 0, 0), v[2]);
        assertEquals(Images.luminance(1, 2, 3), v[3]);
    }

    @Test
    void tiffPagesOfDifferentSizesAreRefusedBeforeDecoding() throws IOException {
        Path p = write("mixed.tif", HostileFiles.tiff(List.of(page(2, 2), page(3, 1)), null, new byte[4]));
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "pages differ in size");
    }

    @Test
    void probeGivesTheDeclaredShapeOfEachFormat() throws IOException {
        Path png = write("a.png", HostileFiles.png(5, 3, 8, 0, new byte[3 * 6], null));
        Path tif = write("a.tif", HostileFiles.tiff(List.of(page(4, 2), page(4, 2)), null, new byte[8]));
        Path npy = write("a.npy", HostileFiles.npy(HostileFiles.dict("<i4", true, "(2, 3)"), new byte[24]));
        assertArrayEquals(new int[] {3, 5}, ArrayFiles.probe(png, ReadLimits.defaults()));
        assertArrayEquals(new int[] {2, 2, 4}, ArrayFiles.probe(tif, ReadLimits.defaults()));
        assertArrayEquals(new int[] {2, 3}, ArrayFiles.probe(npy, ReadLimits.defaults()));
    }
}
