package org.xcorr.cli;

import java.util.List;
import java.util.StringJoiner;
import org.xcorr.io.Json;
import org.xcorr.peak.Extremum;
import org.xcorr.peak.Peak;
import org.xcorr.peak.PeakOptions;
import org.xcorr.peak.Subpixel;
import picocli.CommandLine.Option;

/**
 * {@code --peaks N --min-distance D --threshold T} for the commands that search an image for a template
 * ({@code ncc}, {@code match}, {@code offset}): instead of their one-object result they print the {@code N} best
 * peaks of the map as one JSON list on one line, {@code [{"peak": [...], "offset": [...], "value": v}, ...]}, best
 * first ({@link org.xcorr.peak.Peaks#find(org.xcorr.array.NdArray, PeakOptions)}: local extrema, greedy
 * non-maximum suppression, equal values in row-major order).
 */
final class PeakListOptions {

    @Option(names = "--peaks", paramLabel = "N",
            description = "Print the N best peaks as one JSON list, best first: [{\"peak\": [...], \"offset\": [...],"
                    + " \"value\": v}, ...] (local maxima, or minima for match's sqdiff methods, after non-maximum"
                    + " suppression).")
    Integer peaks;

    @Option(names = "--min-distance", paramLabel = "D|DY,DX",
            description = "With --peaks: a peak suppresses every other within D samples on every axis (one value,"
                    + " or one per axis); default half the template, floor(size/2), at least 1.")
    String minDistance;

    @Option(names = "--threshold", paramLabel = "T",
            description = "With --peaks: keep only peaks with value >= T (value <= T for match's sqdiff methods);"
                    + " default no bound.")
    Double threshold;

    /** Whether {@code --peaks} was given; {@code --min-distance} or {@code --threshold} alone is an error. */
    boolean requested() {
        if (peaks == null && (minDistance != null || threshold != null)) {
            throw new IllegalArgumentException((minDistance != null ? "--min-distance" : "--threshold")
                    + " applies only with --peaks N");
        }
        return peaks != null;
    }

    /**
     * The options of the search on a map of a template of shape {@code templateShape}.
     *
     * @throws IllegalArgumentException with a one-line message naming the option when a value is bad
     */
    PeakOptions options(int[] templateShape, Subpixel subpixel, Extremum extremum) {
        if (peaks < 1) {
            throw new IllegalArgumentException("--peaks must be at least 1, got " + peaks);
        }
        int rank = templateShape.length;
        int[] radius;
        if (minDistance == null) {
            radius = new int[rank];
            for (int a = 0; a < rank; a++) {
                radius[a] = Math.max(1, templateShape[a] / 2);
            }
        } else {
            radius = Lists.ints(minDistance, "--min-distance");
            if (radius.length != 1 && radius.length != rank) {
                throw new IllegalArgumentException("--min-distance takes one value or one per axis (" + rank
                        + "), got '" + minDistance + "'");
            }
            for (int d : radius) {
                if (d < 0) {
                    throw new IllegalArgumentException("--min-distance must not be negative, got '" + minDistance + "'");
                }
            }
        }
        PeakOptions o = PeakOptions.defaults().withCount(peaks).withMinDistance(radius).withSubpixel(subpixel)
                .withExtremum(extremum);
        if (threshold != null) {
            if (threshold.isNaN()) {
                throw new IllegalArgumentException("--threshold must be a number, got NaN");
            }
            o = o.withThreshold(threshold);
        }
        return o;
    }

    /**
     * The JSON list of {@code peaks} on one line: per peak its {@code peak} (position in the map), its
     * {@code offset} (the position minus {@code origin}, the map index of offset 0) and its {@code value}.
     * Positions print as integers without sub-pixel refinement.
     */
    static String json(List<Peak> peaks, int[] origin, Subpixel subpixel) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (Peak p : peaks) {
            list.add(object(p, origin, subpixel).toString());
        }
        return list.toString();
    }

    /**
     * The same as CSV: a header ({@code peak_0, peak_1, offset_0, offset_1, value}) and one row per peak, the
     * header alone when there is none.
     */
    static String csv(List<Peak> peaks, int[] origin, Subpixel subpixel) {
        int rank = origin.length;
        String header = object(new Peak(new int[rank], new double[rank], 0), origin, subpixel).toCsv().lines()
                .findFirst().orElseThrow();
        StringJoiner table = new StringJoiner("\n");
        table.add(header);
        for (Peak p : peaks) {
            table.add(object(p, origin, subpixel).toCsv().lines().skip(1).findFirst().orElseThrow());
        }
        return table.toString();
    }

    /** A peak of template {@code template} (1-based) of several, with its map's {@code origin}. */
    record Found(int template, Peak peak, int[] origin) {
    }

    /**
     * The JSON list of peaks of several templates: each object starts with {@code "template": k} (1-based, in
     * the order the templates were given), then as {@link #json(List, int[], Subpixel)}.
     */
    static String jsonOfSet(List<Found> found, Subpixel subpixel) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (Found f : found) {
            list.add(object(new Json().put("template", f.template()), f.peak(), f.origin(), subpixel).toString());
        }
        return list.toString();
    }

    private static Json object(Peak p, int[] origin, Subpixel subpixel) {
        return object(new Json(), p, origin, subpixel);
    }

    private static Json object(Json j, Peak p, int[] origin, Subpixel subpixel) {
        if (subpixel == Subpixel.NONE) {
            int[] index = p.index();
            int[] offset = new int[index.length];
            for (int a = 0; a < index.length; a++) {
                offset[a] = index[a] - origin[a];
            }
            j.put("peak", index).put("offset", offset);
        } else {
            double[] position = p.position();
            double[] offset = new double[position.length];
            for (int a = 0; a < position.length; a++) {
                offset[a] = position[a] - origin[a];
            }
            j.put("peak", position).put("offset", offset);
        }
        return j.put("value", p.value());
    }
}
