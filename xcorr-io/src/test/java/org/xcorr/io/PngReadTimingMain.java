package org.xcorr.io;

import java.nio.file.Path;
import org.xcorr.array.NdArray;

/**
 * Times image reads in one fresh JVM, for the README's PNG numbers (not a test): {@code PATH fast|imageio N}
 * reads PATH N times with {@link Images#read} (the direct PNG decoder) or {@link Images#readWithImageIo} (the
 * ImageIO path every PNG took before) and prints each call's milliseconds, the first call including class loading
 * and the interpreter, as a one-shot command pays them. Run it in a new JVM per measurement, alternating the modes.
 */
public final class PngReadTimingMain {

    private PngReadTimingMain() {
    }

    /** Runs the reads and prints one line: mode, then the time of each call in ms. */
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        boolean fast = args[1].equals("fast");
        int n = Integer.parseInt(args[2]);
        StringBuilder line = new StringBuilder(args[1]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            NdArray a = fast ? Images.read(path) : Images.readWithImageIo(path, ReadLimits.defaults(), Grey.BT601);
            long t1 = System.nanoTime();
            sum += a.backingReal()[a.size() / 2];
            line.append(String.format(java.util.Locale.ROOT, " %.1f", (t1 - t0) / 1e6));
        }
        // The centre values, summed, keep the reads from being optimised away and show they decoded.
        System.out.println(line + String.format(java.util.Locale.ROOT, " (centre values summed: %.1f)", sum));
    }
}
