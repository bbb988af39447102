package org.xcorr.ncc;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;
import org.xcorr.match.MatchMethod;
import org.xcorr.match.MatchOptions;
import org.xcorr.match.TemplateMatching;

/**
 * {@link TemplateMatchContract} run against every template-matching implementation and forced strategy: one-shot
 * {@link Ncc#ncc} in each mode and padding, the prepared {@link TemplateMatcher} with its cross term forced direct,
 * FFT in one tile and FFT in several small tiles, {@link TemplateSet}, {@link MaskedNcc}, and
 * {@link TemplateMatching#match} with each of the six methods, with and without a mask.
 */
class TemplateMatchContractTest {

    /** The placement index of window start {@code at} under NCC's output geometry for {@code mode}. */
    static int[] nccPlacement(Mode mode, int[] at, int[] templateShape) {
        int[] p = new int[at.length];
        for (int a = 0; a < at.length; a++) {
            p[a] = at[a] + switch (mode) {
                case FULL -> templateShape[a] - 1;
                case SAME -> templateShape[a] / 2;
                default -> 0;
            };
        }
        return p;
    }

    /** One-shot NCC with fixed options. */
    abstract static class NccContract extends TemplateMatchContract {
        final NccOptions options;

        NccContract(Mode mode, Padding padding) {
            this.options = NccOptions.defaults().withMode(mode).withPadding(padding);
        }

        @Override
        NdArray score(NdArray template, NdArray image, NdArray mask) {
            return Ncc.ncc(template, image, options);
        }

        @Override
        int[] placement(int[] at, int[] templateShape) {
            return nccPlacement(options.mode(), at, templateShape);
        }
    }

    @Nested
    class NccFullZero extends NccContract {
        NccFullZero() {
            super(Mode.FULL, Padding.ZERO);
        }
    }

    @Nested
    class NccFullMean extends NccContract {
        NccFullMean() {
            super(Mode.FULL, Padding.MEAN);
        }
    }

    @Nested
    class NccFullOverlap extends NccContract {
        NccFullOverlap() {
            super(Mode.FULL, Padding.OVERLAP);
        }
    }

    @Nested
    class NccSameZero extends NccContract {
        NccSameZero() {
            super(Mode.SAME, Padding.ZERO);
        }
    }

    @Nested
    class NccValid extends NccContract {
        NccValid() {
            super(Mode.VALID, Padding.ZERO);
        }
    }

    /** The prepared matcher with its cross term forced to one strategy (and tile lengths, for FFT). */
    abstract static class PreparedContract extends NccContract {
        final TemplateMatcher.Strategy strategy;
        final boolean smallTiles;

        PreparedContract(Mode mode, Padding padding, TemplateMatcher.Strategy strategy, boolean smallTiles) {
            super(mode, padding);
            this.strategy = strategy;
            this.smallTiles = smallTiles;
        }

        @Override
        NdArray score(NdArray template, NdArray image, NdArray mask) {
            int[] tiles = null;
            if (smallTiles) {
                // a tile FFT length of template + 3 per axis: several overlap-save tiles on every axis
                tiles = template.shape();
                for (int a = 0; a < tiles.length; a++) {
                    tiles[a] += 3;
                }
            }
            return TemplateMatcher.prepare(template, image.shape(), options, strategy, tiles).ncc(image);
        }
    }

    @Nested
    class PreparedAuto extends PreparedContract {
        PreparedAuto() {
            super(Mode.FULL, Padding.ZERO, TemplateMatcher.Strategy.AUTO, false);
        }
    }

    @Nested
    class PreparedDirectFullMean extends PreparedContract {
        PreparedDirectFullMean() {
            super(Mode.FULL, Padding.MEAN, TemplateMatcher.Strategy.DIRECT, false);
        }
    }

    @Nested
    class PreparedDirectValid extends PreparedContract {
        PreparedDirectValid() {
            super(Mode.VALID, Padding.ZERO, TemplateMatcher.Strategy.DIRECT, false);
        }
    }

    @Nested
    class PreparedFftOneTileSameOverlap extends PreparedContract {
        PreparedFftOneTileSameOverlap() {
            super(Mode.SAME, Padding.OVERLAP, TemplateMatcher.Strategy.FFT, false);
        }
    }

    @Nested
    class PreparedFftSmallTilesFullZero extends PreparedContract {
        PreparedFftSmallTilesFullZero() {
            super(Mode.FULL, Padding.ZERO, TemplateMatcher.Strategy.FFT, true);
        }
    }

    @Nested
    class PreparedFftSmallTilesValid extends PreparedContract {
        PreparedFftSmallTilesValid() {
            super(Mode.VALID, Padding.ZERO, TemplateMatcher.Strategy.FFT, true);
        }
    }

    /** The first template's map of a set of two (the second of another shape, so the set's tiles are shared). */
    abstract static class TemplateSetContract extends NccContract {
        final boolean smallTiles;

        TemplateSetContract(Mode mode, Padding padding, boolean smallTiles) {
            super(mode, padding);
            this.smallTiles = smallTiles;
        }

