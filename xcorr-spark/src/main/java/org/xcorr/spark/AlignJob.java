package org.xcorr.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.xcorr.cli.ProgressLine;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.io.Json;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.cli.table.Csv;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Drift correction on Spark, in two modes.
 *
 * <p><b>Many stacks, one task per stack:</b> {@code spark-submit --class org.xcorr.spark.AlignJob xcorr-spark.jar
 * STACKS.txt -d OUTDIR [-O upsample=20 ...]}. Each stack's shifts table ({@code OUTDIR/NAME.shifts.csv})
 * is written by {@code xcorr align} itself (run by the batch row runner on the executor: the same stack readers,
 * alignment and table writer as the local command), so it is byte for byte the table {@code xcorr align STACK -o
 * NAME.shifts.csv} writes.
 *
 * <p>How: the job writes {@code OUTDIR/align-manifest.csv}, a batch manifest with one {@code align} row per stack
 * (id = the stack's file name without extension, which must be unique; the {@code -O} options as columns), and
 * runs it as {@link BatchJob} does with one task per stack; {@code OUTDIR/summary.csv} is that batch's table
 * (status and seconds per stack). The same manifest runs locally with {@code xcorr batch}.
 *
 * <p>STACKS lists one stack per line (any form {@code xcorr align} reads: .tif, .npy, a folder, a glob); blank
 * lines and lines starting with {@code #} are skipped; relative paths are relative to the list's folder. OUTDIR
 * must be a folder every executor can write (a shared file system). Exit status as {@link BatchJob}.
 *
 * <p><b>One long stack, its frames partitioned:</b> {@code spark-submit --class org.xcorr.spark.AlignJob
 * xcorr-spark.jar --stack STACK -o OUT.csv [-O reference=first|N|mean ...] [--partitions N]}: each task aligns a
 * range of frames to the reference, whose frames the driver reads once and broadcasts ({@link LongStack}); the
 * table is the one {@code xcorr align STACK -o OUT.csv} writes, bit for bit, and the JSON summary line on stdout
 * is the local command's. Exit status 3 when some frames failed (their rows say why), as {@code xcorr align}.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Aligns many stacks on Spark, one task per stack; one shifts table per stack.")
public final class AlignJob implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "STACKS",
            description = "The list of stacks, one a line (Hadoop path); one task per stack.")
    String stacks;

    @Option(names = {"-d", "--directory"}, paramLabel = "OUTDIR",
            description = "With STACKS: where the shifts tables, the manifest and summary.csv go (a shared folder).")
    Path directory;

    @Option(names = "--stack", paramLabel = "STACK",
            description = "One long stack (a path every executor reads, or file://), its frames partitioned.")
    String stack;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "With --stack: the shift table, .csv, .json or .jsonl (Hadoop path).")
    String output;

    @Option(names = "--partitions", paramLabel = "N",
            description = "With --stack: tasks (default: about 100 frames a task, at least two per core).")
    Integer partitions;

    @Option(names = {"-O", "--option"}, paramLabel = "NAME=VALUE",
            description = "An option of xcorr align, without dashes (upsample=20, reference=mean, max_shift=8,8).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit was given, else local[*]).")
    String master;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    private final PrintStream err;
    private final PrintStream out;

    AlignJob(PrintStream err) {
        this(System.out, err);
    }

    /** A job that prints its summary on {@code out} and reports on {@code err}. */
    AlignJob(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the job with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(BatchJob.run(new AlignJob(System.err), System.err, args));
    }

    @Override
    public Integer call() throws IOException {
        if ((stacks == null) == (stack == null)) {
            throw new IllegalArgumentException("give STACKS (a list, one task per stack) or --stack STACK (one long"
                    + " stack, frames partitioned), not " + (stack == null ? "neither" : "both"));
        }
        if (stack != null) {
            if (output == null || directory != null) {
                throw new IllegalArgumentException("--stack needs -o OUT (the shift table) and takes no -d");
            }
            return longStack();
        }
        if (directory == null || output != null || partitions != null) {
            throw new IllegalArgumentException("STACKS needs -d OUTDIR and takes neither -o nor --partitions");
        }
        if (!Files.isDirectory(directory)) {
            throw new InputException(directory + ": no such folder");
        }
        boolean own = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = Sessions.session("xcorr align", master);
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            List<String> list = read(stacks, conf);
            Path manifest = writeManifest(list);
            int n = list.size();
            return BatchJob.execute(spark, "align", manifest.toString(), directory.resolve("summary.csv").toString(),
                    null, n, new RowRunner(1), quiet, err);
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }

    /** {@code --stack}: one stack, its frames partitioned; the table written as {@code xcorr align} writes it. */
    private int longStack() throws IOException {
        HadoopFiles.checkShiftTable(output);
        if (!stack.startsWith("file:") && HadoopCells.isUri(stack)) {
            throw new InputException(stack + ": the executors read the stack's frames themselves, from a file"
                    + " system every one of them mounts; give a local path or file://");
        }
        boolean own = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = Sessions.session("xcorr align", master);
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            // absolute: an executor's working folder is not the driver's
            String path = stack.startsWith("file:") ? HadoopFiles.local(stack, conf).toString()
                    : Path.of(stack).toAbsolutePath().toString();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            long start = System.nanoTime();
            AlignmentResult result;
            try (ProgressLine line = ProgressLine.forTerminal(err, "align", "frames", quiet)) {
                ProgressListener progress = line.enabled() || quiet ? line : new BatchJob.LogLines(err, "align", "frames");
                result = LongStack.align(sc, new LongStack.Settings(path, options), partitions, progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            HadoopFiles.writeShiftTable(output, conf, result);
            int rank = result.frameShape().length;
            long failed = 0;
            String first = null;
            double[] maxAbs = new double[rank];
            for (FrameShift f : result.frames()) {
                if (!f.ok()) {
                    failed++;
                    first = first == null ? "frame " + f.frame() + ": " + f.status() : first;
                    continue;
                }
                for (int a = 0; a < rank; a++) {
                    maxAbs[a] = Math.max(maxAbs[a], Math.abs(f.shift()[a]));
                }
            }
            // the summary line of xcorr align
            out.println(new Json().put("frames", (long) result.frames().size()).put("failed", failed)
                    .put("max_abs_shift", maxAbs).put("masked", result.masked()).put("shifts", output));
            out.flush();
            if (!quiet) {
                err.printf(Locale.ROOT, "align: %d frames, %d failed, %.2f s, %.2f frames/s%n", result.frames().size(),
                        failed, seconds, result.frames().size() / seconds);
            }
            if (failed > 0) {
                err.println("xcorr-spark align: " + output + " written; " + failed + " of " + result.frames().size()
                        + " frames failed (first " + first + ")");
                return 3;
            }
            return 0;
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }

    /** The stacks listed in {@code list}, absolute (relative ones against the list's folder when it is local). */
    private static List<String> read(String list, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(list);
        String text;
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            throw new InputException(list + ": no such file");
        }
        Path local = HadoopFiles.local(list, conf);
        Path base = local == null ? null : local.toAbsolutePath().getParent();
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            out.add(base == null || Path.of(s).isAbsolute() ? s : base.resolve(s).toString());
        }
        if (out.isEmpty()) {
            throw new InputException(list + ": no stacks listed");
        }
        return out;
    }

    /** {@code OUTDIR/align-manifest.csv}: one align row per stack. */
    private Path writeManifest(List<String> stackPaths) throws IOException {
        List<String> header = new ArrayList<>(List.of("id", "op", "stack", "output"));
        for (String k : options.keySet()) {
            if (RowRunner.RESERVED.contains(k) || k.equals("stack") || k.equals("output") || k.equals("o")) {
                throw new IllegalArgumentException("-O " + k + ": set by the job itself");
            }
            header.add(k);
        }
        StringBuilder b = new StringBuilder(Csv.line(header)).append('\n');
        Map<String, String> ids = new HashMap<>();
        for (String s : stackPaths) {
            String name = Path.of(s).getFileName().toString();
            String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String before = ids.put(id, s);
            if (before != null) {
                throw new InputException("stacks " + before + " and " + s + " would both write " + id
                        + ".shifts.csv; give them different names");
            }
            List<String> cells = new ArrayList<>(List.of(id, "align", s, id + ".shifts.csv"));
            cells.addAll(options.values());
            b.append(Csv.line(cells)).append('\n');
        }
        Path manifest = directory.resolve("align-manifest.csv");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(manifest, out -> out.write(bytes));
        return manifest;
    }
}
