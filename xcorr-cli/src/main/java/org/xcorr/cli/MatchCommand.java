package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.match.MatchMethod;
import org.xcorr.match.MatchOptions;
import org.xcorr.match.TemplateMatching;
import org.xcorr.peak.Extremum;
import org.xcorr.peak.PeakOptions;
import org.xcorr.peak.Peaks;
import org.xcorr.peak.Subpixel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xcorr match}: OpenCV-style template matching score map (2-D, valid output). */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Template matching as OpenCV matchTemplate (2-D, valid output, double precision), with the "
                + "documented formulas; an optional weight mask enters squared (as OpenCV's float masks).",
            "sqdiff-normed is the documented formula, not clamped to 1."})
final class MatchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    TemplateImageOptions inputs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", paramLabel = "METHOD", converter = MatchMethodConverter.class,
            description = "sqdiff, sqdiff-normed, ccorr, ccorr-normed, ccoeff or ccoeff-normed (default); OpenCV's"
                    + " names work too (TM_CCOEFF_NORMED, cv.TM_SQDIFF, cv2.TM_CCORR, 0-5).")
    MatchMethod method = MatchMethod.CCOEFF_NORMED;

    @Option(names = "--mask", paramLabel = "M", description = "Non-negative weights of the template's shape.")
    Path mask;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (.npy float64, .tif float32 or .png picture).")
    Path output;

    @Mixin
    PeakListOptions peakList;

    @Option(names = "--subpixel", paramLabel = "M", converter = NccCommand.SubpixelConverter.class,
            description = "With --peaks: none (default), parabolic or gaussian three-point fit of each peak.")
    Subpixel subpixel = Subpixel.NONE;

    @Override
    public Integer call() throws Exception {
        int threads = common.threads();
        Outputs.check(output, inputs.template, inputs.image, mask);
        ReadLimits limits = common.readLimits();
        inputs.probe(limits, mask);
        NdArray t = inputs.readTemplate(limits);
        NdArray i = inputs.readImage(limits);
        NdArray m = mask == null ? null : Inputs.readReal(mask, limits);
        // lower is better for the squared differences, as OpenCV's documentation says (minMaxLoc's minLoc)
        boolean highest = method != MatchMethod.SQDIFF && method != MatchMethod.SQDIFF_NORMED;
        boolean many = peakList.requested();
        PeakOptions peakOptions = many ? peakList.options(t.shape(), subpixel,
                highest ? Extremum.MAXIMUM : Extremum.MINIMUM) : null;
        NdArray result = TemplateMatching.match(t, i, new MatchOptions(method, m, threads));
        boolean coefficient = method == MatchMethod.CCOEFF_NORMED || method == MatchMethod.CCORR_NORMED;
        Outputs.writeMap(output, result, coefficient ? -1 : Double.NaN, coefficient ? 1 : Double.NaN);
        // valid output: index i is the placement with the template's first pixel at i (OpenCV's loc, as [y, x])
        int[] origin = new int[result.rank()];
        if (many) {
            Summary.print(spec, PeakListOptions.json(Peaks.find(result, peakOptions), origin, subpixel));
        } else {
            Summary.print(spec, Summary.of(output, result, highest).put("method", MatchMethodConverter.name(method))
                    .put("offset", Summary.best(result, highest)));
        }
        return Errors.OK;
    }
}
