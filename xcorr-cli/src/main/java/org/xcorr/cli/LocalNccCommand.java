package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.local.LocalNcc;
import org.xcorr.local.LocalNccOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xcorr local-ncc A B --radius R -o OUT}: the per-pixel local NCC map of two same-shape arrays. */
@Command(name = "local-ncc", mixinStandardHelpOptions = true,
        description = {
            "Local normalized cross-correlation of A and B (same shape, 1-D, 2-D or 3-D): for each pixel, the",
            "Pearson correlation of A and B over the window of pixels within Chebyshev distance R, clipped to the",
            "array (population statistics). 0 exactly where either window is constant. Output has A's shape,",
            "values in [-1, 1]; cost does not depend on R."})
final class LocalNccCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "First array (.npy, image or TIFF).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Second array, same shape as A.")
    Path b;

    @Option(names = "--radius", paramLabel = "R", required = true,
            description = "Window radius: one value for every axis, or one per axis (RY,RX); >= 0.")
    String radius;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "Output file (.npy float64, .tif float32, .png colour-mapped).")
    Path output;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalNccOptions options = new LocalNccOptions(Lists.ints(radius, "--radius"), common.threads());
        Outputs.check(output, a, b);
        ReadLimits limits = common.readLimits();
        Inputs.probe(limits, a, b);
        NdArray first = Inputs.readReal(a, limits);
        NdArray second = Inputs.readReal(b, limits);
        Inputs.requireSameShape(a, first, b, second);
        NdArray result = LocalNcc.localNcc(first, second, options);
        Outputs.writeMap(output, result, -1, 1);
        Summary.print(spec, Summary.of(output, result, true));
        return Errors.OK;
    }
}
