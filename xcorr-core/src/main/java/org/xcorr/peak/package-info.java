/**
 * Peaks of sampled surfaces (correlation maps, NCC maps, phase-correlation surfaces):
 * {@link org.xcorr.peak.Peaks} finds the highest sample (and, by non-maximum suppression, the many
 * {@link org.xcorr.peak.Peak}s asked for by {@link org.xcorr.peak.PeakOptions}), {@link org.xcorr.peak.SubpixelFit} refines it per axis
 * with a three-point {@link org.xcorr.peak.Subpixel} fit (parabolic or Gaussian), and
 * {@link org.xcorr.peak.PeakQuality} says how clearly the peak stands out (peak-to-sidelobe and second-peak
 * ratios).
 */
package org.xcorr.peak;
