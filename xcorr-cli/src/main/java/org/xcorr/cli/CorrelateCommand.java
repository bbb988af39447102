package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.CorrelationOptions;
import org.xcorr.correlate.Method;
import org.xcorr.correlate.Mode;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xcorr correlate A B [--mode full|same|valid|circular] [--centered] [--max-lag L|LY,LX] -o OUT}: the
 * cross-correlation {@code c(k) = Σ_n A[n + k] · conj(B[n])} written to OUT (complex128 when either input is
 * complex); with {@code --max-lag} only the lags {@code |k| <= L} of the mode.
 */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = {
            "Cross-correlation c(k) = sum_n A[n + k] * conj(B[n]) of 1-D, 2-D or 3-D arrays, real or complex,",
            "as scipy.signal.correlate(A, B, mode). Output index i holds lag i - (NB-1) (full), i - floor(NB/2)",
            "(same), i (valid, circular) or i - floor(NB/2) (circular --centered). Computed in double precision."})
final class CorrelateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The signal or image (.npy, image or TIFF; complex allowed).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The kernel or template, same number of axes as A.")
    Path b;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "full (default; lags -(NB-1)..NA-1), same (A's shape), valid (B inside A), "
                    + "circular (periodic over A's shape).")
    String mode = "full";

    @Option(names = "--centered", description = "circular only: the kernel's origin is its centre floor(NB/2).")
    boolean centered;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "auto (default: cheaper by a cost model), direct or fft; the result agrees within rounding.")
    Method method = Method.AUTO;

    @Option(names = "--max-lag", paramLabel = "L|LY,LX",
            description = "Compute only the lags |k| <= L of the mode (one value for every axis, or one per axis in "
                    + "axis order); the output holds lags max(-L, first)..min(L, last) of the mode. Direct when "
                    + "that is cheaper, else FFT tiles over just those lags. Not with circular.")
    String maxLag;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "Output file (.npy: float64, or complex128 for complex results).")
    Path output;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Mode m = EnumNames.parse(Mode.class, mode, "mode");
        if (centered && m != Mode.CIRCULAR) {
            throw new IllegalArgumentException("--centered applies only to --mode circular, got --mode "
                    + mode.toLowerCase(java.util.Locale.ROOT));
        }
        CorrelationOptions options = new CorrelationOptions(m, centered, method, common.threads());
        if (maxLag != null) {
            options = options.withMaxLag(Lists.ints(maxLag, "--max-lag"));
        }
        Outputs.check(output, a, b);
        ReadLimits limits = common.readLimits();
        Inputs.probe(limits, a, b);
        NdArray first = Inputs.readFinite(a, limits);
        NdArray second = Inputs.readFinite(b, limits);
        NdArray result = Correlation.correlate(first, second, options);
        ArrayFiles.write(output, result);
        org.xcorr.io.Json summary = Summary.of(output, result, true);
        int[] lag = Correlation.lagAt(Summary.best(result, true), first.shape(), second.shape(), options);
        summary.put("lag", lag);
        if (m == Mode.CIRCULAR) {
            // a circular lag is known only modulo A's length: also the representative nearest zero (fftfreq's)
            summary.put("lag_wrapped", Summary.wrap(lag, first.shape()));
        }
        Summary.print(spec, summary);
        return Errors.OK;
    }
}
