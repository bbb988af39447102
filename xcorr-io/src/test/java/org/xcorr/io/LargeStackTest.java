package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.stack.StackAlignment;

/**
 * A stack larger than the heap aligns: 200 frames of 512² float32 (210 MB on disk, 420 MB as doubles) in a
 * child JVM with {@code -Xmx64m}. The full-size check of the issue (2,000 frames of 512² in {@code -Xmx256m},
 * 2.1 GB) is the same code path; it is documented in the README with its command, not run here (minutes of
 * disk and CPU on the CI machine).
 */
class LargeStackTest {

    @TempDir
    Path dir;

    static final int FRAMES = 200;
    static final int N = 512;

    @Test
    void aStackLargerThanTheHeapAligns() throws Exception {
        Random rnd = new Random(1);
        double[] base = new double[N * N];
        for (int i = 0; i < base.length; i++) {
            base[i] = rnd.nextDouble();
        }
        Path npy = dir.resolve("large.npy");
        Stacks.write(npy, FRAMES, new int[] {N, N}, SampleType.FLOAT32, sink -> {
            double[] f = new double[N * N];
            for (int i = 0; i < FRAMES; i++) {
                // integer circular shift (content moves by (dy, dx)): exact, cheap to build
                int dy = i % 7 - 3;
                int dx = 2 - i % 5;
                for (int y = 0; y < N; y++) {
                    for (int x = 0; x < N; x++) {
                        f[y * N + x] = base[Math.floorMod(y - dy, N) * N + Math.floorMod(x - dx, N)];
                    }
                }
                sink.accept(i, NdArray.wrap(f.clone(), N, N));
            }
        });
        assertEquals(128 + 4L * FRAMES * N * N, Files.size(npy));
        String cp = String.join(File.pathSeparator, location(StackAlignment.class), location(Stacks.class),
                location(LargeStackMain.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", cp, LargeStackMain.class.getName(),
                npy.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "child did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("frames " + FRAMES), out);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
