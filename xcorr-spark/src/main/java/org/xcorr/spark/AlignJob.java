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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.cli.table.Csv;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class org.xcorr.spark.AlignJob xcorr-spark.jar STACKS.txt -d OUTDIR [-O upsample=20 ...]}:
 * drift correction of many stacks, one task per stack. Each stack's shifts table ({@code OUTDIR/NAME.shifts.csv})
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
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Aligns many stacks on Spark, one task per stack; one shifts table per stack.")
public final class AlignJob implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STACKS", description = "The list of stacks, one a line (Hadoop path).")
    String stacks;

    @Option(names = {"-d", "--directory"}, required = true, paramLabel = "OUTDIR",
            description = "Where the shifts tables, the manifest and summary.csv go (a shared folder).")
    Path directory;

    @Option(names = {"-O", "--option"}, paramLabel = "NAME=VALUE",
            description = "An option of xcorr align, without dashes (upsample=20, reference=mean, max_shift=8,8).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit was given, else local[*]).")
    String master;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    private final PrintStream err;

    AlignJob(PrintStream err) {
        this.err = err;
    }

    /** Runs the job with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(BatchJob.run(new AlignJob(System.err), System.err, args));
    }

    @Override
    public Integer call() throws IOException {
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
