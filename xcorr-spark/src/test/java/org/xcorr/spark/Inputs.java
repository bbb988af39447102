package org.xcorr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.SampleType;
import org.xcorr.io.Stacks;

/** Generated inputs and manifests for the Spark tests (and the cluster test's child JVMs). */
final class Inputs {

    /** Rows of {@link #manifest} meant to fail: missing file, NaN input, shape mismatch, unknown option cell. */
    static final String BAD = "bad";

    private Inputs() {
    }

    static NdArray noise(long seed, int h, int w) {
        Random rnd = new Random(seed);
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return NdArray.wrap(v, h, w);
    }

    /** {@code a} moved circularly by (dy, dx). */
    static NdArray roll(NdArray a, int dy, int dx) {
        int h = a.shape()[0];
        int w = a.shape()[1];
        double[] b = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b[y * w + x] = a.get(Math.floorMod(y - dy, h), Math.floorMod(x - dx, w));
            }
        }
        return NdArray.wrap(b, h, w);
    }

    /**
     * A manifest of {@code rows} rows over {@code size}² images in {@code dir}: register rows (16 moved copies of a
     * reference, upsample 1, 10 or 20), offset rows (a patch of the reference found in it), and every 25th row a
     * bad one (in turn: a missing file, a NaN image, a shape mismatch, a column its op does not take). Ids are
     * r1..rN, written in shuffled order so that sorting by id is tested.
     *
     * @return the manifest file
     */
    static Path manifest(Path dir, int rows, int size) throws IOException {
        Files.createDirectories(dir);
        NdArray ref = noise(7, size, size);
        ArrayFiles.write(dir.resolve("ref.npy"), ref);
        Random rnd = new Random(11);
        for (int k = 0; k < 16; k++) {
            ArrayFiles.write(dir.resolve("mov" + k + ".npy"), roll(ref, rnd.nextInt(9) - 4, rnd.nextInt(9) - 4));
        }
        double[] nan = ref.toArray();
        nan[size + 3] = Double.NaN;
        ArrayFiles.write(dir.resolve("nan.npy"), NdArray.wrap(nan, size, size));
        ArrayFiles.write(dir.resolve("small.npy"), noise(8, size / 2, size / 2));
        int t = size / 4;
        double[] tpl = new double[t * t];
        for (int y = 0; y < t; y++) {
            for (int x = 0; x < t; x++) {
                tpl[y * t + x] = ref.get(y + size / 3, x + size / 5);
            }
        }
        ArrayFiles.write(dir.resolve("tpl.npy"), NdArray.wrap(tpl, t, t));
        List<String> lines = new ArrayList<>();
        String[] ups = {"1", "10", "20"};
        for (int i = 1; i <= rows; i++) {
            String id = "r" + i;
            String line;
            if (i % 25 == 0) {
                line = switch ((i / 25) % 4) {
                    case 0 -> id + ",register,ref.npy,missing" + i + ".npy,,,,," + BAD;
                    case 1 -> id + ",register,ref.npy,nan.npy,,,,," + BAD;
                    case 2 -> id + ",register,ref.npy,small.npy,,,,," + BAD;
                    default -> id + ",offset,,,10,tpl.npy,ref.npy,," + BAD;
                };
            } else if (i % 3 == 0) {
                line = id + ",offset,,,,tpl.npy,ref.npy,parabolic,\"ok, offset\"";
            } else {
                line = id + ",register,ref.npy,mov" + (i % 16) + ".npy," + ups[i % 3] + ",,,,ok";
            }
            lines.add(line);
        }
        java.util.Collections.shuffle(lines, new Random(5));
        lines.add(0, "id,op,reference,moving,upsample,template,image,subpixel,_kind");
        Path m = dir.resolve("manifest.csv");
        Files.write(m, lines);
        return m;
    }

    /**
     * A manifest of {@code rows} {@code register} rows, {@code size}² at upsample 20 (a reference against 16 moved
     * copies), for the engines' overhead measurement.
     */
    static Path registerManifest(Path dir, int rows, int size) throws IOException {
        Files.createDirectories(dir);
        NdArray ref = noise(7, size, size);
        ArrayFiles.write(dir.resolve("ref.npy"), ref);
        Random rnd = new Random(11);
        for (int k = 0; k < 16; k++) {
            ArrayFiles.write(dir.resolve("mov" + k + ".npy"), roll(ref, rnd.nextInt(9) - 4, rnd.nextInt(9) - 4));
        }
        List<String> lines = new ArrayList<>();
        lines.add("id,op,reference,moving,upsample");
        for (int i = 1; i <= rows; i++) {
            lines.add("r" + i + ",register,ref.npy,mov" + (i % 16) + ".npy,20");
        }
        Path m = dir.resolve("manifest.csv");
        Files.write(m, lines);
        return m;
    }

    /** A stack of {@code frames} {@code size}² frames in {@code file}, drifting by whole pixels from seed {@code seed}. */
    static void stack(Path file, int frames, int size, long seed) throws IOException {
        stack(file, frames, size, seed, -1);
    }

    /** {@link #stack(Path, int, int, long, int)} as {@code DIR/stack.npy}, the folder made; returns the file. */
    static Path stack0(Path dir, int frames, int size, long seed, int nanFrame) throws IOException {
        Path file = Files.createDirectories(dir).resolve("stack.npy");
        stack(file, frames, size, seed, nanFrame);
        return file;
    }

    /**
     * {@link #stack(Path, int, int, long)} with frame {@code nanFrame} holding one NaN pixel (a frame that fails;
     * none when negative), and a drift by fractions of a pixel (a Fourier shift), so that the upsampled shifts
     * have many significant bits to compare.
     */
    static void stack(Path file, int frames, int size, long seed, int nanFrame) throws IOException {
        NdArray base = noise(seed, size, size);
        Random rnd = new Random(seed);
        List<NdArray> list = new ArrayList<>();
        int dy = 0;
        int dx = 0;
        for (int f = 0; f < frames; f++) {
            NdArray frame = nanFrame < 0 ? roll(base, dy, dx)
                    : org.xcorr.shift.Shift.shift(base, new double[] {dy + 0.37 * f / frames, dx - 0.21 * f / frames},
                            new org.xcorr.shift.ShiftOptions(org.xcorr.shift.Interpolation.FOURIER, 1));
            if (f == nanFrame) {
                double[] v = frame.toArray();
                v[size + 2] = Double.NaN;
                frame = NdArray.wrap(v, size, size);
            }
            list.add(frame);
            dy += rnd.nextInt(3) - 1;
            dx += rnd.nextInt(3) - 1;
        }
        Stacks.write(file, frames, new int[] {size, size}, SampleType.FLOAT32, sink -> {
            for (int i = 0; i < list.size(); i++) {
                sink.accept(i, list.get(i));
            }
        });
    }
}
