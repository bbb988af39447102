package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.SampleType;
import org.xcorr.io.ShiftTable;
import org.xcorr.io.Stacks;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;
import org.xcorr.stack.FrameSource;

class AlignCommandTest {

    @TempDir
    Path dir;

    static final int FRAMES = 10;

    /** Random texture moved by a known drift (content moves by +d, so the registering shift is -d). */
    static double[][] drift() {
        double[][] d = new double[FRAMES][2];
        for (int i = 1; i < FRAMES; i++) {
            d[i][0] = 0.45 * i;
            d[i][1] = -0.3 * i + (i % 3) * 0.2;
        }
        return d;
    }

    static List<NdArray> frames(double[][] d, int h, int w) {
        Random rnd = new Random(3);
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
        }
        NdArray base = NdArray.wrap(v, h, w);
        List<NdArray> out = new ArrayList<>();
        for (double[] di : d) {
            // positive values, so that the stack also fits uint16 after scaling
            NdArray s = Shift.shift(base, di, new ShiftOptions(Interpolation.FOURIER, 1));
            double[] x = s.toArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = 1000 + 500 * x[i];
            }
            out.add(NdArray.wrap(x, h, w));
        }
        return out;
    }

    private Path write(String name, List<NdArray> frames, SampleType type) throws IOException {
        Path p = dir.resolve(name);
        Stacks.write(p, frames.size(), frames.get(0).shape(), type, sink -> {
            for (int i = 0; i < frames.size(); i++) {
                sink.accept(i, frames.get(i));
            }
        });
        return p;
    }

    @Test
    void alignWritesTheTableThePlotAndTheAlignedStack() throws IOException {
        double[][] d = drift();
        Path stack = write("stack.npy", frames(d, 48, 56), SampleType.FLOAT32);
        Path csv = dir.resolve("shifts.csv");
        Path aligned = dir.resolve("aligned.tif");
        Path plot = dir.resolve("drift.png");
        CliRun r = CliRun.run("align", stack.toString(), "-o", csv.toString(), "--aligned", aligned.toString(),
                "--plot", plot.toString(), "--threads", "2");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err(), "no progress line when stderr is not a terminal");
        JsonNode j = r.json();
        assertEquals(FRAMES, j.get("frames").asInt());
        assertEquals(0, j.get("failed").asInt());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("frame,dy,dx,error,peak_value,status", lines.get(0));
        assertEquals(FRAMES + 1, lines.size());
        assertTrue(lines.get(1).startsWith("0,0.0,0.0,"), lines.get(1));
        ShiftTable.Rows rows = ShiftTable.read(csv, 2);
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(-d[i][0], rows.shifts()[i][0], 0.05, "frame " + i);
            assertEquals(-d[i][1], rows.shifts()[i][1], 0.05, "frame " + i);
            assertEquals("ok", rows.status()[i]);
        }
        assertTrue(Files.size(plot) > 1000);
        try (FrameSource s = Stacks.open(aligned.toString())) {
            assertEquals(FRAMES, s.frameCount());
            assertEquals(SampleType.FLOAT32, Stacks.sampleType(s));
        }

        // apply-shifts reproduces --aligned bit for bit, as TIFF and as .npy, at any thread count
        Path again = dir.resolve("again.tif");
        CliRun a = CliRun.run("apply-shifts", stack.toString(), "--shifts", csv.toString(), "--aligned",
                again.toString(), "--threads", "1");
        assertEquals(0, a.rc(), a.err());
        assertArrayEquals(Files.readAllBytes(aligned), Files.readAllBytes(again));
        Path n1 = dir.resolve("a1.npy");
        Path n2 = dir.resolve("a2.npy");
        assertEquals(0, CliRun.run("align", stack.toString(), "-o", dir.resolve("s2.jsonl").toString(),
                "--aligned", n1.toString(), "--interpolation", "cubic", "--fill", "edge").rc());
        assertEquals(0, CliRun.run("apply-shifts", stack.toString(), "--shifts", csv.toString(), "--aligned",
                n2.toString(), "--interpolation", "cubic", "--fill", "edge", "--threads", "3").rc());
        assertArrayEquals(Files.readAllBytes(n1), Files.readAllBytes(n2));
        assertEquals(FRAMES, Files.readAllLines(dir.resolve("s2.jsonl")).size());
    }

    @Test
    void inputTypeOutputAndEveryReference() throws IOException {
        double[][] d = drift();
        Path stack = write("stack16.tif", frames(d, 40, 40), SampleType.UINT16);
        Path out = dir.resolve("a16.tif");
        for (String ref : new String[] {"first", "previous", "mean", "3"}) {
            Path csv = dir.resolve("s_" + ref + ".csv");
            CliRun r = CliRun.run("align", stack.toString(), "-o", csv.toString(), "--reference", ref,
                    "--reference-frames", "1", "--aligned", out.toString(), "--aligned-type", "input",
                    "--interpolation", "linear", "--window", "hann");
            assertEquals(0, r.rc(), ref + ": " + r.err());
            try (FrameSource s = Stacks.open(out.toString())) {
                assertEquals(SampleType.UINT16, Stacks.sampleType(s));
            }
        }
    }

    @Test
    void aNanFrameGivesAnErrorRowExitThreeAndNoAlignedStack() throws IOException {
        List<NdArray> f = frames(drift(), 32, 32);
        double[] v = f.get(4).toArray();
        v[100] = Double.NaN;
        f.set(4, NdArray.wrap(v, 32, 32));
        Path stack = write("nan.npy", f, SampleType.FLOAT64);
        Path csv = dir.resolve("shifts.csv");
        Path aligned = dir.resolve("aligned.tif");
        CliRun r = CliRun.run("align", stack.toString(), "-o", csv.toString(), "--aligned", aligned.toString());
        assertEquals(AlignCommand.SOME_FRAMES_FAILED, r.rc(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("frame 4") && r.err().contains("NaN") && r.err().contains("not written"), r.err());
        assertFalse(Files.exists(aligned));
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(5).startsWith("4,nan,nan,nan,nan,"), lines.get(5));
        assertTrue(lines.get(6).endsWith(",ok"), lines.get(6));

        // apply-shifts refuses a table with a failed row: one line, exit 2, nothing written
        CliRun a = CliRun.run("apply-shifts", stack.toString(), "--shifts", csv.toString(), "--aligned",
                aligned.toString());
        assertEquals(2, a.rc());
        assertEquals(1, a.errLines(), a.err());
        assertTrue(a.err().contains("frame 4"), a.err());
        assertFalse(Files.exists(aligned));

        // with --nan-as-mask the frame is registered
        CliRun m = CliRun.run("align", stack.toString(), "-o", csv.toString(), "--nan-as-mask");
        assertEquals(0, m.rc(), m.err());
    }

    @Test
    void maxShiftIsHonoured() throws IOException {
        Path stack = write("big.npy", frames(new double[][] {{0, 0}, {5.5, -6.25}, {1, 1}}, 48, 48), SampleType.FLOAT64);
        Path csv = dir.resolve("s.csv");
        assertEquals(0, CliRun.run("align", stack.toString(), "-o", csv.toString(), "--max-shift", "2,3").rc());
        for (double[] s : ShiftTable.read(csv, 2).shifts()) {
            assertTrue(Math.abs(s[0]) <= 2 && Math.abs(s[1]) <= 3, java.util.Arrays.toString(s));
        }
        assertEquals(-1, ShiftTable.read(csv, 2).shifts()[2][0], 0.05);
    }

    @Test
    void volumesGiveThreeDimensionalDrift() throws IOException {
        Random rnd = new Random(4);
        double[] v = new double[9 * 25 * 21];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
        }
        NdArray base = NdArray.wrap(v, 9, 25, 21); // odd sizes: no Nyquist bin, so Fourier shifts are exact translations
        double[][] d = {{0, 0, 0}, {1.25, -0.5, 2}, {-0.75, 1.5, 0.25}};
        List<NdArray> vols = new ArrayList<>();
        for (double[] di : d) {
            vols.add(Shift.shift(base, di, new ShiftOptions(Interpolation.FOURIER, 1)));
        }
        Path tif = write("hyper.tif", vols, SampleType.FLOAT32);
        Path csv = dir.resolve("v.csv");
        // periodic (Fourier) shifts: register's settings recover them to 1/upsample
        CliRun r = CliRun.run("align", tif.toString(), "--frames-are", "volumes", "--depth", "9", "-o", csv.toString(),
                "--window", "none", "--normalization", "phase");
        assertEquals(0, r.rc(), r.err());
        assertEquals("frame,dy,dx,dz,error,peak_value,status", Files.readAllLines(csv).get(0));
        double[][] s = ShiftTable.read(csv, 3).shifts();
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(-d[i][a], s[i][a], 0.05, "volume " + i + " axis " + a);
            }
        }
    }

    @Test
    void badOptionsFailInOneLineBeforeAnyWork() throws IOException {
        Path stack = write("s.npy", frames(drift(), 24, 24), SampleType.FLOAT32);
        String st = stack.toString();
        String csv = dir.resolve("o.csv").toString();
        String[][] cases = {
            {"align", st, "-o", dir.resolve("o.txt").toString()},
            {"align", st, "-o", csv, "--reference", "middle"},
            {"align", st, "-o", csv, "--max-shift", "1,2,3"},
            {"align", st, "-o", csv, "--roi", "0,0,30,30"},
            {"align", st, "-o", csv, "--plot", dir.resolve("p.jpg").toString()},
            {"align", st, "-o", csv, "--aligned", dir.resolve("a.png").toString()},
            {"align", st, "-o", csv, "--window", "gauss"},
            {"align", st, "-o", csv, "--depth", "2"},
            {"align", st, "-o", csv, "--frames-are", "volumes"},
            {"align", dir.resolve("missing.tif").toString(), "-o", csv},
            {"align", st, "-o", st.replace(".npy", ".csv"), "--aligned", st},
            {"apply-shifts", st, "--shifts", csv, "--aligned", dir.resolve("x.tif").toString()},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run(c);
            assertEquals(2, r.rc(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines(), String.join(" ", c) + ": " + r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the input is left");
        }
    }

    @Test
    void theOptionsOfAParseAreTheCommandsOwnForOtherRunners() {
        // xcorr-spark's long-stack mode runs what Main.alignment assembles: one assembly, the command's
        var parsed = Main.commandLine().parseArgs("align", "s.npy", "-o", "o.csv", "--max-shift", "3", "--roi",
                "1,2,20,22", "--reference", "mean", "--reference-frames", "4", "--upsample", "7", "--window", "none",
                "--frames-are", "volumes", "--depth", "5");
        var o = Main.alignment(parsed, 3, 2);
        assertArrayEquals(new double[] {3, 3, 3}, o.maxShift());
        assertArrayEquals(new int[] {1, 2, 20, 22}, o.roi());
        assertEquals(org.xcorr.stack.Reference.Kind.MEAN, o.reference().kind());
        assertEquals(4, o.reference().count());
        assertEquals(7, o.upsampleFactor());
        assertEquals(org.xcorr.register.Window.NONE, o.window());
        assertEquals(2, o.threads());
        assertEquals(5, Main.alignPlanesPerVolume(parsed));
        // a value the command refuses, in its words; and a parse of another command
        var bad = Main.commandLine().parseArgs("align", "s.npy", "-o", "o.csv", "--max-shift", "1,2");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Main.alignment(bad, 3, 1));
        assertTrue(e.getMessage().startsWith("--max-shift has 2 values"), e.getMessage());
        var other = Main.commandLine().parseArgs("correlate", "a.npy", "b.npy", "-o", "c.npy");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Main.alignment(other, 2, 1));
    }
}
