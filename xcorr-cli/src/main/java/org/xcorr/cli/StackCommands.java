package org.xcorr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.xcorr.io.InputException;
import org.xcorr.io.SampleType;
import org.xcorr.io.Stacks;
import org.xcorr.shift.Interpolation;
import org.xcorr.stack.Fill;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.StackAlignment;
import picocli.CommandLine.Option;

/** Options and steps shared by {@code align} and {@code apply-shifts}: opening a stack, writing an aligned one. */
final class StackCommands {

    private StackCommands() {
    }

    /** How the stack is read and how aligned frames are written. */
    static final class StackOptions {
        @Option(names = "--frames-are", paramLabel = "images|volumes",
                description = "images (default): each page/file/plane is a frame; volumes: groups of --depth pages "
                        + "are one 3-D frame (a 4-D .npy is volumes already).")
        String framesAre = "images";

        @Option(names = "--depth", paramLabel = "Z", description = "Planes per volume with --frames-are volumes.")
        Integer depth;

        @Option(names = "--interpolation", paramLabel = "fourier|linear|cubic",
                description = "Resampling of --aligned frames (default fourier).")
        String interpolation = "fourier";

        @Option(names = "--fill", paramLabel = "0|nan|edge",
                description = "Value where a shifted frame has no data (default 0).")
        String fill = "0";

        @Option(names = "--aligned-type", paramLabel = "float32|input",
                description = "Sample type of --aligned: float32 (default) or the input's type (values rounded; "
                        + "fails if one does not fit).")
        String alignedType = "float32";

        @Option(names = "--quiet", description = "No progress line on the terminal.")
        boolean quiet;

        /**
         * The planes per volume that {@code --frames-are} and {@code --depth} ask for: 0 for images (each page, file
         * or plane a frame), else the planes grouped into one volume (0 too when {@code --depth} is left out: the
         * stack's own third axis).
         *
         * @throws IllegalArgumentException for an unknown {@code --frames-are}, or {@code --depth} without volumes
         *                                  or below 1
         */
        int planesPerVolume() {
            boolean volumes = volumes();
            if (depth != null && !volumes) {
                throw new IllegalArgumentException("--depth needs --frames-are volumes");
            }
            if (depth != null && depth < 1) {
                throw new IllegalArgumentException("--depth must be >= 1, got " + depth);
            }
            return volumes && depth != null ? depth : 0;
        }

        private boolean volumes() {
            switch (framesAre.toLowerCase(Locale.ROOT)) {
                case "images":
                    return false;
                case "volumes":
                    return true;
                default:
                    throw new IllegalArgumentException("--frames-are must be images or volumes, got '" + framesAre + "'");
            }
        }

        /** The stack, as images or volumes. */
        FrameSource open(String stack) throws IOException {
            int planes = planesPerVolume();
            boolean volumes = volumes();
            FrameSource s = Stacks.open(stack, planes);
            if (volumes && s.frameShape().length != 3) {
                s.close();
                throw new IllegalArgumentException("--frames-are volumes needs --depth Z (planes per volume) for "
                        + stack + ", whose frames are 2-D");
            }
            return s;
        }

        Interpolation interpolation() {
            switch (interpolation.toLowerCase(Locale.ROOT)) {
                case "fourier":
                    return Interpolation.FOURIER;
                case "linear":
                    return Interpolation.LINEAR;
                case "cubic":
                    return Interpolation.CUBIC;
                default:
                    throw new IllegalArgumentException("--interpolation must be fourier, linear or cubic, got '"
                            + interpolation + "'");
            }
        }

        /** The sample type of the aligned stack. */
        SampleType alignedType(FrameSource source, String stack) {
            switch (alignedType.toLowerCase(Locale.ROOT)) {
                case "float32":
                    return SampleType.FLOAT32;
                case "input":
                    SampleType t = Stacks.sampleType(source);
                    if (t == null) {
                        throw new IllegalArgumentException("--aligned-type input: the sample type of " + stack
                                + " is not one known type (a folder or list of images, colour pages); use float32");
                    }
                    return t;
                default:
                    throw new IllegalArgumentException("--aligned-type must be float32 or input, got '" + alignedType
                            + "'");
            }
        }

        /** Checks the aligned output before any work. */
        SampleType checkAligned(Path aligned, FrameSource source, String stack, Path... inputs) throws IOException {
            interpolation();
            Fill.parse(fill);
            SampleType type = alignedType(source, stack);
            Stacks.checkWritable(aligned, source.frameCount(), source.frameShape(), type);
            Outputs.requireDistinct(aligned, inputs);
            return type;
        }

        /** Shifts every frame and writes the aligned stack, with a progress line. */
        void writeAligned(Path aligned, FrameSource source, double[][] shifts, SampleType type, int threads,
                PrintWriter err) throws IOException {
            Interpolation interp = interpolation();
            Fill f = Fill.parse(fill);
            try (ProgressLine progress = ProgressLine.forTerminal(err, "shift", "frames", quiet)) {
                Stacks.write(aligned, source.frameCount(), source.frameShape(), type,
                        sink -> StackAlignment.apply(source, shifts, interp, f, threads, sink, progress));
            }
        }
    }

    /** A path given as a stack spec, or null when it is a glob (which is no single file). */
    static Path pathOrNull(String spec) {
        try {
            return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 ? null : Path.of(spec);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Throws the one-line error for a stack whose frames failed. */
    static InputException failedFrames(String what, java.util.List<Integer> frames, String firstReason) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(frames.size(), 10); i++) {
            b.append(i == 0 ? "" : ", ").append(frames.get(i));
        }
        if (frames.size() > 10) {
            b.append(", ... (").append(frames.size()).append(" in all)");
        }
        return new InputException(what + ": frame" + (frames.size() == 1 ? " " : "s ") + b + " failed (" + firstReason
                + ")");
    }
}
