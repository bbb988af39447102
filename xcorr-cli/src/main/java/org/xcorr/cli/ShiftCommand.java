package org.xcorr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xcorr shift IN --by DY,DX [--interpolation fourier|linear|cubic] -o OUT}. */
@Command(name = "shift", mixinStandardHelpOptions = true,
        description = {
            "Translate IN by a (sub-pixel) shift per axis, SciPy's sign: out[i] = in(i - shift), so a positive",
            "shift moves content to higher indices and a 'register' shift applied to MOVING aligns it with",
            "REFERENCE. fourier (default): exact periodic shift (scipy.ndimage.fourier_shift, real part);",
            "linear / cubic: scipy.ndimage.shift order 1 / 3, mode 'constant', zeros outside."})
final class ShiftCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Array to shift (.npy, image or TIFF).")
    Path input;

    @Option(names = "--by", paramLabel = "DY,DX", required = true,
            description = "Shift per axis in axis order, comma-separated (write --by=-1.5,2 for a negative first value if needed).")
    String by;

    @Option(names = "--interpolation", paramLabel = "METHOD",
            description = "fourier (default), linear or cubic.")
    String interpolation = "fourier";

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "Output file (.npy float64, .tif float32, .png colour-mapped).")
    Path output;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Interpolation method = parse(interpolation);
        double[] shift = Lists.doubles(by, "--by");
        int threads = common.threads();
        Outputs.check(output, input);
        NdArray in = Inputs.readReal(input, common.readLimits());
        NdArray result = Shift.shift(in, shift, new ShiftOptions(method, threads));
        Outputs.writeImage(output, result, in);
        Summary.print(spec, Summary.of(output, result, true).put("shift", shift));
        return Errors.OK;
    }

    /** fourier, linear or cubic (any case). */
    static Interpolation parse(String text) {
        try {
            return Interpolation.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--interpolation must be fourier, linear or cubic, got '" + text + "'");
        }
    }
}
