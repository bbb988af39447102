/**
 * Window statistics, in one place and not a stable API: {@link org.xcorr.window.WindowSums} sums chosen moments
 * ({@code Σx, Σx²}; with a second array {@code Σy, Σy², Σxy}; or with a weight image {@code Σw·x, Σw·x², Σw}) over
 * the clipped windows of a {@link org.xcorr.window.WindowGeometry} (a centred box, or a template's placements in
 * {@code full}, {@code same} or {@code valid} mode) by running sums restarted on a fixed grid, bit-identical for
 * every thread count, with the one rounding rule for when such sums may be trusted and the one exact test for a
 * constant window. Clients: {@code ncc} (NCC's denominators), {@code match} (template matching's unmasked window
 * sums) and {@code local} (local NCC).
 */
package org.xcorr.window;
