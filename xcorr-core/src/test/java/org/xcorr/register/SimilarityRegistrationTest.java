package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.shift.Warp;

/** Rotation and scale recovered from exact synthetic warps of a smooth random scene. */
class SimilarityRegistrationTest {

    private static final NdArray SCENE = Fixtures.smoothRandom(new int[] {384, 384}, 2, 11);

    private static void check(double theta0, double s0, double[] t0, SimilarityRegistration.Transform transform) {
        NdArray ref = SimilarityAccuracy.centre(SCENE, 96);
        NdArray mov = SimilarityAccuracy.centre(Warp.similarity(SCENE, theta0, s0, t0, Warp.Resampling.CUBIC, 0, 1),
                96);
        SimilarityRegistration.Result r = SimilarityRegistration.register(ref, mov,
                new SimilarityRegistration.Options(transform, true, 2));
        double[] e = SimilarityAccuracy.expected(theta0, s0, t0);
        String msg = r + " expected " + java.util.Arrays.toString(e);
        assertEquals(0, SimilarityRegistration.wrapDegrees(r.rotationDeg() - e[0]), 0.05, msg);
        assertEquals(e[1], r.scale(), e[1] * 0.001, msg);
        assertEquals(e[2], r.shift()[0], 0.05, msg);
        assertEquals(e[3], r.shift()[1], 0.05, msg);
        assertTrue(r.overlapNcc() > 0.999, msg);
    }

    @Test
    void similarityIsRecoveredOnExactWarps() {
        check(30, 1.2, new double[] {2.5, -4.25}, SimilarityRegistration.Transform.SIMILARITY);
        check(-150, 0.8, new double[] {-1, 3.5}, SimilarityRegistration.Transform.SIMILARITY);
    }

    @Test
    void rigidIsRecoveredAcrossTheHalfTurnAmbiguity() {
        check(100, 1, new double[] {1.5, 2}, SimilarityRegistration.Transform.RIGID);
        check(-179, 1, new double[] {0, -3}, SimilarityRegistration.Transform.RIGID);
    }

    @Test
    void resultIsIdenticalForEveryThreadCountAndInputsAreUnchanged() {
        NdArray ref = SimilarityAccuracy.centre(SCENE, 64);
        NdArray mov = SimilarityAccuracy.centre(Warp.similarity(SCENE, 12, 1.1, new double[] {1, 2},
                Warp.Resampling.CUBIC, 0, 1), 64);
        double[] refCopy = ref.backingReal().clone();
        double[] movCopy = mov.backingReal().clone();
        SimilarityRegistration.Result one = SimilarityRegistration.register(ref, mov,
                new SimilarityRegistration.Options(SimilarityRegistration.Transform.SIMILARITY, true, 1));
        SimilarityRegistration.Result four = SimilarityRegistration.register(ref, mov,
                new SimilarityRegistration.Options(SimilarityRegistration.Transform.SIMILARITY, true, 4));
        assertEquals(one, four);
        assertArrayEquals(refCopy, ref.backingReal());
        assertArrayEquals(movCopy, mov.backingReal());
    }

    @Test
    void badInputIsRejected() {
        NdArray a = Fixtures.random(new int[] {16, 16}, 1);
        SimilarityRegistration.Options o = SimilarityRegistration.Options.defaults();
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityRegistration.register(a, Fixtures.random(new int[] {16, 17}, 2), o));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityRegistration.register(Fixtures.random(new int[] {4, 4}, 1),
                        Fixtures.random(new int[] {4, 4}, 2), o));
        assertThrows(IllegalArgumentException.class, () -> SimilarityRegistration.Transform.parse("affine"));
    }
}
