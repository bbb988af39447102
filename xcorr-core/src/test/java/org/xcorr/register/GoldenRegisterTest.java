package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;

/** Every golden {@code register-*} case through the library ({@link PhaseCorrelation}), one thread and four. */
class GoldenRegisterTest {

    static Stream<Golden> cases() {
        return Golden.cases("register-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Golden c) throws IOException {
        NdArray reference = c.input("reference");
        NdArray moving = c.input("moving");
        NdArray referenceMask = c.input("reference_mask");
        NdArray movingMask = c.input("moving_mask");
        RegistrationOptions options = RegistrationOptions.defaults()
                .withUpsampleFactor(Integer.parseInt(c.param("upsample", "1")))
                .withNormalization(Normalization.parse(c.param("normalization", "phase")));
        if (c.param("overlap-ratio") != null) {
            options = options.withOverlapRatio(c.param("overlap-ratio").asDouble());
        }
        for (int threads : new int[] {1, 4}) {
            RegistrationOptions o = options.withThreads(threads);
            Registration r = referenceMask == null && movingMask == null
                    ? PhaseCorrelation.register(reference, moving, o)
                    : PhaseCorrelation.registerMasked(reference, moving, referenceMask, movingMask,
                            MaskedRegistrationOptions.defaults().withOverlapRatio(o.overlapRatio()).withThreads(threads));
            ObjectNode got = Golden.object();
            got.set("shift", Golden.tree(r.shift()));
            got.put("error", r.error());
            got.put("phasediff", r.phaseDiff());
            assertNull(c.compareJson(got), c.name + " threads " + threads);
        }
    }
}