        @Override
        NdArray score(NdArray template, NdArray image, NdArray mask) {
            double[] other = new double[9];
            for (int i = 0; i < other.length; i++) {
                other[i] = (i * 7) % 5;
            }
            List<NdArray> templates = List.of(template, NdArray.wrap(other, 3, 3));
            int[] tiles = null;
            if (smallTiles) {
                tiles = template.shape();
                for (int a = 0; a < tiles.length; a++) {
                    tiles[a] += 3;
                }
            }
            return TemplateSet.prepare(templates, image.shape(), options, tiles).ncc(image).get(0);
        }
    }

    @Nested
    class TemplateSetFullZero extends TemplateSetContract {
        TemplateSetFullZero() {
            super(Mode.FULL, Padding.ZERO, false);
        }
    }

    @Nested
    class TemplateSetSmallTilesSameMean extends TemplateSetContract {
        TemplateSetSmallTilesSameMean() {
            super(Mode.SAME, Padding.MEAN, true);
        }
    }

    /** Masked NCC with the contract's mask as the template's validity (nonzero = valid) and no image mask. */
    abstract static class MaskedNccContract extends NccContract {
        MaskedNccContract(Mode mode, Padding padding) {
            super(mode, padding);
        }

        @Override
        boolean masked() {
            return true;
        }

        @Override
        NdArray score(NdArray template, NdArray image, NdArray mask) {
            return MaskedNcc.ncc(template, mask, image, null, options);
        }
    }

    @Nested
    class MaskedNccFullZero extends MaskedNccContract {
        MaskedNccFullZero() {
            super(Mode.FULL, Padding.ZERO);
        }
    }

    @Nested
    class MaskedNccSameOverlap extends MaskedNccContract {
        MaskedNccSameOverlap() {
            super(Mode.SAME, Padding.OVERLAP);
        }
    }

    @Nested
    class MaskedNccValid extends MaskedNccContract {
        MaskedNccValid() {
            super(Mode.VALID, Padding.ZERO);
        }
    }

    /** {@link TemplateMatching#match} with one method, with the contract's mask as weights or without one. */
    abstract static class MatchContract extends TemplateMatchContract {
        final MatchMethod method;
        final boolean withMask;

        MatchContract(MatchMethod method, boolean withMask) {
            this.method = method;
            this.withMask = withMask;
        }

        @Override
        NdArray score(NdArray template, NdArray image, NdArray mask) {
            MatchOptions o = MatchOptions.of(method);
            return TemplateMatching.match(template, image, mask == null ? o : o.withMask(mask));
        }

        @Override
        int[] placement(int[] at, int[] templateShape) {
            return at.clone();
        }

        @Override
        boolean masked() {
            return withMask;
        }

        @Override
        boolean lowerIsBetter() {
            return method == MatchMethod.SQDIFF || method == MatchMethod.SQDIFF_NORMED;
        }
    }

    @Nested
    class MatchSqdiff extends MatchContract {
        MatchSqdiff() {
            super(MatchMethod.SQDIFF, false);
        }
    }

    @Nested
    class MatchSqdiffMasked extends MatchContract {
        MatchSqdiffMasked() {
            super(MatchMethod.SQDIFF, true);
        }
    }

    @Nested
    class MatchSqdiffNormed extends MatchContract {
        MatchSqdiffNormed() {
            super(MatchMethod.SQDIFF_NORMED, false);
        }
    }

    @Nested
    class MatchSqdiffNormedMasked extends MatchContract {
        MatchSqdiffNormedMasked() {
            super(MatchMethod.SQDIFF_NORMED, true);
        }
    }

    @Nested
    class MatchCcorr extends MatchContract {
        MatchCcorr() {
            super(MatchMethod.CCORR, false);
        }
    }

    @Nested
    class MatchCcorrMasked extends MatchContract {
        MatchCcorrMasked() {
            super(MatchMethod.CCORR, true);
        }
    }

    @Nested
    class MatchCcorrNormed extends MatchContract {
        MatchCcorrNormed() {
            super(MatchMethod.CCORR_NORMED, false);
        }
    }

    @Nested
    class MatchCcorrNormedMasked extends MatchContract {
        MatchCcorrNormedMasked() {
            super(MatchMethod.CCORR_NORMED, true);
        }
    }

    @Nested
    class MatchCcoeff extends MatchContract {
        MatchCcoeff() {
            super(MatchMethod.CCOEFF, false);
        }
    }

    @Nested
    class MatchCcoeffMasked extends MatchContract {
        MatchCcoeffMasked() {
            super(MatchMethod.CCOEFF, true);
        }
    }

    @Nested
    class MatchCcoeffNormed extends MatchContract {
        MatchCcoeffNormed() {
            super(MatchMethod.CCOEFF_NORMED, false);
        }
    }

    @Nested
    class MatchCcoeffNormedMasked extends MatchContract {
        MatchCcoeffNormedMasked() {
            super(MatchMethod.CCOEFF_NORMED, true);
        }
    }
}
