package org.xcorr.peak;

import java.util.Arrays;
import java.util.Objects;

/**
 * One peak found by {@link Peaks#find(org.xcorr.array.NdArray, PeakOptions)}.
 *
 * @param index    the integer index of the peak sample, one entry per axis in axis order
 * @param position the refined position per axis: {@code index} moved by the three-point fit of
 *                 {@link PeakOptions#subpixel()} ({@link SubpixelFit}); equal to {@code index} for
 *                 {@link Subpixel#NONE}
 * @param value    the map's value at {@code index} (the integer sample, never an interpolated value)
 */
public record Peak(int[] index, double[] position, double value) {

    /** Copies the arrays and checks that they have one entry per axis each. */
    public Peak {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(position, "position");
        if (index.length != position.length) {
            throw new IllegalArgumentException("index has " + index.length + " axes but position has " + position.length);
        }
        index = index.clone();
        position = position.clone();
    }

    /** The integer index (a copy). */
    @Override
    public int[] index() {
        return index.clone();
    }

    /** The refined position (a copy). */
    @Override
    public double[] position() {
        return position.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Peak p && Arrays.equals(index, p.index) && Arrays.equals(position, p.position)
                && Double.compare(value, p.value) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(index) + Arrays.hashCode(position)) + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return "Peak[index=" + Arrays.toString(index) + ", position=" + Arrays.toString(position) + ", value=" + value + "]";
    }
}
