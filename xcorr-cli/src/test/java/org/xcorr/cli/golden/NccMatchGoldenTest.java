package org.xcorr.cli.golden;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.array.NdArray;
import org.xcorr.cli.EnumNames;
import org.xcorr.correlate.Mode;
import org.xcorr.match.MatchMethod;
import org.xcorr.match.MatchOptions;
import org.xcorr.match.TemplateMatching;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Padding;

/** Golden ncc-* and match-* cases (and their bad-input twins) through the library, on 1 and 2 threads. */
class NccMatchGoldenTest {

    static Stream<GoldenCase> nccCases() {
        return GoldenCase.all("ncc-");
    }

    static Stream<GoldenCase> matchCases() {
        return GoldenCase.all("match-");
    }

    static Stream<GoldenCase> badCases() {
        return GoldenCase.all("bad-01", "bad-02", "bad-03", "bad-05");
    }

    static NccOptions options(GoldenCase c, int threads) {
        return new NccOptions(EnumNames.parse(Mode.class, c.param("mode", "full"), "mode"), EnumNames.parse(Padding.class, c.param("padding", "zero"), "padding"),
                c.param("min-overlap") == null ? 0.3 : c.param("min-overlap").asDouble(), threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nccCases")
    void ncc(GoldenCase c) throws IOException {
        NdArray t;
        NdArray i;
        try {
            t = c.input("template");
            i = c.input("image");
        } catch (IOException | RuntimeException e) {
            org.junit.jupiter.api.Assumptions.abort(c.name + ": input not readable yet (" + e.getMessage() + ")");
            return;
        }
        for (int threads = 1; threads <= 2; threads++) {
            NdArray got = Ncc.ncc(t, i, options(c, threads));
            assertNull(GoldenCompare.arrays(got, c.expectedArray(), c.tolerance()), c.name + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchCases")
    void match(GoldenCase c) throws IOException {
        NdArray mask = c.input("mask");
        for (int threads = 1; threads <= 2; threads++) {
            NdArray got = TemplateMatching.match(c.input("template"), c.input("image"),
                    new MatchOptions(EnumNames.parse(MatchMethod.class, c.param("method", "ccoeff-normed"), "method"), mask, threads));
            assertNull(GoldenCompare.arrays(got, c.expectedArray(), c.tolerance()), c.name + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badInputIsRejected(GoldenCase c) throws IOException {
        NdArray t = c.input("template");
        NdArray i = c.input("image");
        if (c.op().equals("match")) {
            NdArray m = c.input("mask");
            assertThrows(IllegalArgumentException.class, () -> TemplateMatching.match(t.requireFinite("template"),
                    i.requireFinite("image"), new MatchOptions(EnumNames.parse(MatchMethod.class, c.param("method", "ccoeff-normed"), "method"), m, 1)));
        } else {
            assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(t, i, options(c, 1)));
        }
    }
}
