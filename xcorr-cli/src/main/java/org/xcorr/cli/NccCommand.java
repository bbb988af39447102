package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.correlate.Mode;
import org.xcorr.ncc.MaskedNcc;
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
            "Lags and output shape as 'correlate IMAGE TEMPLATE --mode M'. Computed in double precision.",
            "--image-mask, --template-mask and --nan-as-mask switch to masked NCC (Padfield 2012): invalid pixels"
                + " count in no sum; placements whose valid pairs number fewer than --min-overlap x (valid template"
                + " entries) give 0, for every padding (zero/mean padding pixels are valid)."})
final class NccCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    TemplateImageOptions inputs;

    @Mixin
    MaskOptions masks;

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
                    + "give 0 (default 0.3). With masks, for every padding: fewer than F x (valid template entries)"
                    + " valid pairs give 0.")
    double minOverlap = NccOptions.DEFAULT_MIN_OVERLAP;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (.npy float64, .tif float32 or .png picture).")
    Path output;

    @Override
    public Integer call() throws Exception {
        NccOptions options = new NccOptions(mode, padding, minOverlap, common.threads());
        Outputs.check(output, inputs.template, inputs.image, masks.templateMask, masks.imageMask);
        ReadLimits limits = common.readLimits();
        inputs.probe(limits, masks.files());
        NdArray result;
        if (masks.active()) {
            MaskOptions.Masked t = masks.read(inputs.template, masks.templateMask, "--template-mask", limits);
            MaskOptions.Masked i = masks.read(inputs.image, masks.imageMask, "--image-mask", limits);
            result = MaskedNcc.ncc(t.values(), t.mask(), i.values(), i.mask(), options);
        } else {
            NdArray t = MaskOptions.readFinite(inputs.template, limits);
            NdArray i = MaskOptions.readFinite(inputs.image, limits);
            result = Ncc.ncc(t, i, options);
        }
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
                m = Mode.parse(value);
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
            return Padding.parse(value);
        }
    }
}
