package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.io.Fixtures.assertInputError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.array.NdArray;

class NpyTest {

    @TempDir
    Path dir;

    static Stream<Fixtures.Entry> npyFixtures() {
        return Fixtures.manifest("npy").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFixtures")
    void readsEveryDtypeOrderAndVersionExactly(Fixtures.Entry entry) throws IOException {
        Fixtures.assertSameArray(entry, Npy.read(Fixtures.resource(entry.file())));
        Fixtures.assertSameArray(entry, ArrayFiles.read(Fixtures.resource(entry.file())));
    }

    @Test
    void fixturesCoverEveryDtypeBothByteOrdersBothLayoutsAndThreeVersions() {
        Set<String> names = new TreeSet<>();
        for (Fixtures.Entry e : Fixtures.manifest("npy")) {
            names.add(e.file().substring(4));
        }
        for (String t : List.of("b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16")) {
            for (String layout : List.of("C", "F")) {
                for (int v = 1; v <= 3; v++) {
                    boolean oneByte = t.equals("b1") || t.endsWith("1");
                    for (String order : oneByte ? List.of("na") : List.of("le", "be")) {
                        String name = t + "-" + order + "-" + layout + "-v" + v + ".npy";
                        assertTrue(names.contains(name), "missing fixture " + name);
                    }
                }
            }
        }
    }

    @Test
    void writesFloat64AndComplex128InAHeaderNumpyAccepts() throws IOException {
        Path p = dir.resolve("a.npy");
        Npy.write(p, NdArray.of(new double[] {1, -2.5, Double.NaN, 4, 5, 6}, 2, 3));
        byte[] b = Files.readAllBytes(p);
        int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
        String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.trim());
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 6 * 8, b.length);

