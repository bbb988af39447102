package org.xcorr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.cli.Main;
import org.xcorr.cli.ProgressLine;
import org.xcorr.cli.batch.BatchRun;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.cli.table.Csv;
import org.xcorr.cli.table.Table;
import picocli.CommandLine;

/**
 * The Spark engine on a real {@code local[2]} Spark against the local engine: the same manifest of a few hundred
 * 64² rows (good and bad) gives the same table, bit for bit in every column but {@code seconds}, as CSV, as
 * Parquet and through {@code xcorr batch --engine spark}; align gives each stack's table byte for byte.
 */
class SparkBatchTest {

    static final int ROWS = 200;

    static SparkSession spark;

    @TempDir
    static Path dir;

    static Path manifest;

    /** The local engine's result rows and CSV table. */
    static List<Map<String, Object>> localRows;
    static Path localCsv;

    @BeforeAll
    static void start() throws IOException {
        manifest = Inputs.manifest(dir.resolve("in"), ROWS, 64);
        Manifest m = Manifest.read(manifest);
        localRows = BatchRun.run(m, new RowRunner(1), 2, Map.of(), null, (d, t) -> true);
        localCsv = dir.resolve("local.csv");
        Table.write(localCsv, BatchRun.columns(m, localRows, true), localRows);
        spark = SparkSession.builder().master("local[2]").appName("xcorr-spark test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The CSV's records without the {@code seconds} column (the only one that may differ between runs). */
    static List<List<String>> withoutSeconds(Path csv) throws IOException {
        List<Csv.Record> records = Csv.read(csv);
        int s = records.get(0).fields().indexOf("seconds");
        assertTrue(s >= 0, "a seconds column");
        List<List<String>> out = new ArrayList<>();
        for (Csv.Record r : records) {
            List<String> f = new ArrayList<>(r.fields());
            f.remove(s);
            out.add(f);
        }
        return out;
    }

    @Test
    void sparkTableIsTheLocalTableAsCsvAndParquet() throws IOException {
        // the manifest really has good and bad rows, and the bad ones fail
        long bad = localRows.stream().filter(r -> Inputs.BAD.equals(r.get("_kind"))).count();
        assertTrue(bad >= 8, "bad rows in the manifest");
        for (Map<String, Object> r : localRows) {
            assertEquals(Inputs.BAD.equals(r.get("_kind")), !RowRunner.OK.equals(r.get("status")), r.toString());
        }
        Path csv = dir.resolve("spark.csv");
        Path parquet = dir.resolve("spark.parquet");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = BatchJob.execute(spark, "batch", manifest.toUri().toString(), csv.toUri().toString(),
                parquet.toUri().toString(), 17, new RowRunner(1), false,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, rc, log);
        assertTrue(log.contains("batch: " + ROWS + " rows, " + bad + " failed, 17 tasks"), log);
        assertTrue(log.contains("batch: " + ROWS + "/" + ROWS + " rows"), log);

        List<List<String>> local = withoutSeconds(localCsv);
        List<List<String>> remote = withoutSeconds(csv);
        assertEquals(local.get(0), remote.get(0), "header");
        assertEquals(ROWS + 1, remote.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i), remote.get(i), "row " + i);
        }
        assertEquals("r1", remote.get(1).get(0), "natural id order");
        assertEquals("r" + ROWS, remote.get(ROWS).get(0));

        // Parquet: the same columns, in order; numbers with the local engine's very bits
        List<String> header = Csv.read(localCsv).get(0).fields();
        List<Row> rows = spark.read().parquet(parquet.toString()).collectAsList();
        StructField[] fields = spark.read().parquet(parquet.toString()).schema().fields();
        assertEquals(header.size(), fields.length);
        assertEquals(ROWS, rows.size());
        int numeric = 0;
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> expect = Table.flatten(localRows.get(i));
            Row got = rows.get(i);
            for (int c = 0; c < fields.length; c++) {
                String name = fields[c].name();
                assertEquals(header.get(c), name);
                if (name.equals("seconds")) {
                    continue;
                }
                Object e = expect.get(name);
                Object g = got.isNullAt(c) ? null : got.get(c);
                if (fields[c].dataType() == DataTypes.DoubleType) {
                    numeric++;
                    if (e == null || !Double.isFinite(((Number) e).doubleValue())) {
                        assertEquals(null, g, name + " of " + expect.get("id"));
                    } else {
                        assertEquals(Double.doubleToRawLongBits(((Number) e).doubleValue()),
                                Double.doubleToRawLongBits((Double) g), name + " of " + expect.get("id"));
                    }
                } else if (fields[c].dataType() == DataTypes.BooleanType) {
                    assertEquals(e, g, name + " of " + expect.get("id"));
                } else if (fields[c].dataType() == DataTypes.LongType) {
                    numeric++;
                    assertEquals(e == null ? null : ((Number) e).longValue(), g, name);
                } else {
                    assertEquals(e == null ? null : Table.cell(e), g, name + " of " + expect.get("id"));
                }
            }
        }
        assertTrue(numeric > ROWS * 4, "numeric cells compared: " + numeric);
        assertEquals(DataTypes.DoubleType, spark.read().parquet(parquet.toString()).schema().apply("shift_y").dataType());
    }

    @Test
    void commandLineEngineSparkWritesTheLocalTable() throws IOException {
        Path out = dir.resolve("cli.csv");
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        StringWriter stdout = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(stdout, true));
        int rc = cl.execute("batch", "--engine", "spark", "--master", "local[2]", manifest.toString(), "-o",
                out.toString());
        assertEquals(3, rc, err.toString());
        assertEquals("", stdout.toString());
        assertEquals(withoutSeconds(localCsv), withoutSeconds(out));
        assertFalse(Files.exists(Path.of(out + ".journal")), "the journal goes once the table is written");

        // the default stays local; --master alone is a usage error
        StringWriter err2 = new StringWriter();
        CommandLine cl2 = Main.commandLine();
        cl2.setErr(new PrintWriter(err2, true));
        assertEquals(2, cl2.execute("batch", "--master", "local[2]", manifest.toString(), "-o", out.toString()));
        assertTrue(err2.toString().contains("--master needs --engine spark"), err2.toString());
        assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
    }

    @Test
    void progressIsReportedAsTasksEndAndEndsAtTheTotal() throws IOException {
        Manifest m = Manifest.read(manifest);
        List<long[]> calls = new ArrayList<>();
        List<Map<String, Object>> rows = SparkBatch.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), m,
                new RowRunner(1), 24, (d, t) -> {
                    synchronized (calls) {
                        calls.add(new long[] {d, t});
                    }
                    return true;
                });
        assertEquals(ROWS, rows.size());
        synchronized (calls) {
            assertArrayEquals(new long[] {0, ROWS}, calls.get(0));
            assertArrayEquals(new long[] {ROWS, ROWS}, calls.get(calls.size() - 1));
            assertTrue(calls.stream().anyMatch(c -> c[0] > 0 && c[0] < ROWS), "progress between 0 and the total");
        }
    }

    @Test
    void aBadManifestIsOneLineAndExitStatusTwo() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "op,referense,moving\nregister,a.npy,b.npy\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = BatchJob.run(new BatchJob(ps), ps, bad.toString(), "-o", dir.resolve("x.csv").toString());
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, rc, text);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.startsWith("xcorr-spark batch: " + bad + ": column 'referense' is not an option"), text);
        assertNotEquals(true, Files.exists(dir.resolve("x.csv")));

        err.reset();
        rc = BatchJob.run(new BatchJob(ps), ps, dir.resolve("nothing.csv").toString(), "-o",
                dir.resolve("x.csv").toString());
        assertEquals(2, rc, err.toString(StandardCharsets.UTF_8));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
    }

    @Test
    void alignJobWritesEachStacksTableAsXcorrAlign() throws IOException {
        Path in = Files.createDirectories(dir.resolve("stacks"));
        List<String> list = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Inputs.stack(in.resolve("s" + s + ".npy"), 6, 48, 100 + s);
            list.add("s" + s + ".npy");
        }
        list.add("missing.npy");
        Path listFile = in.resolve("stacks.txt");
        Files.write(listFile, list);
        Path out = Files.createDirectories(dir.resolve("aligned"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = BatchJob.run(new AlignJob(ps), ps, listFile.toString(), "-d", out.toString(), "-O", "upsample=10",
                "-O", "reference=first", "--quiet");
        assertEquals(3, rc, err.toString(StandardCharsets.UTF_8));
        Path local = Files.createDirectories(dir.resolve("aligned-local"));
        for (int s = 0; s < 4; s++) {
            Path table = local.resolve("s" + s + ".shifts.csv");
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(new StringWriter()));
            cl.setOut(new PrintWriter(new StringWriter()));
            assertEquals(0, cl.execute("align", in.resolve("s" + s + ".npy").toString(), "-o", table.toString(),
                    "--upsample", "10", "--reference", "first", "--quiet"));
            assertArrayEquals(Files.readAllBytes(table), Files.readAllBytes(out.resolve("s" + s + ".shifts.csv")),
                    "s" + s);
        }
        List<List<String>> summary = withoutSeconds(out.resolve("summary.csv"));
        assertEquals(6, summary.size());
        assertEquals("missing", summary.get(1).get(0));
        assertTrue(summary.get(1).get(summary.get(1).size() - 1).contains("missing.npy"), summary.toString());
        for (int s = 0; s < 4; s++) {
            assertEquals(RowRunner.OK, summary.get(2 + s).get(summary.get(2 + s).size() - 1));
        }
    }

    /** {@code xcorr align} in this JVM: exit status, stdout, stderr. */
    static String[] localAlign(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), out.toString(), err.toString()};
    }

    @Test
    void longStackWithFramesPartitionedIsTheLocalAlignTableBitForBit() throws IOException {
        // 40 frames, frame 23 with a NaN (a failed row), drifting by fractions of a pixel; 6 tasks of 6-7 frames
        Path stack = Inputs.stack0(dir.resolve("long"), 40, 48, 31, 23);
        String[][] cases = {{"first"}, {"11", "max_shift=6"}, {"mean", "reference_frames=5", "window=none"}};
        for (String[] c : cases) {
            List<String> sparkArgs = new ArrayList<>(List.of("--stack", stack.toUri().toString(), "--partitions", "6"));
            List<String> localArgs = new ArrayList<>(List.of("align", stack.toString(), "--upsample", "20",
                    "--reference", c[0], "--quiet"));
            sparkArgs.addAll(List.of("-O", "reference=" + c[0], "-O", "upsample=20"));
            for (int k = 1; k < c.length; k++) {
                sparkArgs.addAll(List.of("-O", c[k]));
                String[] kv = c[k].split("=");
                localArgs.addAll(List.of("--" + kv[0].replace('_', '-'), kv[1]));
            }
            Path local = dir.resolve("long-local-" + c[0] + ".csv");
            localArgs.addAll(List.of("-o", local.toString()));
            String[] l = localAlign(localArgs.toArray(new String[0]));
            assertEquals("3", l[0], l[2]);

            Path remote = dir.resolve("long-spark-" + c[0] + ".csv");
            sparkArgs.addAll(List.of("-o", remote.toUri().toString()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            int rc = BatchJob.run(new AlignJob(new PrintStream(out, true, StandardCharsets.UTF_8), e), e,
                    sparkArgs.toArray(new String[0]));
            String log = err.toString(StandardCharsets.UTF_8);
            assertEquals(3, rc, log);
            byte[] expect = Files.readAllBytes(local);
            assertArrayEquals(expect, Files.readAllBytes(remote), "reference " + c[0] + "\n" + log);
            String row23 = new String(expect, StandardCharsets.UTF_8).lines().filter(x -> x.startsWith("23,"))
                    .findFirst().orElseThrow();
            assertFalse(row23.endsWith(",ok"), "frame 23 failed: " + row23);
            assertEquals(l[1].strip().replace(local.toString(), "OUT"),
                    out.toString(StandardCharsets.UTF_8).strip().replace(remote.toUri().toString(), "OUT"));
            assertTrue(log.contains("align: 40/40 frames"), log);
            assertTrue(log.contains("align: 40 frames, 1 failed"), log);
        }
    }

    @Test
    void longStackRefusesWhatItCannotPartitionInOneLine() throws IOException {
        Path stack = Inputs.stack0(dir.resolve("long-bad"), 12, 32, 5, 4);
        Path out = dir.resolve("long-bad.csv");
        // the reference frame fails: the local command's message, exit status 2
        String[] l = localAlign("align", stack.toString(), "--reference", "4", "-o", out.toString(), "--quiet");
        assertEquals("2", l[0], l[2]);
        String[][] cases = {
            {"reference=4", l[2].strip().replace("xcorr align: ", "")},
            {"reference=previous", "reference=previous: its shifts are accumulated"},
            {"mask=m.npy", "-O mask: not an option of the long-stack mode"},
            {"upsample=zero", "upsample"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            int rc = BatchJob.run(new AlignJob(e, e), e, "--stack", stack.toString(), "-o", out.toString(), "-O",
                    c[0], "--quiet");
            String text = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, rc, text);
            assertEquals(1, text.strip().lines().count(), text);
            assertTrue(text.startsWith("xcorr-spark align: ") && text.contains(c[1]), c[1] + " in: " + text);
            assertFalse(Files.exists(out));
        }
        // a long stack on a file system the executors cannot open as a path
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, BatchJob.run(new AlignJob(e, e), e, "--stack", "hdfs://nn/run7/stack.tif", "-o", out.toString(),
                "--quiet"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.contains("hdfs://nn/run7/stack.tif: the executors read the stack's frames themselves"), text);
    }

    @Test
    void theCommandLinesProgressLineIsTheLocalBatchsLine() throws IOException {
        Manifest all = Manifest.read(manifest);
        Manifest m = new Manifest(all.header(), all.rows().subList(0, 40), all.baseDir());
        Pattern last = Pattern.compile("\rbatch  40/40  100%  [0-9.]+ rows/s  elapsed \\d+:\\d\\d  remaining 0:00\\s*\n$");
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        try (ProgressLine line = new ProgressLine(new PrintStream(local, true, StandardCharsets.UTF_8), "batch", "rows",
                true, System::nanoTime)) {
            BatchRun.run(m, new RowRunner(1), 2, Map.of(), null, line);
        }
        ByteArrayOutputStream remote = new ByteArrayOutputStream();
        List<Map<String, Object>> rows;
        try (ProgressLine line = new ProgressLine(new PrintStream(remote, true, StandardCharsets.UTF_8), "batch", "rows",
                true, System::nanoTime)) {
            // what BatchCommand hands the engine: its own progress line
            rows = new SparkBatchEngine().run(m, new RowRunner(1), "local[2]", line);
        }
        assertEquals(40, rows.size());
        String l = local.toString(StandardCharsets.UTF_8);
        String r = remote.toString(StandardCharsets.UTF_8);
        assertTrue(last.matcher(l).find(), l);
        assertTrue(last.matcher(r).find(), r);
        assertTrue(r.startsWith("\rbatch  0/40    0%"), r);
    }

    /** {@code manifest} with each path cell rewritten by {@code path} (the others as they are), in {@code out}. */
    static Path rewrite(Path manifest, Path out, java.util.function.Function<Path, String> path) throws IOException {
        Manifest m = Manifest.read(manifest);
        Set<String> files = Set.of("reference", "moving", "template", "image");
        StringBuilder b = new StringBuilder(Csv.line(m.header())).append('\n');
        for (Manifest.Row r : m.rows()) {
            List<String> cells = new ArrayList<>(r.values());
            for (int c = 0; c < cells.size(); c++) {
                if (files.contains(m.header().get(c)) && !cells.get(c).isEmpty()) {
                    cells.set(c, path.apply(manifest.getParent().resolve(cells.get(c)).toAbsolutePath()));
                }
            }
            b.append(Csv.line(cells)).append('\n');
        }
        Files.writeString(out, b.toString());
        return out;
    }

    @Test
    void cellsAsFileUrisAreReadByTheExecutorsAndGiveTheLocalTable() throws IOException {
        Path abs = rewrite(manifest, dir.resolve("in").resolve("abs.csv"), Path::toString);
        Path uri = rewrite(manifest, dir.resolve("in").resolve("uri.csv"), p -> p.toUri().toString());
        assertTrue(Files.readString(uri).contains("file:///"));
        Manifest m = Manifest.read(abs);
        List<Map<String, Object>> rows = BatchRun.run(m, new RowRunner(1), 2, Map.of(), null, (d, t) -> true);
        Path absCsv = dir.resolve("abs-local.csv");
        Table.write(absCsv, BatchRun.columns(m, rows, true), rows);
        Path out = dir.resolve("uri-spark.csv");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(3, BatchJob.execute(spark, "batch", uri.toString(), out.toString(), null, 9, new RowRunner(1),
                true, quiet));
        List<List<String>> expect = withoutSeconds(absCsv);
        List<List<String>> got = withoutSeconds(out);
        assertEquals(expect.size(), got.size());
        boolean named = false;
        for (int i = 0; i < got.size(); i++) {
            List<String> g = new ArrayList<>();
            for (String f : got.get(i)) {
                // the cells and the messages name the URIs as written
                named |= f.contains("file:///") && f.contains("missing");
                g.add(f.replace("file://", ""));
            }
            assertEquals(expect.get(i), g, "row " + i);
        }
        assertTrue(named, "a failed row's message names the file:// cell");
    }

    @Test
    void cellsOnAnotherHadoopFileSystemAreCopiedToTheExecutorAndOutputsBack() throws IOException {
        spark.sparkContext().hadoopConfiguration().set("fs." + SchemeFileSystem.SCHEME + ".impl",
                SchemeFileSystem.class.getName());
        Path in = manifest.getParent().toAbsolutePath();
        Path remoteOut = dir.resolve("remote-shifted.npy");
        Path localOut = dir.resolve("local-shifted.npy");
        String row1 = "r1,register,%s,%s,10,,,";
        String row2 = "r2,shift,,,,%s,\"1.5,-2\",%s";
        String row3 = "r3,register,%s,%s,,,,";
        String header = "id,op,reference,moving,upsample,in,by,output\n";
        java.util.function.Function<Path, String> x = p -> SchemeFileSystem.SCHEME + "://" + p;
        Path remote = Files.writeString(dir.resolve("remote.csv"), header
                + String.format(row1, x.apply(in.resolve("ref.npy")), x.apply(in.resolve("mov3.npy"))) + "\n"
                + String.format(row2, x.apply(in.resolve("mov5.npy")), x.apply(remoteOut)) + "\n"
                + String.format(row3, x.apply(in.resolve("gone.npy")), x.apply(in.resolve("mov3.npy"))) + "\n");
        Path plain = Files.writeString(dir.resolve("plain.csv"), header
                + String.format(row1, in.resolve("ref.npy"), in.resolve("mov3.npy")) + "\n"
                + String.format(row2, in.resolve("mov5.npy"), remoteOut) + "\n"
                + String.format(row3, in.resolve("gone.npy"), in.resolve("mov3.npy")) + "\n");
        Path out = dir.resolve("remote-spark.csv");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(3, BatchJob.execute(spark, "batch", remote.toString(), out.toString(), null, 3, new RowRunner(1),
                true, quiet));
        assertTrue(Files.isRegularFile(remoteOut), "the row's output was copied back");
        byte[] shifted = Files.readAllBytes(remoteOut);
        Files.move(remoteOut, localOut);
        Manifest m = Manifest.read(plain);
        List<Map<String, Object>> rows = BatchRun.run(m, new RowRunner(1), 1, Map.of(), null, (d, t) -> true);
        Path plainCsv = dir.resolve("plain-local.csv");
        Table.write(plainCsv, BatchRun.columns(m, rows, true), rows);
        assertArrayEquals(Files.readAllBytes(remoteOut), shifted, "the same output file");
        List<List<String>> expect = withoutSeconds(plainCsv);
        List<List<String>> got = withoutSeconds(out);
        for (int i = 0; i < got.size(); i++) {
            List<String> g = new ArrayList<>();
            for (String f : got.get(i)) {
                g.add(f.replace(SchemeFileSystem.SCHEME + "://", ""));
            }
            assertEquals(expect.get(i), g, "row " + i);
        }
        assertTrue(got.get(3).toString().contains(SchemeFileSystem.SCHEME + "://" + in.resolve("gone.npy")),
                got.get(3).toString());
    }
}
