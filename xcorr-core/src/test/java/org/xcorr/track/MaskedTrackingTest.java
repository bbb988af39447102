package org.xcorr.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;

/** {@link Offsets#offsetMasked}, {@link Tracker#trackMasked} and {@link PointTracker#trackMasked}. */
class MaskedTrackingTest {

    private static NdArray random(Random r, int... shape) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return NdArray.wrap(v, shape);
    }

    /** {@code a} moved by {@code (sy, sx)}: {@code out[p + s] = a[p]}, 0.5 where nothing moved in. */
    private static NdArray moved(NdArray a, int sy, int sx) {
        int ny = a.shape(0);
        int nx = a.shape(1);
        double[] out = new double[ny * nx];
        Arrays.fill(out, 0.5);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (y - sy >= 0 && y - sy < ny && x - sx >= 0 && x - sx < nx) {
                    out[y * nx + x] = a.get(y - sy, x - sx);
                }
            }
        }
        return NdArray.wrap(out, ny, nx);
    }

    @Test
    void withoutMasksTheMaskedOffsetIsThePlainOne() {
        Random r = new Random(2);
        NdArray image = random(r, 30, 35);
        NdArray template = random(r, 6, 7);
        Offset plain = Offsets.offset(template, image);
        Offset masked = Offsets.offsetMasked(template, null, image, null, OffsetOptions.defaults());
        assertArrayEquals(plain.integerPeak(), masked.integerPeak());
        assertEquals(plain.fit(), masked.fit(), Tolerances.EXACT_NCC);
    }

    @Test
    void maskedGarbageUnderTheMatchDoesNotMoveIt() {
        Random r = new Random(3);
        NdArray a = random(r, 50, 60);
        NdArray b = moved(a, 4, -3);
        double[] mask = new double[b.size()];
        Arrays.fill(mask, 1);
        double[] garbage = b.backingReal().clone();
        for (int y = 22; y < 27; y++) {
            for (int x = 24; x < 30; x++) {
                garbage[y * 60 + x] = 1e3 * (x - y); // would dominate the unmasked NCC
                mask[y * 60 + x] = 0;
            }
        }
        NdArray bad = NdArray.wrap(garbage, 50, 60);
        TrackOptions o = TrackOptions.defaults().withTemplateRadius(new int[] {6}).withImageRadius(new int[] {12});
        Track t = Tracker.trackMasked(a, null, bad, NdArray.wrap(mask, 50, 60), new int[] {20, 30}, new int[] {20, 30}, o);
        assertArrayEquals(new double[] {4, -3}, t.offset(), 0.0);
        assertEquals(1.0, t.fit(), 1e-9);
        Track unmasked = Tracker.track(a, bad, new int[] {20, 30}, new int[] {20, 30}, o);
        assertTrue(unmasked.fit() < t.fit());
    }

    @Test
    void aPatchWithoutValidPixelsIsAnErrorRowNotAFailedCall() {
        Random r = new Random(4);
        NdArray a = random(r, 40, 40);
        NdArray b = moved(a, 1, 2);
        double[] mask = new double[a.size()];
        Arrays.fill(mask, 1);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                mask[y * 40 + x] = 0; // point P's whole template patch
            }
        }
        TrackOptions o = TrackOptions.defaults().withTemplateRadius(new int[] {4}).withImageRadius(new int[] {8});
        List<PointTrack> rows = PointTracker.trackMasked(a, NdArray.wrap(mask, 40, 40), b, null,
                List.of(TrackPoint.of("P", 5, 5), TrackPoint.of("Q", 20, 20)), o, org.xcorr.concurrent.ProgressListener.NONE);
        assertFalse(rows.get(0).isOk());
        assertTrue(rows.get(0).status().contains("no valid (nonzero) pixel"), rows.get(0).status());
        assertTrue(rows.get(1).isOk(), rows.get(1).status());
        assertArrayEquals(new double[] {1, 2}, rows.get(1).offset(), 0.0);
    }

    @Test
    void aMaskOfAnotherShapeIsRefused() {
        NdArray a = random(new Random(5), 20, 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tracker.trackMasked(a,
                NdArray.wrap(new double[10], 2, 5), a, null, new int[] {10, 10}, new int[] {10, 10},
                TrackOptions.defaults().withTemplateRadius(new int[] {3}).withImageRadius(new int[] {6})));
        assertEquals("templateMask 2x5 must have the shape of its image 20x20", e.getMessage());
    }
}
