package org.xcorr.correlate.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.xcorr.correlate.Mode;

/** The planner's table of chosen tilings: a looked-up tiling is the one the search finds, for every shape. */
class TilingCacheTest {

    private static void assertSameTiling(TiledFftPlan.Tiling expected, TiledFftPlan.Tiling actual, String what) {
        assertArrayEquals(expected.length(), actual.length(), what);
        assertArrayEquals(expected.lags(), actual.lags(), what);
        assertArrayEquals(expected.count(), actual.count(), what);
    }

    @Test
    void aRepeatedShapeGetsTheSearchedTilingAndShapesThatDifferOnlyInModeOrLagsDoNotShareOne() {
        // more distinct shapes than the table holds, so it is cleared on the way and refilled
        for (int round = 0; round < 2; round++) {
            for (int n = 40; n < 200; n += 1) {
                for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                    Geometry g = new Geometry(new int[] {n, n + 3}, new int[] {7, 5}, mode);
                    for (boolean complex : new boolean[] {false, true}) {
                        TiledFftPlan.Tiling first = TiledFftPlan.chooseTiling(g, complex);
                        String what = mode + " " + n + " complex " + complex;
                        assertSameTiling(TiledFftPlan.searchTiling(g, complex), first, what);
                        assertSame(first, TiledFftPlan.chooseTiling(new Geometry(new int[] {n, n + 3},
                                new int[] {7, 5}, mode), complex), what);
                    }
                }
            }
        }
        Geometry centred = new Geometry(new int[] {64, 64}, new int[] {9, 9}, Mode.SAME, true);
        Geometry plain = new Geometry(new int[] {64, 64}, new int[] {9, 9}, Mode.SAME, false);
        assertSameTiling(TiledFftPlan.searchTiling(centred, false), TiledFftPlan.chooseTiling(centred, false), "centred");
        assertSameTiling(TiledFftPlan.searchTiling(plain, false), TiledFftPlan.chooseTiling(plain, false), "plain");
    }
}
