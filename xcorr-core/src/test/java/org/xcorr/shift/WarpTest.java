package org.xcorr.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

class WarpTest {

    private static NdArray random(int ny, int nx, long seed) {
        return NdArray.wrap(new Random(seed).doubles(ny * nx).toArray(), ny, nx);
    }

    @Test
    void identityAndIntegerShiftsAreExact() {
        NdArray a = random(7, 9, 1);
        for (Warp.Resampling r : Warp.Resampling.values()) {
            assertArrayEquals(a.backingReal(), Warp.similarity(a, 0, 1, new double[] {0, 0}, r, 0, 1).backingReal(),
                    1e-12);
            NdArray s = Warp.similarity(a, 0, 1, new double[] {2, -3}, r, -1, 1);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 9; x++) {
                    double want = y - 2 >= 0 && x + 3 < 9 ? a.get(y - 2, x + 3) : -1;
                    assertEquals(want, s.get(y, x), 1e-12, r + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void quarterTurnIsAnIndexPermutation() {
        // p = c + R(90°)(q - c) with R(90°)(x, y) = (-y, x): out(x, y) = in(y', x') with x' = y, y' = -x (centred)
        NdArray a = random(9, 9, 2);
        NdArray w = Warp.similarity(a, 90, 1, new double[] {0, 0}, Warp.Resampling.CUBIC, 0, 1);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 9; x++) {
                assertEquals(a.get(8 - x, y), w.get(y, x), 1e-12);
            }
        }
    }

    @Test
    void cubicReproducesAQuadraticAndLinearAPlane() {
        double[] q = new double[20 * 20];
        double[] l = new double[20 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                q[y * 20 + x] = 0.3 * x * x - 0.2 * x * y + y;
                l[y * 20 + x] = 2 * x - 3 * y + 1;
            }
        }
        double th = Math.toRadians(17);
        NdArray wq = Warp.similarity(NdArray.wrap(q, 20, 20), 17, 1.3, new double[] {0.4, -0.7},
                Warp.Resampling.CUBIC, Double.NaN, 3);
        NdArray wl = Warp.similarity(NdArray.wrap(l, 20, 20), 17, 1.3, new double[] {0.4, -0.7},
                Warp.Resampling.BILINEAR, Double.NaN, 2);
        for (int y = 6; y < 14; y++) {
            for (int x = 6; x < 14; x++) {
                double px = x - 9.5 + 0.7;
                double py = y - 9.5 - 0.4;
                double sx = (Math.cos(th) * px + Math.sin(th) * py) / 1.3 + 9.5;
                double sy = (-Math.sin(th) * px + Math.cos(th) * py) / 1.3 + 9.5;
                assertEquals(0.3 * sx * sx - 0.2 * sx * sy + sy, wq.get(y, x), 1e-9);
                assertEquals(2 * sx - 3 * sy + 1, wl.get(y, x), 1e-9);
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        NdArray a = random(4, 4, 3);
        assertThrows(IllegalArgumentException.class,
                () -> Warp.similarity(a, 0, 0, new double[] {0, 0}, Warp.Resampling.CUBIC, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Warp.similarity(a, 0, 1, new double[] {0}, Warp.Resampling.CUBIC, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Warp.similarity(NdArray.wrap(new double[8], 2, 2, 2), 0,
                1, new double[] {0, 0}, Warp.Resampling.CUBIC, 0, 1));
    }
}
