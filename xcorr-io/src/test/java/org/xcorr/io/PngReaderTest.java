package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.xcorr.io.Fixtures.assertInputError;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.array.NdArray;

/**
 * The direct PNG decoder ({@link PngReader}) against the ImageIO path it replaces: the same array, bit for bit,
 * for every colour type, bit depth, row filter, interlacing, odd width and 1x1; and its refusals of damaged
 * files, each built in code.
 */
class PngReaderTest {

    @TempDir
    Path dir;

    private static final Grey[] GREYS = {Grey.BT601, Grey.BT709, Grey.channel(1)};

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Decodes with {@link PngReader} (asserting that it does not leave the file to ImageIO) and with ImageIO. */
    private static void assertSameAsImageIo(Path p, Grey grey) throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(p), PngReader.HEADER_BYTES);
        PngReader.Ihdr ihdr = PngReader.header(p.toString(), head, head.length);
        assertNotNull(ihdr, p + ": header");
        NdArray fast = PngReader.read(p, ihdr, grey);
        assertNotNull(fast, p + ": the fast path should decode it");
        NdArray slow = Images.readWithImageIo(p, ReadLimits.defaults(), grey);
        assertArrayEquals(slow.shape(), fast.shape(), p + ": shape");
        Fixtures.assertBitsEqual(slow.backingReal(), fast.backingReal(), p.getFileName() + " " + grey);
        Fixtures.assertBitsEqual(slow.backingReal(), Images.read(p, grey).backingReal(), p + " via read");
    }

    /** Either both paths give the same array or both refuse the file (messages may differ). */
    private static void assertSameOutcome(Path p) throws IOException {
        NdArray slow;
        try {
            slow = Images.readWithImageIo(p, ReadLimits.defaults(), Grey.BT601);
        } catch (InputException e) {
            assertInputError(p, () -> Images.read(p));
            return;
        }
        Fixtures.assertBitsEqual(slow.backingReal(), Images.read(p).backingReal(), p.toString());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> kindArguments() {
        return kinds().map(k -> org.junit.jupiter.params.provider.Arguments.of(k[0], k[1]));
    }

    static Stream<int[]> kinds() {
        List<int[]> k = new ArrayList<>();
        for (int d : new int[] {1, 2, 4, 8, 16}) {
            k.add(new int[] {0, d});
        }
        for (int d : new int[] {1, 2, 4, 8}) {
            k.add(new int[] {3, d});
        }
        for (int ct : new int[] {2, 4, 6}) {
            k.add(new int[] {ct, 8});
            k.add(new int[] {ct, 16});
        }
        return k.stream();
    }

    private static PngEncoder random(int colourType, int depth, int width, int height, boolean interlaced,
            Random rnd) {
        PngEncoder e = new PngEncoder();
        e.width = width;
        e.height = height;
        e.depth = depth;
        e.colourType = colourType;
        e.interlaced = interlaced;
        e.samples = new int[width * height * PngEncoder.channels(colourType)];
        int max = (1 << depth) - 1;
        for (int i = 0; i < e.samples.length; i++) {
            // Extremes often, so 0, max and their neighbours are covered.
            int r = rnd.nextInt(8);
            e.samples[i] = r == 0 ? 0 : r == 1 ? max : rnd.nextInt(max + 1);
        }
        if (colourType == 3) {
            // Fewer entries than 2^depth at times: indices past the palette read as ImageIO reads them.
            int entries = 1 + rnd.nextInt(1 << depth);
            e.palette = new byte[3 * entries];
            rnd.nextBytes(e.palette);
        }
        e.idatPieces = 1 + rnd.nextInt(3);
        return e;
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits")
    @MethodSource("kindArguments")
    void everyColourTypeDepthFilterAndWidthEqualsImageIo(int colourType, int depth) throws IOException {
        Random rnd = new Random(colourType * 100 + depth);
        int n = 0;
        for (boolean interlaced : new boolean[] {false, true}) {
            for (int width : new int[] {1, 3, 8, 13, 33}) {
                for (int height : new int[] {1, 2, 9}) {
                    PngEncoder e = random(colourType, depth, width, height, interlaced, rnd);
                    Path p = write("t" + colourType + "d" + depth + "n" + n++ + ".png", e.encode());
                    assertSameAsImageIo(p, GREYS[n % GREYS.length]);
                }
            }
        }
    }

    @ParameterizedTest(name = "filter {0}")
    @MethodSource("filters")
    void eachFilterAloneOnEveryPixelSizeEqualsImageIo(int filter) throws IOException {
        Random rnd = new Random(filter);
        int n = 0;
        for (int[] k : kinds().toList()) {
            PngEncoder e = random(k[0], k[1], 11, 6, n % 2 == 1, rnd);
            e.filter = filter;
            Path p = write("f" + filter + "n" + n++ + ".png", e.encode());
            assertSameAsImageIo(p, Grey.BT601);
        }
    }

    static Stream<Integer> filters() {
        return Stream.of(0, 1, 2, 3, 4);
    }

    @Test
    void filesWrittenByImageIoEqualImageIo() throws IOException {
        Random rnd = new Random(7);
        int[] types = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_BINARY};
        for (int t : types) {
            for (int[] size : new int[][] {{1, 1}, {37, 5}, {64, 48}}) {
                BufferedImage image = new BufferedImage(size[0], size[1], t);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        image.setRGB(x, y, rnd.nextInt());
                    }
                }
                Path p = dir.resolve("io" + t + "-" + size[0] + ".png");
                ImageIO.write(image, "png", p.toFile());
                assertSameAsImageIo(p, Grey.BT601);
            }
        }
        byte[] r = new byte[200];
        rnd.nextBytes(r);
        IndexColorModel icm = new IndexColorModel(8, 200, r, r.clone(), r);
        BufferedImage indexed = new BufferedImage(29, 17, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 29; x++) {
                indexed.getRaster().setSample(x, y, 0, rnd.nextInt(200));
            }
        }
        Path p = dir.resolve("indexed.png");
        ImageIO.write(indexed, "png", p.toFile());
        assertSameAsImageIo(p, Grey.BT601);
    }

    @Test
    void fixturesAndGoldenTwinsEqualImageIo() throws IOException {
        for (Fixtures.Entry e : Fixtures.manifest("images")) {
            if (e.file().endsWith(".png")) {
                assertSameAsImageIo(Fixtures.resource(e.file()), Grey.BT601);
            }
        }
        assertSameAsImageIo(Fixtures.resource("golden-twins/ncc-11-image.png"), Grey.BT601);
        assertSameAsImageIo(Fixtures.resource("golden-twins/offset-06-image.png"), Grey.BT601);
    }

    @Test
    void transparencyAndAncillaryChunksChangeNoValue() throws IOException {
        Random rnd = new Random(11);
        int n = 0;
        for (int[] k : kinds().toList()) {
            if (k[0] == 4 || k[0] == 6) {
                continue; // tRNS is not allowed there (and left to ImageIO)
            }
            PngEncoder e = random(k[0], k[1], 9, 4, false, rnd);
            e.transparency = k[0] == 0 ? new byte[] {0, 1} : k[0] == 2 ? new byte[] {0, 1, 0, 2, 0, 3}
                    : new byte[] {0, (byte) 128, 7};
            e.extraBefore.add(new Object[] {"gAMA", new byte[] {0, 0, (byte) 0xb1, (byte) 0x8f}});
            e.extraBefore.add(new Object[] {"pHYs", new byte[9]});
            e.extraAfter.add(new Object[] {"tEXt", "Comment\0made in a test".getBytes("ISO-8859-1")});
            Path p = write("trns" + n++ + ".png", e.encode());
            assertSameAsImageIo(p, Grey.BT601);
        }
    }

    @Test
    void lowBitGreyWithTrnsGivesStoredSamplesNotImageIosScaledOnes() throws IOException {
        // ImageIO turns a 1/2/4-bit grey PNG with a tRNS chunk into 8-bit grey+alpha, scaling the samples to
        // 0..255; the class comment of Images promises the stored samples, and both paths now give them.
        for (int depth : new int[] {1, 2, 4}) {
            PngEncoder e = random(0, depth, 10, 3, false, new Random(depth));
            e.transparency = new byte[] {0, 0};
            Path p = write("lowtrns" + depth + ".png", e.encode());
            double[] want = Arrays.stream(e.samples).asDoubleStream().toArray();
            Fixtures.assertBitsEqual(want, Images.read(p).backingReal(), depth + "-bit, fast path");
            Fixtures.assertBitsEqual(want, Images.readWithImageIo(p, ReadLimits.defaults(), Grey.BT601)
                    .backingReal(), depth + "-bit, ImageIO path");
        }
    }

    @Test
    void paletteIndicesPastAShortPaletteReadAsImageIoReadsThem() throws IOException {
        for (int entries : new int[] {1, 2, 3, 5, 16, 17, 255}) {
            PngEncoder e = new PngEncoder();
            e.width = 256;
            e.height = 1;
            e.colourType = 3;
            e.samples = new int[256];
            for (int i = 0; i < 256; i++) {
                e.samples[i] = i;
            }
            e.palette = new byte[3 * entries];
            new Random(entries).nextBytes(e.palette);
            Path p = write("short" + entries + ".png", e.encode());
            assertSameAsImageIo(p, Grey.BT601);
        }
    }

    @Test
    void layoutsLeftToImageIoGiveImageIosResult() throws IOException {
        Random rnd = new Random(5);
        PngEncoder e = random(0, 8, 7, 5, false, rnd);
        byte[] ok = e.encode();
        int iend = PngEncoder.find(ok, "IEND");
        // No IEND: ImageIO reads a grey file without it.
        Path noEnd = write("noiend.png", Arrays.copyOf(ok, iend));
        assertNull(PngReader.read(noEnd, PngReader.header("x", ok, ok.length), Grey.BT601));
        assertSameOutcome(noEnd);
        // Cut inside the image data.
        Path cut = write("cut.png", Arrays.copyOf(ok, iend - 10));
        assertSameOutcome(cut);
        // IDAT, tEXt, IDAT.
        PngEncoder split = random(0, 8, 7, 5, false, rnd);
        split.idatPieces = 2;
        byte[] two = split.encode();
        int second = PngEncoder.find(Arrays.copyOfRange(two, 0, two.length), "IDAT");
        int len = ByteBuffer.wrap(two, second, 4).getInt();
        int at = second + 12 + len;
        byte[] gap = new byte[two.length + 12];
        System.arraycopy(two, 0, gap, 0, at);
        ByteBuffer.wrap(gap, at, 12).putInt(0).put("teXt".getBytes("ISO-8859-1")).putInt(0);
        System.arraycopy(two, at, gap, at + 12, two.length - at);
        assertSameOutcome(write("gap.png", PngEncoder.fixCrcs(gap)));
        // RGBA with tRNS; palette with a zTXt chunk.
        PngEncoder rgba = random(6, 8, 4, 4, false, rnd);
        rgba.transparency = new byte[6];
        assertSameOutcome(write("rgbatrns.png", rgba.encode()));
        PngEncoder pal = random(3, 8, 4, 4, false, rnd);
        pal.extraBefore.add(new Object[] {"zTXt", new byte[] {'k', 0, 0, 1, 2}});
        assertSameOutcome(write("palztxt.png", pal.encode()));
    }

    // ---------------------------------------------------------------------------------------- damaged files

    private byte[] valid(int colourType) {
        return random(colourType, 8, 16, 8, false, new Random(1)).encode();
    }

    @Test
    void idatWithBadCrcIsRefusedInOneLine() throws IOException {
        byte[] b = valid(0);
        int idat = PngEncoder.find(b, "IDAT");
        b[idat + 10] ^= 0x40;
        Path p = write("badcrc.png", b);
        assertInputError(p, () -> Images.read(p), "CRC", "IDAT");
    }

    @Test
    void ihdrWithBadCrcIsRefusedByProbeToo() throws IOException {
        byte[] b = valid(0);
        b[29] ^= 1;
        Path p = write("badihdr.png", b);
        assertInputError(p, () -> Images.read(p), "CRC", "IHDR");
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "CRC", "IHDR");
    }

    @Test
    void plteWithBadCrcIsRefused() throws IOException {
        byte[] b = valid(3);
        int plte = PngEncoder.find(b, "PLTE");
        b[plte + 9] ^= 1;
        Path p = write("badplte.png", b);
        assertInputError(p, () -> Images.read(p), "CRC", "PLTE");
    }

    @Test
    void unknownCriticalChunkIsRefused() throws IOException {
        PngEncoder e = random(0, 8, 3, 3, false, new Random(2));
        e.extraBefore.add(new Object[] {"XYZW", new byte[] {1, 2}});
        Path p = write("critical.png", e.encode());
        assertInputError(p, () -> Images.read(p), "unknown critical chunk XYZW");
        PngEncoder a = random(0, 8, 3, 3, false, new Random(2));
        a.extraBefore.add(new Object[] {"xYZW", new byte[] {1, 2}});
        assertSameAsImageIo(write("ancillary.png", a.encode()), Grey.BT601);
    }

    @Test
    void imageDataShorterThanIhdrDeclaresIsRefused() throws IOException {
        PngEncoder e = random(2, 8, 10, 10, false, new Random(3));
        byte[] rows = e.scanlines();
        Path p = write("short.png", e.encodeWithData(PngEncoder.zlib(Arrays.copyOf(rows, rows.length - 7))));
        assertInputError(p, () -> Images.read(p), "image data end after", "of the " + rows.length + " bytes");
        assertInputError(p, () -> Images.readWithImageIo(p, ReadLimits.defaults(), Grey.BT601));
    }

    @Test
    void imageDataLongerThanIhdrDeclaresIsIgnoredAsImageIoIgnoresIt() throws IOException {
        PngEncoder e = random(0, 16, 10, 10, false, new Random(4));
        e.trailing = new byte[5000];
        assertSameAsImageIo(write("long.png", e.encode()), Grey.BT601);
    }

    @Test
    void zipBombInsideATinyImageIsNotInflated() throws IOException {
        // A 2x2 image whose zlib stream goes on to 1 GiB of zeros (about 1 MB compressed): the decoder stops
        // 64 KiB past the image.
        PngEncoder e = random(0, 8, 2, 2, false, new Random(5));
        byte[] rows = e.scanlines();
        java.util.zip.Deflater d = new java.util.zip.Deflater(9);
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        d.setInput(rows);
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 1024; i++) {
            while (!d.needsInput()) {
                z.write(buf, 0, d.deflate(buf));
            }
            d.setInput(zeros);
        }
        d.finish();
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        Path p = write("bomb.png", e.encodeWithData(z.toByteArray()));
        NdArray a = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Images.read(p));
        assertArrayEquals(new double[] {e.samples[0], e.samples[1], e.samples[2], e.samples[3]}, a.backingReal());
    }

    @Test
    void unknownRowFilterIsRefused() throws IOException {
        PngEncoder e = random(0, 8, 4, 2, false, new Random(6));
        byte[] rows = e.scanlines();
        rows[5] = 9;
        Path p = write("filter9.png", e.encodeWithData(PngEncoder.zlib(rows)));
        assertInputError(p, () -> Images.read(p), "row filter type 9");
    }

    @Test
    void corruptZlibStreamIsRefused() throws IOException {
        PngEncoder e = random(0, 8, 40, 40, false, new Random(7));
        byte[] z = PngEncoder.zlib(e.scanlines());
        z[z.length / 2] ^= (byte) 0xff;
        z[z.length / 2 + 1] ^= (byte) 0xff;
        Path p = write("zlib.png", e.encodeWithData(z));
        assertInputError(p, () -> Images.read(p), "PNG");
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeAnyAllocation() throws IOException {
        PngEncoder e = random(0, 8, 2, 2, false, new Random(8));
        byte[] b = e.encode();
        ByteBuffer.wrap(b).putInt(16, 30000).putInt(20, 30000);
        Path p = write("huge.png", PngEncoder.fixCrcs(b));
        assertInputError(p, () -> Images.read(p), "PNG image 30000x30000", "900,000,000 pixels");
        assertInputError(p, () -> ArrayFiles.probe(p, ReadLimits.defaults()), "900,000,000 pixels");
    }

    @Test
    void paletteFileWithoutPlteIsRefused() throws IOException {
        PngEncoder e = random(3, 8, 4, 4, false, new Random(9));
        e.palette = null;
        Path p = write("noplte.png", e.encode());
        assertInputError(p, () -> Images.read(p), "PLTE");
        assertInputError(p, () -> Images.readWithImageIo(p, ReadLimits.defaults(), Grey.BT601));
    }

    @Test
    void fixCrcsMakesAValidFileOfAMutatedOne() throws IOException {
        byte[] b = valid(2);
        int idat = PngEncoder.find(b, "IDAT");
        b[idat + 8] ^= 0x10;
        Path p = write("mutated.png", PngEncoder.fixCrcs(b));
        assertSameOutcome(p);
    }
}
