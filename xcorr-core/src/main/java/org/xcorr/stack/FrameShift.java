package org.xcorr.stack;

import java.util.Arrays;

/**
 * One row of a stack alignment: the shift of one frame.
 *
 * @param frame     frame index, from 0
 * @param shift     per axis in axis order ({@code [dy, dx]}, {@code [dz, dy, dx]} for volumes), with
 *                  {@code register}'s sign: shifting the frame by it aligns it with the reference (0 for the
 *                  reference frame itself); NaN on every axis when {@link #ok()} is false
 * @param error     the registration's {@code error} as {@link org.xcorr.register.Registration#error()} (NaN for
 *                  masked registration or a failed frame)
 * @param peakValue the height of the correlation peak, the quality number to look at: for unmasked
 *                  registration {@code |CCmax|/N} of the phase correlation in [0, 1] (1 for an exact
 *                  translation, near 0 for no match); for masked registration the masked NCC at the peak in
 *                  [-1, 1]; NaN for a failed frame
 * @param status    {@code "ok"}, or one line saying why the frame has no shift (it could not be read, it
 *                  contains NaN, ...)
 */
public record FrameShift(int frame, double[] shift, double error, double peakValue, String status) {

    /** The status of a frame that was registered. */
    public static final String OK = "ok";

    /** Copies {@code shift}. */
    public FrameShift {
        shift = shift.clone();
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }

    /** A failed frame: NaN shift, error and peak value, and the reason. */
    static FrameShift failed(int frame, int rank, String reason) {
        double[] nan = new double[rank];
        Arrays.fill(nan, Double.NaN);
        return new FrameShift(frame, nan, Double.NaN, Double.NaN, reason);
    }

    /** Whether the frame was registered. */
    public boolean ok() {
        return OK.equals(status);
    }

    /** A copy of the shift. */
    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameShift r && frame == r.frame && Arrays.equals(shift, r.shift)
                && Double.compare(error, r.error) == 0 && Double.compare(peakValue, r.peakValue) == 0
                && status.equals(r.status);
    }

    @Override
    public int hashCode() {
        return (frame * 31 + Arrays.hashCode(shift)) * 31 + status.hashCode();
    }

    @Override
    public String toString() {
        return "FrameShift[" + frame + ", shift=" + Arrays.toString(shift) + ", error=" + error + ", peakValue="
                + peakValue + ", " + status + "]";
    }
}
