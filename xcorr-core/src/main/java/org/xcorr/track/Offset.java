package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.peak.PeakQuality;

/**
 * Where a template was found in an image: the result of {@link Offsets#offset(NdArray, NdArray, OffsetOptions)}.
 *
 * <p>All positions are per axis in axis order ({@code [dy, dx]} in 2-D). The surface is the NCC map in
 * {@code full} mode, whose index {@code i} is the placement with the template's first pixel at image position
 * {@code i - (Nt - 1)}.
 *
 * @param offset          position of the template's first pixel in the image, {@code peak - (Nt - 1)}; may be
 *                        negative (the template hangs over the image's start); fractional after sub-pixel
 *                        refinement
 * @param peak            position of the peak in {@code surface}; fractional after sub-pixel refinement
 * @param fit             the NCC value at the integer peak, in {@code [-1, 1]} (1 = perfect match); not
 *                        interpolated by the sub-pixel fit
 * @param integerPeak     the integer peak: the first maximum of {@code surface} in row-major order
 * @param quality         how clearly the surface singles out the peak: peak-to-sidelobe ratio and second-peak
 *                        ratio, see {@link PeakQuality}
 * @param surface         the NCC surface the peak was taken from (shape {@code Ni + Nt - 1})
 * @param placements      the placements the peak was searched among (minimum overlap, shift bound); the peak,
 *                        its sub-pixel fit and the peak quality use only these
 */
public record Offset(double[] offset, double[] peak, double fit, int[] integerPeak, PeakQuality quality,
        NdArray surface, Placements placements) {

    /** Copies the arrays. */
    public Offset {
        offset = offset.clone();
        peak = peak.clone();
        integerPeak = integerPeak.clone();
        Objects.requireNonNull(placements, "placements");
    }

    /**
     * A result searched over the whole surface ({@link Placements#all}); the template's shape is
     * {@code peak - offset + 1} and the image's {@code surface shape - template shape + 1}.
     */
    public Offset(double[] offset, double[] peak, double fit, int[] integerPeak, PeakQuality quality,
            NdArray surface) {
        this(offset, peak, fit, integerPeak, quality, surface, wholeSurface(offset, peak, surface));
    }

    private static Placements wholeSurface(double[] offset, double[] peak, NdArray surface) {
        int[] t = new int[peak.length];
        int[] i = new int[peak.length];
        for (int a = 0; a < t.length; a++) {
            t[a] = (int) Math.round(peak[a] - offset[a]) + 1;
            i[a] = surface.shape(a) - t[a] + 1;
        }
        return Placements.all(t, i);
    }

    /**
     * The fraction of the template inside the image at the integer peak, in {@code (0, 1]}: 1 when the template
     * lies wholly inside, less for a partial placement hanging over the image's edge (whose NCC rests on the
     * part inside, with the outside filled by the padding).
     */
    public double overlap() {
        return placements.overlap(integerPeak);
    }

    /**
     * Whether the integer peak is an edge placement: the search was cut off beside it (the surface's end, the
     * minimum overlap or the shift bound), so a better match may lie beyond; see {@link Placements#edge}.
     */
    public boolean edge() {
        return placements.edge(integerPeak);
    }

    /** The offset (a copy). */
    @Override
    public double[] offset() {
        return offset.clone();
    }

    /** The peak position (a copy). */
    @Override
    public double[] peak() {
        return peak.clone();
    }

    /** The integer peak (a copy). */
    @Override
    public int[] integerPeak() {
        return integerPeak.clone();
    }

    /** The peak-to-sidelobe ratio, {@link PeakQuality#peakToSidelobe()}; NaN when undefined. */
    public double peakToSidelobe() {
        return quality.peakToSidelobe();
    }

    /** The second-peak ratio, {@link PeakQuality#secondPeakRatio()}; NaN when there is no separated peak. */
    public double secondPeakRatio() {
        return quality.secondPeakRatio();
    }

    /** The integer offset {@code integerPeak - (Nt - 1)} before any sub-pixel refinement. */
    public int[] integerOffset(int[] templateShape) {
        int[] o = new int[integerPeak.length];
        for (int a = 0; a < o.length; a++) {
            o[a] = integerPeak[a] - (templateShape[a] - 1);
        }
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Offset r && Arrays.equals(r.offset, offset) && Arrays.equals(r.peak, peak)
                && Double.compare(r.fit, fit) == 0 && Arrays.equals(r.integerPeak, integerPeak)
                && r.quality.equals(quality) && r.surface.equals(surface) && r.placements.equals(placements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offset) * 31 + Arrays.hashCode(peak) * 7 + Double.hashCode(fit);
    }

    @Override
    public String toString() {
        return "Offset[offset=" + Arrays.toString(offset) + ", peak=" + Arrays.toString(peak) + ", fit=" + fit
                + ", quality=" + quality + ", overlap=" + overlap() + ", edge=" + edge()
                + ", surface=" + surface.shapeString() + "]";
    }
}
