package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Precision;

/** {@code ncc --precision float} runs the library's float path; double stays the default. */
class NccPrecisionCliTest {

    @TempDir
    Path dir;

    @Test
    void precisionFloatSelectsTheFloatPathOfNcc() throws IOException {
        Random r = new Random(11);
        double[] img = new double[160 * 150];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextDouble();
        }
        NdArray image = NdArray.wrap(img, 160, 150);
        double[] tp = new double[30 * 30];
        for (int y = 0; y < 30; y++) {
            System.arraycopy(img, (40 + y) * 150 + 50, tp, y * 30, 30);
        }
        NdArray template = NdArray.wrap(tp, 30, 30);
        Path i = dir.resolve("i.npy");
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(i, image);
        ArrayFiles.write(t, template);
        Path fOut = dir.resolve("f.npy");
        Path dOut = dir.resolve("d.npy");
        CliRun f = CliRun.run("ncc", "--template", t.toString(), "--image", i.toString(), "--precision", "float",
                "--threads", "2", "-o", fOut.toString());
        assertEquals(0, f.rc(), f.err());
        CliRun d = CliRun.run("ncc", "--template", t.toString(), "--image", i.toString(), "-o", dOut.toString());
        assertEquals(0, d.rc(), d.err());
        double[] gf = ArrayFiles.read(fOut).toArray();
        double[] gd = ArrayFiles.read(dOut).toArray();
        NccOptions o = NccOptions.defaults().withThreads(1);
        assertArrayEquals(Ncc.ncc(template, image, o.withPrecision(Precision.FLOAT)).toArray(), gf, 0.0,
                "--precision float is the library's FLOAT result");
        assertArrayEquals(Ncc.ncc(template, image, o).toArray(), gd, 0.0, "the default is the library's DOUBLE result");
        double max = 0;
        for (int k = 0; k < gf.length; k++) {
            max = Math.max(max, Math.abs(gf[k] - gd[k]));
        }
        assertTrue(max > 0 && max < 1e-4, "max |float - double| " + max);
    }

    @Test
    void helpSaysWhichCommandsUseFloat() {
        CliRun h = CliRun.run("ncc", "--help");
        assertEquals(0, h.rc());
        String text = h.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--precision=P double (default) or float: float runs the FFT cross term in single"
                + " precision"), h.out());
    }
}
