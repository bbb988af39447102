package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xcorr.io.InputException;
import org.xcorr.io.Json;
import org.xcorr.io.SampleType;
import org.xcorr.io.ShiftTable;
import org.xcorr.stack.FrameSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code xcorr apply-shifts STACK --shifts shifts.csv --aligned OUT}: shifts every frame of a stack by the rows
 * of a table written by {@code align} (for example shifts estimated on one channel, applied to another). With
 * the same interpolation and fill it reproduces {@code align --aligned} bit for bit.
 */
@Command(name = "apply-shifts", mixinStandardHelpOptions = true,
        description = {"Shift every frame of STACK by its row of a shift table (as written by align -o shifts.csv) "
                + "and write the aligned stack (.tif or .npy). Same options, same result as align --aligned."})
final class ApplyShiftsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    StackCommands.StackOptions stack;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack (same forms as align).")
    String input;

    @Option(names = "--shifts", required = true, paramLabel = "CSV", description = "The shift table (.csv).")
    Path shifts;

    @Option(names = "--aligned", required = true, paramLabel = "OUT", description = "The aligned stack (.tif or .npy).")
    Path aligned;

    @Override
    public Integer call() throws IOException {
        Path in = StackCommands.pathOrNull(input);
        try (FrameSource source = stack.open(input)) {
            SampleType type = stack.checkAligned(aligned, source, input, in, shifts);
            int rank = source.frameShape().length;
            ShiftTable.Rows rows = ShiftTable.read(shifts, rank);
            if (rows.shifts().length != source.frameCount()) {
                throw new InputException(shifts + " has " + rows.shifts().length + " rows but " + input + " has "
                        + source.frameCount() + " frames");
            }
            List<Integer> failed = new ArrayList<>();
            String first = null;
            for (int i = 0; i < rows.shifts().length; i++) {
                boolean finite = true;
                for (double v : rows.shifts()[i]) {
                    finite &= Double.isFinite(v);
                }
                if (!finite || !"ok".equals(rows.status()[i])) {
                    failed.add(i);
                    first = first == null ? rows.status()[i] : first;
                }
            }
            if (!failed.isEmpty()) {
                throw StackCommands.failedFrames(shifts + ": no shift for", failed, first);
            }
            stack.writeAligned(aligned, source, rows.shifts(), type, common.threads(), spec.commandLine().getErr());
            spec.commandLine().getOut().println(new Json().put("frames", (long) source.frameCount())
                    .put("aligned", aligned.toString()));
            spec.commandLine().getOut().flush();
            return Errors.OK;
        }
    }
}
