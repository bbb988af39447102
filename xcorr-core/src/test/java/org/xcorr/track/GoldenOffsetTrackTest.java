package org.xcorr.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;
import org.xcorr.peak.Subpixel;

/**
 * The golden {@code offset-*}, {@code track-*} and their bad-argument cases through the library, compared as
 * {@code run_cases.py} compares the printed JSON. Every case runs with 1 and 3 threads, which must agree bit for
 * bit.
 */
class GoldenOffsetTrackTest {

    static Stream<Golden> offsetCases() {
        return Golden.cases("offset-");
    }

    static Stream<Golden> trackCases() {
        return Golden.cases("track-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offsetCases")
    void offsetMatchesGolden(Golden c) throws IOException {
        NdArray template = c.input("template");
        NdArray image = c.input("image");
        OffsetOptions options = OffsetOptions.defaults().withSubpixel(Subpixel.parse(c.param("subpixel", "none")));
        Offset one = Offsets.offset(template, image, options.withThreads(1));
        Offset three = Offsets.offset(template, image, options.withThreads(3));
        assertEquals(one, three, c.name + ": thread count changed the result");
        ObjectNode got = Golden.object();
        got.set("offset", Golden.tree(one.offset()));
        got.set("peak", Golden.tree(one.peak()));
        got.put("fit", one.fit());
        assertNull(c.compareJson(got), c.name);
        // the oracle reports a gap of >= 0.117 to the runner-up in every case
        assertTrue(one.secondPeakRatio() < 0.9, c.name + ": runner-up ratio " + one.secondPeakRatio());
        assertTrue(one.peakToSidelobe() > 2, c.name + ": PSR " + one.peakToSidelobe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackCases")
    void trackMatchesGolden(Golden c) throws IOException {
        Track one = track(c, 1);
        Track three = track(c, 3);
        assertEquals(one, three, c.name + ": thread count changed the result");
        ObjectNode got = Golden.object();
        got.set("offset", Golden.tree(one.offset()));
        got.put("fit", one.fit());
        assertNull(c.compareJson(got), c.name);
        // the oracle's ground truth, as a second opinion on the geometry
        assertEquals(c.spec.path("truth").path("offset").toString(), Golden.tree(rounded(one.offset())).toString(),
                c.name + ": ground truth");
    }

    @Test
    void bad10CentreOutsideIsAnArgumentError() throws IOException {
        Golden c = Golden.cases("bad-10").findFirst().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> track(c, 1));
        assertTrue(e.getMessage().contains("templateCenter [10, 140] is outside"), e.getMessage());
    }

    @Test
    void bad11TemplateRadiusNotSmallerIsAnArgumentError() throws IOException {
        Golden c = Golden.cases("bad-11").findFirst().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> track(c, 1));
        assertTrue(e.getMessage().contains("must be smaller than imageRadius"), e.getMessage());
    }

    private static Track track(Golden c, int threads) throws IOException {
        TrackOptions options = TrackOptions.defaults().withThreads(threads);
        if (c.param("template-radius") != null) {
            options = options.withTemplateRadius(c.ints("template-radius"));
        }
        if (c.param("image-radius") != null) {
            options = options.withImageRadius(c.ints("image-radius"));
        }
        return Tracker.track(c.input("template_image"), c.input("image"), c.ints("template-center"),
                c.ints("image-center"), options);
    }

    private static int[] rounded(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(v[i]);
        }
        return out;
    }
}
