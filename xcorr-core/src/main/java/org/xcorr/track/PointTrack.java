package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;

/**
 * One result row of {@link PointTracker}: where one point is in one frame, or why it could not be found there.
 *
 * <p>The point is at {@code point + offset} in frame {@code frame}. For two images ({@link
 * PointTracker#track(org.xcorr.array.NdArray, org.xcorr.array.NdArray, java.util.List, TrackOptions,
 * org.xcorr.concurrent.ProgressListener)}) {@code frame} is 1 and {@code offset} is exactly the {@link
 * Track#offset()} of {@link Tracker#track} with both centres at the point. Over a stack {@code offset} is the
 * displacement since frame 0; frame 0's rows have offset 0 and no fit.
 *
 * @param id             the point's label ({@link TrackPoint#id()})
 * @param frame          the frame index, counting from 0
 * @param point          the point as given ({@link TrackPoint#position()})
 * @param offset         displacement such that the point is at {@code point + offset} in this frame; all NaN when
 *                       the point was not found ({@code error != null})
 * @param fit            the NCC at the integer peak, in {@code [-1, 1]}; NaN on frame 0 of a stack and on errors
 * @param peakToSidelobe the peak-to-sidelobe ratio of the match ({@link Offset#peakToSidelobe()}); NaN when
 *                       undefined, on frame 0 and on errors
 * @param overlapFraction the fraction of the template inside the search region at the match ({@link
 *                       Offset#overlap()}: 1 unless partial placements were searched); NaN on frame 0 and on errors
 * @param edge           whether the match is an edge placement, the search cut off beside it ({@link
 *                       Offset#edge()}: a better match may lie beyond); false on frame 0 and on errors
 * @param error          {@code null} when the point was found; else the one-line reason (a point outside the
 *                       image, a template too large for the clipped search region, a constant template patch,
 *                       non-finite values)
 */
public record PointTrack(String id, int frame, int[] point, double[] offset, double fit, double peakToSidelobe,
        double overlapFraction, boolean edge, String error) {

    /** The status text of a row whose point was found. */
    public static final String OK = "ok";

    /** Copies the arrays. */
    public PointTrack {
        Objects.requireNonNull(id, "id");
        point = point.clone();
        offset = offset.clone();
    }

    /** A row for a point that could not be tracked in {@code frame}. */
    static PointTrack failed(TrackPoint p, int frame, String error) {
        double[] nan = new double[p.position().length];
        Arrays.fill(nan, Double.NaN);
        return new PointTrack(p.id(), frame, p.position(), nan, Double.NaN, Double.NaN, Double.NaN, false, error);
    }

    /** Whether the point was found in this frame. */
    public boolean isOk() {
        return error == null;
    }

    /** {@value #OK}, or the error message. */
    public String status() {
        return error == null ? OK : error;
    }

    /** The point as given (a copy). */
    @Override
    public int[] point() {
        return point.clone();
    }

    /** The displacement (a copy). */
    @Override
    public double[] offset() {
        return offset.clone();
    }

    /** Where the point is in this frame, {@code point + offset} (NaN when not found). */
    public double[] position() {
        double[] p = new double[point.length];
        for (int a = 0; a < p.length; a++) {
            p[a] = point[a] + offset[a];
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointTrack r && r.id.equals(id) && r.frame == frame && Arrays.equals(r.point, point)
                && Arrays.equals(r.offset, offset) && Double.compare(r.fit, fit) == 0
                && Double.compare(r.peakToSidelobe, peakToSidelobe) == 0
                && Double.compare(r.overlapFraction, overlapFraction) == 0 && r.edge == edge
                && Objects.equals(r.error, error);
    }

    @Override
    public int hashCode() {
        return (id.hashCode() * 31 + frame) * 31 + Arrays.hashCode(offset);
    }

    @Override
    public String toString() {
        return "PointTrack[id=" + id + ", frame=" + frame + ", point=" + Arrays.toString(point) + ", offset="
                + Arrays.toString(offset) + ", fit=" + fit + ", peakToSidelobe=" + peakToSidelobe + ", overlapFraction="
                + overlapFraction + ", edge=" + edge + ", status=" + status() + "]";
    }
}