        Path c = dir.resolve("c.npy");
        Npy.write(c, NdArray.ofComplex(new double[] {1, 2, 3}, new double[] {-1, 0, 0.5}, 3));
        String h = new String(Files.readAllBytes(c), 10, 118, StandardCharsets.ISO_8859_1);
        assertTrue(h.startsWith("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }"), h);
    }

    @Property(tries = 60, seed = "42")
    void roundTripsAnyShapeBitForBit(@ForAll @IntRange(min = 1, max = 3) int rank,
            @ForAll @IntRange(min = 1, max = 9) int n0, @ForAll @IntRange(min = 1, max = 9) int n1,
            @ForAll @IntRange(min = 1, max = 9) int n2, @ForAll boolean complex, @ForAll long seed)
            throws IOException {
        int[] shape = Arrays.copyOf(new int[] {n0, n1, n2}, rank);
        Random rnd = new Random(seed);
        int size = NdArray.sizeOf(shape);
        double[] re = rnd.doubles(size).map(x -> (x - 0.5) * 1e6).toArray();
        double[] im = rnd.doubles(size).toArray();
        re[0] = Double.NaN;
        NdArray a = complex ? NdArray.ofComplex(re, im, shape) : NdArray.of(re, shape);
        Path p = Files.createTempFile("roundtrip", ".npy");
        try {
            ArrayFiles.write(p, a);
            NdArray back = ArrayFiles.read(p);
            assertArrayEquals(shape, back.shape());
            Fixtures.assertBitsEqual(re, back.backingReal(), "real");
            if (complex) {
                Fixtures.assertBitsEqual(im, back.backingImag(), "imag");
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void readsFromAStream() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.resource("npy/f8-le-C-v1.npy"));
        NdArray a = Npy.read(new ByteArrayInputStream(b), "stream.npy");
        assertArrayEquals(new int[] {3, 5}, a.shape());
    }

    // ------------------------------------------------------------------------------------ error messages

    @Test
    void goldenBad07CorruptHeaderMessageReadsWell() {
        Path p = Fixtures.resource("npy-bad/bad-07-a.npy");
        String m = assertInputError(p, () -> ArrayFiles.read(p), "corrupt .npy header", "shape", "eleven");
        assertEquals(p + ": corrupt .npy header: shape entry 'eleven' is not a non-negative integer", m);
    }

    @Test
    void goldenBad08TruncatedDataMessageReadsWell() {
        Path p = Fixtures.resource("npy-bad/bad-08-a.npy");
        String m = assertInputError(p, () -> ArrayFiles.read(p), "truncated");
        assertEquals(p + ": truncated .npy data: shape 20x20 of <f8 needs 3200 bytes, the file holds 1600", m);
    }

    private Path withBytes(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A version-1.0 file with {@code dict} as its header and {@code dataBytes} zero bytes of data. */
    private static byte[] npy(String dict, int dataBytes) {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        byte[] b = new byte[10 + header.length() + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, b, 0, 8);
        b[8] = (byte) header.length();
        b[9] = (byte) (header.length() >> 8);
        System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, b, 10, header.length());
        return b;
    }

    @Test
    void truncatedDataNamesShapeDtypeAndBytes() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.resource("npy/i4-be-F-v2.npy"));
        Path p = withBytes("cut.npy", Arrays.copyOf(good, good.length - 5));
        assertInputError(p, () -> ArrayFiles.read(p), "truncated .npy data", "2x3x4", ">i4", "96 bytes",
                "holds 91");
    }

    @Test
    void corruptHeadersGiveOneLineMessagesNamingTheFile() throws IOException {
        Path empty = withBytes("empty.npy", new byte[0]);
        assertInputError(empty, () -> ArrayFiles.read(empty), "empty file");
        Path magic = withBytes("magic.npy", "PK\u0003\u0004 this is a zip, not npy".getBytes(StandardCharsets.ISO_8859_1));
        assertInputError(magic, () -> ArrayFiles.read(magic), "not a .npy file");
        byte[] v4 = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16);
        v4[6] = 4;
        Path version = withBytes("v4.npy", v4);
        assertInputError(version, () -> ArrayFiles.read(version), "unsupported .npy format version 4.0");
        byte[] longHeader = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16);
        longHeader[9] = 0x7f;
        Path past = withBytes("past.npy", longHeader);
        assertInputError(past, () -> ArrayFiles.read(past), "header", "past the end");
        Path noShape = withBytes("noshape.npy", npy("{'descr': '<f8', 'fortran_order': False}", 16));
        assertInputError(noShape, () -> ArrayFiles.read(noShape), "corrupt .npy header", "'shape'");
        Path garbage = withBytes("garbage.npy", npy("\u0001\u0002 not a dict", 16));
        assertInputError(garbage, () -> ArrayFiles.read(garbage), "corrupt .npy header");
        Path fortran = withBytes("fortran.npy", npy("{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }", 16));
        assertInputError(fortran, () -> ArrayFiles.read(fortran), "corrupt .npy header", "fortran_order");
        Path negative = withBytes("neg.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }", 16));
        assertInputError(negative, () -> ArrayFiles.read(negative), "corrupt .npy header", "-2");
    }

    @Test
    void unsupportedDtypesAndRanksAreNamed() throws IOException {
        Path object = withBytes("obj.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16));
        assertInputError(object, () -> ArrayFiles.read(object), "unsupported .npy dtype '|O'");
        Path text = withBytes("text.npy", npy("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", 24));
        assertInputError(text, () -> ArrayFiles.read(text), "unsupported .npy dtype '<U3'");
        Path date = withBytes("date.npy", npy("{'descr': '<M8[s]', 'fortran_order': False, 'shape': (2,), }", 16));
        assertInputError(date, () -> ArrayFiles.read(date), "unsupported .npy dtype '<M8[s]'");
        Path struct = withBytes("struct.npy",
                npy("{'descr': [('x', '<f8'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }", 24));
        assertInputError(struct, () -> ArrayFiles.read(struct), "structured");
        Path f16 = withBytes("f16.npy", npy("{'descr': '<f16', 'fortran_order': False, 'shape': (2,), }", 32));
        assertInputError(f16, () -> ArrayFiles.read(f16), "unsupported .npy dtype '<f16'");
        Path scalar = withBytes("scalar.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8));
        assertInputError(scalar, () -> ArrayFiles.read(scalar), "0-d");
        Path four = withBytes("four.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 2), }", 16));
        assertInputError(four, () -> ArrayFiles.read(four), "4-D", "1 to 3 axes");
        Path emptyArray = withBytes("zero.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 0), }", 0));
        assertInputError(emptyArray, () -> ArrayFiles.read(emptyArray), "empty", "3x0");
        Path huge = withBytes("huge.npy",
                npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 8));
        assertInputError(huge, () -> ArrayFiles.read(huge), "too large");
    }

    // ------------------------------------------------------------------------------------ bulk paths

    /**
     * The bulk decoder (issue 16: one view copy per chunk instead of a per-value decoder) with chunks from one
     * element up: every dtype, both byte orders, C and Fortran order, chunk boundaries inside rows and columns.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFixtures")
    void bulkReadGivesTheSameValuesForAnyChunkSize(Fixtures.Entry entry) throws IOException {
        for (int chunk : new int[] {1, 5, 24, 40, 1 << 20}) {
            Fixtures.assertSameArray(entry, Npy.read(Fixtures.resource(entry.file()), chunk));
        }
    }

    /** A truncation found in a later chunk still names the bytes the file holds. */
    @Test
    void truncationInALaterChunkNamesTheBytesHeld() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.resource("npy/i4-be-F-v2.npy"));
        Path p = withBytes("cut-late.npy", Arrays.copyOf(good, good.length - 5));
        assertInputError(p, () -> Npy.read(p, 8), "truncated .npy data", "2x3x4", ">i4", "96 bytes",
                "holds 91");
    }

    /**
     * A file larger than one chunk, big-endian and Fortran-ordered, built here value by value with
     * {@code putDouble}: the bulk byte-swapping copy and the scatter to row-major positions agree with it.
     */
    @Test
    void bigEndianFortranFileLargerThanAChunkReadsExactly() throws IOException {
        int rows = 37;
        int cols = 29;
        Random rnd = new Random(16);
        double[] rowMajor = rnd.doubles(rows * cols).map(x -> (x - 0.5) * 1e300).toArray();
        byte[] head = npy("{'descr': '>f8', 'fortran_order': True, 'shape': (" + rows + ", " + cols + "), }", 0);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(head.length + 8 * rows * cols);
        b.put(head);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                b.putDouble(rowMajor[r * cols + c]);
            }
        }
        Path p = withBytes("be-f.npy", b.array());
        for (int chunk : new int[] {8, 56, 1000, 1 << 20}) {
            NdArray a = Npy.read(p, chunk);
            assertArrayEquals(new int[] {rows, cols}, a.shape());
            Fixtures.assertBitsEqual(rowMajor, a.backingReal(), "chunk " + chunk);
        }
    }

    /** The bulk writer gives the bytes of a value-by-value little-endian encoding, for any chunk size. */
    @Test
    void bulkWriteGivesTheBytesOfAValueByValueEncoding() throws IOException {
        Random rnd = new Random(7);
        double[] re = rnd.doubles(1001).map(x -> (x - 0.5) * 1e9).toArray();
        double[] im = rnd.doubles(1001).toArray();
        re[3] = Double.NaN;
        re[4] = -0.0;
        for (boolean complex : new boolean[] {false, true}) {
            java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(re.length * (complex ? 16 : 8))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < re.length; i++) {
                expected.putDouble(re[i]);
                if (complex) {
                    expected.putDouble(im[i]);
                }
            }
            for (int chunk : new int[] {1, 8, 24, 4000, 1 << 20}) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                Npy.writeData(out, re, complex ? im : null, chunk);
                assertArrayEquals(expected.array(), out.toByteArray(), "complex " + complex + ", chunk " + chunk);
            }
        }
    }
}
