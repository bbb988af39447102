package org.xcorr.peak;

/**
 * Which end of a map is "best": the highest values (correlation, NCC, OpenCV's {@code ccorr}/{@code ccoeff}
 * methods) or the lowest (OpenCV's {@code sqdiff} and {@code sqdiff-normed}, where 0 is a perfect match and
 * {@code minMaxLoc}'s {@code minLoc} is the answer).
 */
public enum Extremum {
    /** Peaks are local maxima, ranked from the highest value down; the threshold is a lower bound. */
    MAXIMUM,
    /** Peaks are local minima, ranked from the lowest value up; the threshold is an upper bound. */
    MINIMUM
}
