package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.correlate.Mode;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Padding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xcorr ncc}: normalized cross-correlation (normxcorr2) of a template with an image. */
@Command(name = "ncc", mixinStandardHelpOptions = true,
        description = {"Normalized cross-correlation (MATLAB/Octave normxcorr2) of a template with an image, "
                + "1-D to 3-D. Values in [-1, 1]; constant windows give 0.",
            "Lags and output shape as 'correlate IMAGE TEMPLATE --mode M'. Computed in double precision; with "
                + "--precision float the FFT cross term runs in single precision (faster; window statistics and tiny "
                + "templates stay double)."})
final class NccCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    TemplateImageOptions inputs;

    @Mixin
    PrecisionOption precision;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", paramLabel = "M", converter = ModeConverter.class,
            description = "full (default), same or valid.")
    Mode mode = Mode.FULL;

    @Option(names = "--padding", paramLabel = "P", converter = PaddingConverter.class,
            description = "Where the template hangs outside the image: zero (default, MATLAB), mean (Octave) "
                    + "or overlap (only overlapping pixels count).")
    Padding padding = Padding.ZERO;

    @Option(names = "--min-overlap", paramLabel = "F",
            description = "With --padding overlap: placements overlapping fewer than F x (template size) pixels "
                    + "give 0 (default 0.3).")
    double minOverlap = NccOptions.DEFAULT_MIN_OVERLAP;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (.npy float64, .tif float32 or .png picture).")
    Path output;

    @Override
    public Integer call() throws Exception {
        NccOptions options = new NccOptions(mode, padding, minOverlap, common.threads(), precision.precision());
        Outputs.check(output, inputs.template, inputs.image);
        ReadLimits limits = common.readLimits();
        inputs.probe(limits);
        NdArray t = inputs.readTemplate(limits);
        NdArray i = inputs.readImage(limits);
        NdArray result = Ncc.ncc(t, i, options);
        Outputs.writeMap(output, result, -1, 1);
        Summary.print(spec, Summary.of(output, result, true));
        return Errors.OK;
    }

    /** full, same or valid (circular has no normalized form). */
    static final class ModeConverter extends ParsingConverter<Mode> {
        @Override
        Mode parse(String value) {
            Mode m;
            try {
                m = EnumNames.parse(Mode.class, value, "mode");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + value + "'; expected full, same or valid");
            }
            if (m == Mode.CIRCULAR) {
                throw new IllegalArgumentException("mode circular is not supported by ncc; expected full, same or valid");
            }
            return m;
        }
    }

    /** zero, mean or overlap. */
    static final class PaddingConverter extends ParsingConverter<Padding> {
        @Override
        Padding parse(String value) {
            return EnumNames.parse(Padding.class, value, "padding");
        }
    }
}
