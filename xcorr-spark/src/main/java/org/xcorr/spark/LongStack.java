package org.xcorr.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.xcorr.array.NdArray;
import org.xcorr.cli.Main;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.io.Stacks;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.FrameSource;
import org.xcorr.stack.Reference;
import org.xcorr.stack.StackAlignment;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Drift correction of one long stack on Spark, its frames partitioned over the tasks: the shifts table of
 * {@code xcorr align STACK -o OUT}, bit for bit, for a stack whose frames are too many for one machine.
 *
 * <p><b>How.</b> The driver opens the stack (lazily: only its header), checks the options and builds the reference
 * exactly as {@link StackAlignment#align} does, through {@link StackAlignment#align} itself on a view that serves
 * only the reference's frames ({@link Probe}): the same checks and one-line messages as the local command, and the
 * reference's raw frames, read once, which are then <b>broadcast</b> to the executors. Each task takes a range of
 * frames, opens the stack itself (executors read their frames from the shared file system, nothing is shipped from
 * the driver but the broadcast reference frames) and runs {@link StackAlignment#align} on a {@link View}: the
 * reference's frames (from the broadcast) followed by its range, with the reference renumbered to the view. The
 * reference's spectrum is prepared once per task from the broadcast frames ({@code StackAlignment} takes frames,
 * not a ready spectrum; one transform per task of ~100 frames); every frame is then registered to it by the very
 * arithmetic of the local command, so its row has the same bits. The driver collects the rows (frame, shift,
 * error, peak, status: ~100 bytes a frame) and writes the table with the local {@code ShiftTable} writer.
 *
 * <p><b>References.</b> {@code first}, a frame index {@code N} and {@code mean} (of the first K frames: the K
 * frames are broadcast and each task averages them, as the local command does). Not {@code previous}: its shifts
 * are accumulated along the whole stack in frame order (a chain no partition can start on its own); align such a
 * stack with the per-stack mode (one task) or locally.
 */
final class LongStack {

    /** Options of {@code xcorr align} this mode takes ({@code -O name=value}); the others need the whole stack. */
    static final List<String> OPTIONS = List.of("reference", "reference-frames", "upsample", "max-shift", "window",
            "normalization", "roi", "nan-as-mask", "frames-are", "depth");

    private LongStack() {
    }

    /** The settings of one run: the stack and its {@code xcorr align} options, as text (shipped to the tasks). */
    record Settings(String stack, Map<String, String> options) implements Serializable {
        private static final long serialVersionUID = 1L;

        Settings {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** One frame's row, as the executors send it back. */
    record Row(int frame, double[] shift, double error, double peakValue, String status) implements Serializable {
        private static final long serialVersionUID = 1L;

        FrameShift toFrameShift() {
            return new FrameShift(frame, shift, error, peakValue, status);
        }
    }

    /** A frame's pixels as broadcast. */
    record Frame(double[] values, int[] shape) implements Serializable {
        private static final long serialVersionUID = 1L;

        NdArray array() {
            return NdArray.wrap(values.clone(), shape);
        }
    }

    /** The parsed options of one run: what {@code xcorr align} would use. */
    record Parsed(CommandLine.ParseResult result, int depth) {

        /**
         * The alignment options for frames of {@code rank} axes, assembled by {@code xcorr align} itself, one
         * thread a task.
         *
         * @throws IllegalArgumentException for a value the command refuses, or a reference no range can start on
         */
        AlignmentOptions options(int rank) {
            AlignmentOptions o = Main.alignment(result, rank, 1);
            if (o.reference().kind() == Reference.Kind.PREVIOUS) {
                throw new IllegalArgumentException("-O reference=previous: its shifts are accumulated along the whole"
                        + " stack, which no frame range can do on its own; use the per-stack mode or xcorr align");
            }
            return o;
        }
    }

    /**
     * The options as {@code xcorr align} parses them: the command's own picocli model (same names, types, defaults
     * and messages), and the planes per volume to open the stack with.
     *
     * @throws IllegalArgumentException for an option this mode does not take or a value {@code xcorr align} refuses
     */
    static Parsed parse(Map<String, String> given) {
        List<String> args = new ArrayList<>(List.of("align"));
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey().strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("-O " + e.getKey() + ": not an option of the long-stack mode (it takes "
                        + String.join(", ", OPTIONS) + "); use the per-stack mode for the others");
            }
            if (name.equals("nan-as-mask")) {
                if (Boolean.parseBoolean(e.getValue().strip())) {
                    args.add("--nan-as-mask");
                }
                continue;
            }
            args.add("--" + name + "=" + e.getValue().strip());
        }
        args.addAll(List.of("-o", "unused.csv", "--", "unused.npy"));
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip(), e);
        }
        return new Parsed(parsed, Main.alignPlanesPerVolume(parsed));
    }

    /**
     * The message with the library's camelCase parameter names as {@code xcorr align}'s options ({@code nanAsMask}
     * becomes {@code --nan-as-mask}), as the command line reports them.
     */
    static String optionNames(String message) {
        CommandSpec align = Main.commandLine().getSubcommands().get("align").getCommandSpec();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b").matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String kebab = "--" + m.group().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(align.findOption(kebab) != null ? kebab
                    : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The frames the reference is built from (before any is read). */
    static TreeSet<Integer> referenceFrames(Reference r, int n) {
        TreeSet<Integer> s = new TreeSet<>();
        switch (r.kind()) {
            case FIRST -> s.add(0);
            case FRAME -> s.add(r.count());
            case MEAN -> {
                for (int i = 0; i < Math.min(r.count(), n); i++) {
                    s.add(i);
                }
            }
            default -> throw new IllegalArgumentException("reference " + r.kind() + " cannot be partitioned");
        }
        return s;
    }

    /**
     * The default number of tasks for {@code n} frames on {@code parallelism} cores: about a hundred frames a task
     * (each task registers its reference's frames once more and prepares the reference's spectrum once: ~1% of a
     * hundred frames), at least two tasks per core, never more tasks than frames.
     */
    static int partitions(int n, int parallelism) {
        long p = Math.max(2L * parallelism, (n + 99L) / 100);
        return (int) Math.max(1, Math.min(n, p));
    }

    /**
     * Aligns the stack of {@code settings} on {@code sc} in {@code partitions} frame ranges.
     *
     * @param progress told (frames done, frames) on the driver as tasks end
     * @return the result, as {@code StackAlignment.align} returns it for the whole stack
     * @throws IllegalArgumentException as {@code xcorr align} for a bad option or an unusable reference
     * @throws IOException              when the stack cannot be opened on the driver
     */
    static AlignmentResult align(JavaSparkContext sc, Settings settings, Integer partitions,
            ProgressListener progress) throws IOException {
        Parsed parsed = parse(settings.options());
        int n;
        int[] frameShape;
        Map<Integer, Frame> reference = new TreeMap<>();
        AlignmentOptions options;
        try (FrameSource stack = Stacks.open(settings.stack(), parsed.depth())) {
            n = stack.frameCount();
            frameShape = stack.frameShape();
            options = parsed.options(frameShape.length);
            // the local command's own checks and reference, on the driver: a view holding only the reference's frames
            Probe probe = new Probe(stack, referenceFrames(options.reference(), n));
            try {
                StackAlignment.align(probe, options);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(optionNames(e.getMessage()), e);
            }
            reference.putAll(probe.read);
        }
        int p = partitions != null ? partitions : partitions(n, sc.defaultParallelism());
        if (p < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + p);
        }
        p = Math.min(p, n);
        List<int[]> ranges = new ArrayList<>(p);
        for (int t = 0; t < p; t++) {
            ranges.add(new int[] {(int) ((long) n * t / p), (int) ((long) n * (t + 1) / p)});
        }
        Broadcast<Map<Integer, Frame>> frames = sc.broadcast(reference);
        LongAccumulator done = sc.sc().longAccumulator("xcorr frames done");
        SparkProgress reporter = new SparkProgress(done, n, progress);
        sc.sc().addSparkListener(reporter);
        List<Row> rows;
        try {
            progress.progress(0, n);
            rows = new ArrayList<>(sc.parallelize(ranges, p).flatMap(new RangeTask(settings, frames, done)).collect());
        } finally {
            sc.sc().removeSparkListener(reporter);
            frames.destroy();
        }
        progress.progress(n, n);
        rows.sort((a, b) -> Integer.compare(a.frame(), b.frame()));
        List<FrameShift> shifts = new ArrayList<>(n);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).frame() != i) {
                throw new IllegalStateException("frame " + i + " came back " + (rows.get(i).frame() < i ? "twice"
                        : "not at all"));
            }
            shifts.add(rows.get(i).toFrameShift());
        }
        if (shifts.size() != n) {
            throw new IllegalStateException(shifts.size() + " rows came back for " + n + " frames");
        }
        return new AlignmentResult(shifts, frameShape, options.masked());
    }

    /** One task: frames {@code [from, to)} of the stack, registered to the broadcast reference. */
    static final class RangeTask implements FlatMapFunction<int[], Row> {
        private static final long serialVersionUID = 1L;
        private final Settings settings;
        private final Broadcast<Map<Integer, Frame>> reference;
        private final LongAccumulator done;

        RangeTask(Settings settings, Broadcast<Map<Integer, Frame>> reference, LongAccumulator done) {
            this.settings = settings;
            this.reference = reference;
            this.done = done;
        }

        @Override
        public Iterator<Row> call(int[] range) throws IOException {
            Map<Integer, Frame> ref = reference.value();
            Parsed parsed = parse(settings.options());
            List<Row> out = new ArrayList<>(range[1] - range[0]);
            try (FrameSource stack = Stacks.open(settings.stack(), parsed.depth())) {
                AlignmentOptions options = parsed.options(stack.frameShape().length);
                // the view: the reference's frames first (in order), then the range's other frames
                TreeSet<Integer> indices = new TreeSet<>(ref.keySet());
                for (int i = range[0]; i < range[1]; i++) {
                    indices.add(i);
                }
                int[] map = indices.stream().mapToInt(Integer::intValue).toArray();
                Reference r = options.reference();
                if (r.kind() == Reference.Kind.FRAME) {
                    options = options.withReference(Reference.frame(Arrays.binarySearch(map, r.count())));
                }
                AlignmentResult result = StackAlignment.align(new View(stack, map, ref), options);
                for (FrameShift f : result.frames()) {
                    int frame = map[f.frame()];
                    if (frame >= range[0] && frame < range[1]) {
                        out.add(new Row(frame, f.shift(), f.error(), f.peakValue(), f.status()));
                    }
                }
            }
            done.add(out.size());
            return out.iterator();
        }
    }

    /**
     * Frames {@code map[0..]} of a stack, renumbered 0..; those in {@code held} served from memory (the broadcast
     * reference), the others read from the stack; each named as in the stack, so every message is the local one.
     */
    static final class View implements FrameSource {
        private final FrameSource stack;
        private final int[] map;
        private final Map<Integer, Frame> held;

        View(FrameSource stack, int[] map, Map<Integer, Frame> held) {
            this.stack = stack;
            this.map = map;
            this.held = held;
        }

        @Override
        public int frameCount() {
            return map.length;
        }

        @Override
        public int[] frameShape() {
            return stack.frameShape();
        }

        @Override
        public NdArray frame(int index) throws IOException {
            Frame f = held.get(map[index]);
            return f != null ? f.array() : stack.frame(map[index]);
        }

        @Override
        public String frameName(int index) {
            return stack.frameName(map[index]);
        }
    }

    /**
     * The whole stack as {@link StackAlignment#align} sees it on the driver, with only the reference's frames
     * readable (each read once, kept for the broadcast): the other frames fail at once, without being read, so the
     * call checks the options and builds the reference as the local command does, and costs a few registrations.
     */
    static final class Probe implements FrameSource {
        // one shared instance without a stack trace: thrown once per frame of a stack that may hold 10^6 frames
        private static final IOException SKIPPED = new IOException("not read on the driver") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        private final FrameSource stack;
        private final TreeSet<Integer> readable;
        final Map<Integer, Frame> read = Collections.synchronizedMap(new TreeMap<>());

        Probe(FrameSource stack, TreeSet<Integer> readable) {
            this.stack = stack;
            this.readable = readable;
        }

        @Override
        public int frameCount() {
            return stack.frameCount();
        }

        @Override
        public int[] frameShape() {
            return stack.frameShape();
        }

        @Override
        public NdArray frame(int index) throws IOException {
            if (!readable.contains(index)) {
                throw SKIPPED;
            }
            Frame f = read.get(index);
            if (f == null) {
                NdArray a = stack.frame(index);
                f = new Frame(a.isComplex() ? null : a.toArray(), a.shape());
                if (a.isComplex()) {
                    return a;
                }
                read.put(index, f);
            }
            return f.array();
        }

        @Override
        public String frameName(int index) {
            return stack.frameName(index);
        }
    }
}
