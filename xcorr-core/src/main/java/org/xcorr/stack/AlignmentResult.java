package org.xcorr.stack;

import java.util.List;

/**
 * Result of {@link StackAlignment#align}: one row per frame, in frame order.
 *
 * @param frames     one row per frame ({@code frames.get(i).frame() == i})
 * @param frameShape shape of a frame
 * @param masked     whether frames were registered with masks (integer shifts, NaN error)
 */
public record AlignmentResult(List<FrameShift> frames, int[] frameShape, boolean masked) {

    /** Copies the list and the shape. */
    public AlignmentResult {
        frames = List.copyOf(frames);
        frameShape = frameShape.clone();
    }

    /** A copy of the frame shape. */
    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }

    /** The shifts, one row per frame (NaN rows for failed frames), as {@link StackAlignment#apply} takes them. */
    public double[][] shifts() {
        double[][] s = new double[frames.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = frames.get(i).shift();
        }
        return s;
    }

    /** Number of frames whose status is not ok. */
    public int failedCount() {
        int n = 0;
        for (FrameShift f : frames) {
            if (!f.ok()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlignmentResult r && frames.equals(r.frames)
                && java.util.Arrays.equals(frameShape, r.frameShape) && masked == r.masked;
    }

    @Override
    public int hashCode() {
        return frames.hashCode() * 31 + java.util.Arrays.hashCode(frameShape);
    }
}
