package org.xcorr.io;

import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.StackAlignment;

/**
 * Child-JVM body of {@link LargeStackTest}: aligns the {@code .npy} stack named by {@code args[0]} (frame
 * {@code i} is the base rolled by {@code (i mod 7 - 3, 2 - i mod 5)}) and exits 0 when every frame's shift is
 * the expected one, 1 otherwise. Run with a heap smaller than the stack.
 */
public final class LargeStackMain {

    private LargeStackMain() {
    }

    /** Aligns and checks; prints one line. */
    public static void main(String[] args) throws Exception {
        try (FrameSource s = Stacks.open(args[0])) {
            AlignmentResult r = StackAlignment.align(s, AlignmentOptions.defaults().withThreads(2));
            double worst = 0;
            for (FrameShift f : r.frames()) {
                int i = f.frame();
                double[] expected = {-(i % 7 - 3) + (0 % 7 - 3), -(2 - i % 5) + 2};
                if (!f.ok()) {
                    System.out.println("frame " + i + " failed: " + f.status());
                    System.exit(1);
                }
                for (int a = 0; a < 2; a++) {
                    worst = Math.max(worst, Math.abs(f.shift()[a] - expected[a]));
                }
            }
            System.out.println("frames " + r.frames().size() + " worst " + worst + " max heap "
                    + Runtime.getRuntime().maxMemory());
            System.exit(worst < 1e-9 ? 0 : 1);
        }
    }
}
