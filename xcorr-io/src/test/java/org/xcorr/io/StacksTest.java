package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.shift.Interpolation;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.Fill;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.StackAlignment;

class StacksTest {

    @TempDir
    Path dir;

    static final int FRAMES = 12;
    static final int H = 40;
    static final int W = 48;

    /**
     * A drifting scene with integer values in 0..127 (so that every sample type holds it exactly): a sum of
     * periodic waves evaluated at the drifted positions, rounded.
     */
    static List<NdArray> integerFrames(long seed) {
        Random rnd = new Random(seed);
        int waves = 12;
        double[][] k = new double[waves][];
        double[] phase = new double[waves];
        double[] amp = new double[waves];
        for (int w = 0; w < waves; w++) {
            k[w] = new double[] {rnd.nextInt(7) - 3, rnd.nextInt(7) - 3};
            phase[w] = rnd.nextDouble() * 2 * Math.PI;
            amp[w] = 4 + rnd.nextDouble() * 4;
        }
        List<NdArray> out = new ArrayList<>();
        double dy = 0;
        double dx = 0;
        for (int f = 0; f < FRAMES; f++) {
            double[] v = new double[H * W];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double s = 63.5;
                    for (int w = 0; w < waves; w++) {
                        s += amp[w] * Math.cos(2 * Math.PI * (k[w][0] * (y - dy) / H + k[w][1] * (x - dx) / W) + phase[w]);
                    }
                    v[y * W + x] = Math.max(0, Math.min(127, Math.rint(s)));
                }
            }
            out.add(NdArray.wrap(v, H, W));
            dy += rnd.nextDouble() * 1.4 - 0.7;
            dx += rnd.nextDouble() * 1.4 - 0.7;
        }
        return out;
    }

    static void writeStack(Path p, List<NdArray> frames, SampleType type) throws IOException {
        Stacks.write(p, frames.size(), frames.get(0).shape(), type, sink -> {
            for (int i = 0; i < frames.size(); i++) {
                sink.accept(i, frames.get(i));
            }
        });
    }

    static void writePng(Path p, NdArray a) throws IOException {
        BufferedImage img = new BufferedImage(a.shape(1), a.shape(0), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < a.shape(0); y++) {
            for (int x = 0; x < a.shape(1); x++) {
                r.setSample(x, y, 0, (int) a.get(y, x));
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    private static AlignmentResult align(String spec) throws IOException {
        try (FrameSource s = Stacks.open(spec)) {
            return StackAlignment.align(s, AlignmentOptions.defaults().withThreads(2));
        }
    }

    private static double[][] shifts(AlignmentResult r) {
        for (FrameShift f : r.frames()) {
            assertTrue(f.ok(), f.toString());
        }
        return r.shifts();
    }

    @Test
    void everyInputFormGivesIdenticalShifts() throws IOException {
        List<NdArray> frames = integerFrames(1);
        double[][] expected = shifts(StackAlignment.align(FrameSource.of(frames), AlignmentOptions.defaults()));
        for (SampleType t : SampleType.values()) {
            Path p = dir.resolve("stack_" + t.label() + ".tif");
            writeStack(p, frames, t);
            try (FrameSource s = Stacks.open(p.toString())) {
                assertEquals(t, Stacks.sampleType(s), t.label());
                assertArrayEquals(frames.get(3).toArray(), s.frame(3).toArray(), t.label());
            }
            assertArrayEquals(expected, shifts(align(p.toString())), "tiff " + t.label());
            Path n = dir.resolve("stack_" + t.label() + ".npy");
            writeStack(n, frames, t);
            assertArrayEquals(expected, shifts(align(n.toString())), "npy " + t.label());
        }
        Path folder = Files.createDirectory(dir.resolve("frames"));
        StringBuilder list = new StringBuilder("# one frame per line\n");
        for (int i = 0; i < FRAMES; i++) {
            // frame_2 must come before frame_10: natural order, not text order
            writePng(folder.resolve("frame_" + i + ".png"), frames.get(i));
            list.append("frames/frame_").append(i).append(".png\n\n");
        }
        Files.writeString(folder.resolve("notes.csv"), "not an image");
        assertArrayEquals(expected, shifts(align(folder.toString())), "folder");
        assertArrayEquals(expected, shifts(align(folder + "/frame_*.png")), "glob");
        Path listFile = dir.resolve("frames.txt");
        Files.writeString(listFile, list.toString());
        assertArrayEquals(expected, shifts(align(listFile.toString())), "list file");
    }

    @Test
    void naturalOrder() {
        List<Path> p = new ArrayList<>(List.of(Path.of("f_10.png"), Path.of("f_2.png"), Path.of("f_1.png"),
                Path.of("f_02b.png"), Path.of("g.png")));
        p.sort(Stacks.NATURAL);
        assertEquals("[f_1.png, f_2.png, f_02b.png, f_10.png, g.png]", p.toString());
    }

    @Test
    void volumesFromA4dNpyAndFromTiffPagesWithDepth() throws IOException {
        List<NdArray> planes = integerFrames(2); // 12 pages = 3 volumes of depth 4
        Path tif = dir.resolve("hyper.tif");
        writeStack(tif, planes, SampleType.UINT16);
        List<NdArray> volumes = new ArrayList<>();
        try (FrameSource s = Stacks.open(tif.toString(), 4)) {
            assertEquals(3, s.frameCount());
            assertArrayEquals(new int[] {4, H, W}, s.frameShape());
            for (int t = 0; t < 3; t++) {
                NdArray v = s.frame(t);
                volumes.add(v);
                assertArrayEquals(planes.get(t * 4 + 2).toArray(), v.plane(2).toArray());
            }
        }
        Path npy = dir.resolve("volumes.npy");
        writeStack(npy, volumes, SampleType.FLOAT32);
        try (FrameSource s = Stacks.open(npy.toString())) {
            assertArrayEquals(new int[] {4, H, W}, s.frameShape());
            assertEquals(volumes.get(1), s.frame(1));
        }
        // writing volumes to TIFF gives depth pages per volume, which read back with --depth
        Path back = dir.resolve("back.tif");
        writeStack(back, volumes, SampleType.FLOAT32);
        try (FrameSource s = Stacks.open(back.toString(), 4)) {
            assertEquals(volumes.get(2), s.frame(2));
        }
        InputException e = assertThrows(InputException.class, () -> Stacks.open(tif.toString(), 5));
        assertTrue(e.getMessage().contains("not a multiple of the depth 5"), e.getMessage());
    }

    /** Byte offset of page {@code p}'s IFD in a stack written by {@link Stacks#write}. */
    private static long ifd(int p, long pageBytes) {
        return 8 + p * (2 + 12 * 11 + 4 + 2 + pageBytes);
    }

    private static void patchInt(Path p, long at, int value) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
            b.flip();
            ch.write(b, at);
        }
    }

    @Test
    void aCorruptPageIsAnErrorRowAndTheOthersAlign() throws IOException {
        List<NdArray> frames = integerFrames(3);
        Path p = dir.resolve("corrupt.tif");
        writeStack(p, frames, SampleType.FLOAT32);
        long pageBytes = 4L * H * W;
        // page 5's StripOffsets (entry 6 of its IFD) points far past the end of the file
        patchInt(p, ifd(5, pageBytes) + 2 + 12 * 5 + 8, 0x7fff0000);
        AlignmentResult r = align(p.toString());
        FrameShift bad = r.frames().get(5);
        assertFalse(bad.ok());
        assertTrue(bad.status().contains("page 5") && !bad.status().contains("\n"), bad.status());
        assertEquals(1, r.failedCount());
        double[][] expected = StackAlignment.align(FrameSource.of(frames), AlignmentOptions.defaults()).shifts();
        for (int i = 0; i < FRAMES; i++) {
            if (i != 5) {
                assertArrayEquals(expected[i], r.frames().get(i).shift(), "frame " + i);
            }
        }
    }

    @Test
    void bug_ifdChainThatLoopsFailsInOneLine() throws IOException {
        List<NdArray> frames = integerFrames(4);
        Path p = dir.resolve("loop.tif");
        writeStack(p, frames, SampleType.UINT8);
        long pageBytes = (long) H * W;
        // page 3's next-IFD pointer goes back to page 1's IFD
        patchInt(p, ifd(3, pageBytes) + 2 + 12 * 11, (int) ifd(1, pageBytes));
        InputException e = assertThrows(InputException.class, () -> Stacks.open(p.toString()));
        assertTrue(e.getMessage().contains("loops back") && !e.getMessage().contains("\n"), e.getMessage());
        // and one that points past the end
        patchInt(p, ifd(3, pageBytes) + 2 + 12 * 11, 0x7fffff00);
        e = assertThrows(InputException.class, () -> Stacks.open(p.toString()));
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
    }

    @Test
    void aTiffOver4GiBIsRefusedBeforeWriting() {
        Path p = dir.resolve("huge.tif");
        InputException e = assertThrows(InputException.class, () -> Stacks.write(p, 5000, new int[] {512, 512},
                SampleType.FLOAT32, sink -> {
                    throw new AssertionError("nothing may be produced");
                }));
        assertTrue(e.getMessage().contains("4 GiB") && e.getMessage().contains(".npy"), e.getMessage());
        assertFalse(Files.exists(p));
        // the same stack as .npy passes the check
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> Stacks.checkWritable(dir.resolve("huge.npy"), 5000,
                new int[] {512, 512}, SampleType.FLOAT32));
    }

    @Test
    void integerOutputFailsWhenAValueDoesNotFitAndLeavesNoFile() throws IOException {
        List<NdArray> frames = new ArrayList<>(integerFrames(5));
        double[] v = frames.get(7).toArray();
        v[3] = -1.5;
        frames.set(7, NdArray.wrap(v, H, W));
        Path p = dir.resolve("u8.tif");
        InputException e = assertThrows(InputException.class, () -> writeStack(p, frames, SampleType.UINT8));
        assertTrue(e.getMessage().contains("frame 7") && e.getMessage().contains("uint8"), e.getMessage());
        assertFalse(Files.exists(p));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
    }

    @Test
    void unusableStacksFailInOneLine() throws IOException {
        Path txt = dir.resolve("empty.txt");
        Files.writeString(txt, "# nothing\n");
        assertThrows(InputException.class, () -> Stacks.open(txt.toString()));
        assertThrows(InputException.class, () -> Stacks.open(dir.resolve("missing.tif").toString()));
        assertThrows(InputException.class, () -> Stacks.open(dir + "/nothing_*.png"));
        Path png = dir.resolve("one.png");
        writePng(png, integerFrames(6).get(0));
        InputException e = assertThrows(InputException.class, () -> Stacks.open(png.toString()));
        assertTrue(e.getMessage().contains("not a stack"), e.getMessage());
        Path npy2d = dir.resolve("flat.npy");
        Npy.write(npy2d, NdArray.zeros(4, 4));
        e = assertThrows(InputException.class, () -> Stacks.open(npy2d.toString()));
        assertTrue(e.getMessage().contains("3 axes"), e.getMessage());
        Path truncated = dir.resolve("short.npy");
        writeStack(truncated, integerFrames(6), SampleType.FLOAT64);
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 100));
        e = assertThrows(InputException.class, () -> Stacks.open(truncated.toString()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shiftTableRoundTripsBitForBitAndAlignedStacksMatch() throws IOException {
        List<NdArray> frames = integerFrames(7);
        AlignmentResult r = StackAlignment.align(FrameSource.of(frames), AlignmentOptions.defaults());
        Path csv = dir.resolve("shifts.csv");
        ShiftTable.write(csv, r);
        String text = Files.readString(csv);
        assertTrue(text.startsWith("frame,dy,dx,error,peak_value,status\n0,0.0,0.0,"), text);
        ShiftTable.Rows rows = ShiftTable.read(csv, 2);
        assertArrayEquals(r.shifts(), rows.shifts());
        Path json = dir.resolve("shifts.json");
        ShiftTable.write(json, r);
        assertTrue(Files.readString(json).contains("\"peak_value\""));
        Path jsonl = dir.resolve("shifts.jsonl");
        ShiftTable.write(jsonl, r);
        assertEquals(FRAMES, Files.readAllLines(jsonl).size());
        Path png = dir.resolve("drift.png");
        DriftPlot.write(png, r);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(DriftPlot.WIDTH, img.getWidth());
        // aligned from the table equals aligned from the result
        Path a1 = dir.resolve("a1.tif");
        Path a2 = dir.resolve("a2.tif");
        for (Path out : new Path[] {a1, a2}) {
            double[][] s = out == a1 ? r.shifts() : rows.shifts();
            Stacks.write(out, FRAMES, new int[] {H, W}, SampleType.FLOAT32, sink -> StackAlignment.apply(
                    FrameSource.of(frames), s, Interpolation.FOURIER, Fill.ZERO, 2, sink, ProgressListener.NONE));
        }
        assertArrayEquals(Files.readAllBytes(a1), Files.readAllBytes(a2));
    }

    @Test
    void volumeShiftTablesHaveDz() throws IOException {
        FrameShift row = new FrameShift(0, new double[] {0.5, -1, 2}, 0.9, 0.8, "ok");
        FrameShift bad = new FrameShift(1, new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN, Double.NaN,
                "frame 1, page 3: corrupt");
        AlignmentResult r = new AlignmentResult(List.of(row, bad), new int[] {4, 8, 8}, false);
        Path csv = dir.resolve("v.csv");
        ShiftTable.write(csv, r);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("frame,dy,dx,dz,error,peak_value,status", lines.get(0));
        assertEquals("0,-1.0,2.0,0.5,0.9,0.8,ok", lines.get(1));
        assertEquals("1,nan,nan,nan,nan,nan,\"frame 1, page 3: corrupt\"", lines.get(2));
        ShiftTable.Rows back = ShiftTable.read(csv, 3);
        assertArrayEquals(new double[] {0.5, -1, 2}, back.shifts()[0]);
        assertEquals("frame 1, page 3: corrupt", back.status()[1]);
    }
}
