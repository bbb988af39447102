package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.DriftPlot;
import org.xcorr.io.Json;
import org.xcorr.io.SampleType;
import org.xcorr.io.ShiftTable;
import org.xcorr.register.Normalization;
import org.xcorr.register.Window;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.Reference;
import org.xcorr.stack.StackAlignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code xcorr align STACK}: drift correction of a time-lapse or z-stack over time
 * ({@link StackAlignment}), writing one row per frame, and optionally the aligned stack and a drift plot.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {
            "Drift correction: register every frame of STACK to a reference by phase correlation, in one run.",
            "STACK: a multi-page .tif, a .npy with time first (3-D, or 4-D for volumes), a folder, a quoted glob "
                    + "('frames/*.png', natural order) or a list file (.txt, one path per line).",
            "Writes -o shifts.csv|.json|.jsonl with frame,dy,dx[,dz],error,peak_value,status (the shift that, "
                    + "applied to the frame, aligns it with the reference: register's sign). Prints a one-line JSON "
                    + "summary. Exit status 3 when some frames failed (their rows say why; no --aligned stack is "
                    + "written then)."})
final class AlignCommand implements Callable<Integer> {

    /** Exit status when the table was written but some frames have an error row (as {@code batch}'s failed rows). */
    static final int SOME_FRAMES_FAILED = 3;

    @Mixin
    CommonOptions common;

    @Mixin
    StackCommands.StackOptions stack;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack (see above).")
    String input;

    @Option(names = "--reference", paramLabel = "first|previous|mean|N",
            description = "Register to frame 0 (default), the previous frame (shifts accumulated: errors grow as a "
                    + "random walk), the mean of the first K frames, or frame N.")
    String reference = "first";

    @Option(names = "--reference-frames", paramLabel = "K",
            description = "Frames averaged by --reference mean (default 10).")
    int referenceFrames = 10;

    @Option(names = "--upsample", paramLabel = "N", description = "Sub-pixel precision 1/N (default 20).")
    int upsampleFactor = 20;

    @Option(names = "--max-shift", paramLabel = "DY,DX",
            description = "Largest shift searched per axis, in axis order (DZ,DY,DX for volumes; one value for "
                    + "every axis); the reported shift never exceeds it.")
    String maxShift;

    @Option(names = "--window", paramLabel = "hann|tukey|none",
            description = "Apodisation before the transform (default hann: frame edges do not move with the drift).")
    String window = "hann";

    @Option(names = "--normalization", paramLabel = "phase|none",
            description = "Cross-power spectrum weighting: none (default; plain cross-correlation, robust on noisy "
                    + "images) or phase (register's default; with --window none, register's exact result).")
    String normalization = "none";

    @Option(names = "--roi", paramLabel = "Y0,X0,Y1,X1",
            description = "Estimate the drift on rows Y0..Y1-1, columns X0..X1-1 (Z0,Y0,X0,Z1,Y1,X1 for volumes); "
                    + "the shifts apply to whole frames.")
    String roi;

    @Option(names = "--mask", paramLabel = "M", description = "Valid pixels of every frame (nonzero); masked registration.")
    Path mask;

    @Option(names = "--nan-as-mask", description = "Treat NaN/infinite pixels as invalid (masked registration).")
    boolean nanAsMask;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Shift table: .csv, .json or .jsonl.")
    Path output;

    @Option(names = "--aligned", paramLabel = "OUT", description = "Also write the aligned stack (.tif or .npy).")
    Path aligned;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw the drift against the frame index.")
    Path plot;

    /**
     * The alignment options these arguments ask for, for frames of {@code rank} axes and {@code threads} threads:
     * everything but {@code --mask} (a file, read by the caller). The one place they are assembled: the command and
     * xcorr-spark's long-stack mode ({@link Main#alignment}) both call it.
     *
     * @throws IllegalArgumentException with the command's message for a value it refuses
     */
    AlignmentOptions options(int rank, int threads) {
        AlignmentOptions options = AlignmentOptions.defaults()
                .withReference(Reference.parse(reference, referenceFrames))
                .withUpsampleFactor(upsampleFactor)
                .withWindow(Window.parse(window))
                .withNormalization(Normalization.parse(normalization))
                .withNanAsMask(nanAsMask)
                .withThreads(threads);
        if (maxShift != null) {
            double[] m = Lists.doubles(maxShift, "--max-shift");
            if (m.length == 1) {
                double one = m[0];
                m = new double[rank];
                java.util.Arrays.fill(m, one);
            }
            if (m.length != rank) {
                throw new IllegalArgumentException("--max-shift has " + m.length + " values but the frames have "
                        + rank + " axes");
            }
            options = options.withMaxShift(m);
        }
        if (roi != null) {
            options = options.withRoi(Lists.ints(roi, "--roi"));
        }
        return options;
    }

    @Override
    public Integer call() throws IOException {
        ShiftTable.checkWritable(output);
        Path in = StackCommands.pathOrNull(input);
        Outputs.requireDistinct(output, in, mask);
        if (plot != null) {
            if (!org.xcorr.io.ArrayFiles.extension(plot).equals("png")) {
                throw new IllegalArgumentException("--plot must be a .png file, got " + plot);
            }
            Outputs.requireDistinct(plot, in, mask, output);
        }
        try (FrameSource source = stack.open(input)) {
            int rank = source.frameShape().length;
            AlignmentOptions options = options(rank, common.threads());
            if (mask != null) {
                options = options.withMask(Inputs.readReal(mask, common.readLimits()));
            }
            SampleType type = aligned == null ? null : stack.checkAligned(aligned, source, input, in, mask, output);
            if (aligned != null && plot != null) {
                Outputs.requireDistinct(plot, aligned);
            }
            AlignmentResult result;
            try (ProgressLine progress = ProgressLine.forTerminal(spec.commandLine().getErr(), "align", "frames",
                    stack.quiet)) {
                result = StackAlignment.align(source, options, progress);
            }
            ShiftTable.write(output, result);
            if (plot != null) {
                DriftPlot.write(plot, result);
            }
            List<Integer> failed = new ArrayList<>();
            String firstReason = null;
            double[] maxAbs = new double[rank];
            for (FrameShift f : result.frames()) {
                if (!f.ok()) {
                    failed.add(f.frame());
                    firstReason = firstReason == null ? f.status() : firstReason;
                    continue;
                }
                double[] s = f.shift();
                for (int a = 0; a < rank; a++) {
                    maxAbs[a] = Math.max(maxAbs[a], Math.abs(s[a]));
                }
            }
            Json summary = new Json().put("frames", (long) result.frames().size()).put("failed", (long) failed.size())
                    .put("max_abs_shift", maxAbs).put("masked", result.masked()).put("shifts", output.toString());
            if (failed.isEmpty() && aligned != null) {
                stack.writeAligned(aligned, source, result.shifts(), type, common.threads(),
                        spec.commandLine().getErr());
                summary.put("aligned", aligned.toString());
            }
            spec.commandLine().getOut().println(summary);
            spec.commandLine().getOut().flush();
            if (!failed.isEmpty()) {
                String what = "align: " + output + " written";
                String tail = aligned == null ? "" : "; " + aligned + " not written";
                spec.commandLine().getErr().println("xcorr " + StackCommands.failedFrames(what, failed, firstReason)
                        .getMessage() + tail);
                spec.commandLine().getErr().flush();
                return SOME_FRAMES_FAILED;
            }
            return Errors.OK;
        }
    }
}
