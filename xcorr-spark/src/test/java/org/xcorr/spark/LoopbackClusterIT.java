package org.xcorr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.cli.batch.BatchRun;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.cli.table.Table;

/**
 * A real standalone Spark cluster on loopback: {@code deploy.master.Master} and two {@code deploy.worker.Worker}
 * JVMs (one core each) started from this test's Spark jars on 127.0.0.1, and the module's shaded jar submitted
 * with {@code deploy.SparkSubmit} (what {@code bin/spark-submit} runs), exactly as the README documents: BatchJob
 * and AlignJob (one long stack, frames partitioned) on {@code local[*]}; on the
 * cluster AlignJob for one long stack (its per-stack mode runs on {@code local[2]} in SparkBatchTest), {@code xcorr batch --engine spark --master spark://…} (the
 * command line as the driver), and BatchJob, during which one worker and its executor are killed: the job must still
 * finish with every row exactly once (Spark retries the lost tasks on the other worker). Every table is checked
 * against the local engine's, bit for bit. Runs after {@code package} (failsafe), as it needs the shaded jar.
 */
class LoopbackClusterIT {

    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    // every wait below has its own bound (workers 4 min, each job 4, the batch 5); this one also covers the opt-in bench
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void alignAndBatchOnAStandaloneClusterSurviveALostWorker() throws Exception {
        Path jar = Path.of(System.getProperty("xcorr.spark.jar", "target/xcorr-spark.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " (run after package)");
        String classPath = sparkClassPath();
        Path home = sparkHome(classPath);

        int port = freePort();
        int ui = freePort();
        Process master = start("master", classPath, home, "256m", "org.apache.spark.deploy.master.Master",
                "--host", LOOPBACK, "--port", Integer.toString(port), "--webui-port", Integer.toString(ui));
        String url = "spark://" + LOOPBACK + ":" + port;
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(start("worker" + w, classPath, home, "192m", "org.apache.spark.deploy.worker.Worker",
                    "--host", LOOPBACK, "--cores", "1", "--memory", "700m", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", Files.createDirectories(dir.resolve("work" + w))
                            .toString(), url));
        }
        awaitWorkers(master, ui, 2);

        // both jobs through spark-submit on local[*], side by side (a small manifest, a long stack)
        Path small = Inputs.manifest(dir.resolve("small"), 40, 48);
        Path longStack = Inputs.stack0(dir.resolve("long"), 30, 48, 17, 9);
        Path localStarBatch = dir.resolve("local-star.csv");
        Process starBatch = start("local-star-batch", classPath, home, "512m", "org.apache.spark.deploy.SparkSubmit",
                submitArgs("local[*]", "org.xcorr.spark.BatchJob", jar, small.toUri().toString(), "-o",
                        localStarBatch.toString()));
        Path localStarAlign = dir.resolve("local-star-long.csv");
        Process starAlign = start("local-star-align", classPath, home, "512m", "org.apache.spark.deploy.SparkSubmit",
                submitArgs("local[*]", "org.xcorr.spark.AlignJob", jar, "--stack", longStack.toUri().toString(),
                        "-o", localStarAlign.toString(), "-O", "reference=3", "-O", "upsample=20"));

        // the local[*] runs: the local tables, bit for bit
        assertTrue(starBatch.waitFor(4, TimeUnit.MINUTES), "local[*] batch finished");
        assertEquals(3, starBatch.exitValue(), log("local-star-batch"));
        Manifest sm = Manifest.read(small);
        List<Map<String, Object>> smallRows = BatchRun.run(sm, new RowRunner(1), 2, Map.of(), null, (d, t) -> true);
        Path smallCsv = dir.resolve("small-local.csv");
        Table.write(smallCsv, BatchRun.columns(sm, smallRows, true), smallRows);
        assertEquals(SparkBatchTest.withoutSeconds(smallCsv), SparkBatchTest.withoutSeconds(localStarBatch));
        assertTrue(starAlign.waitFor(4, TimeUnit.MINUTES), "local[*] align finished");
        assertEquals(3, starAlign.exitValue(), log("local-star-align"));
        Path longLocal = dir.resolve("long-local.csv");
        assertEquals("3", SparkBatchTest.localAlign("align", longStack.toString(), "-o", longLocal.toString(),
                "--reference", "3", "--upsample", "20", "--quiet")[0]);
        assertArrayEquals(Files.readAllBytes(longLocal), Files.readAllBytes(localStarAlign), log("local-star-align"));

        // align of one long stack on the cluster, frames in 6 tasks, the reference frame broadcast
        Path clusterLong = dir.resolve("cluster-long.csv");
        Process longAlign = start("long-align-driver", classPath, home, "512m", "org.apache.spark.deploy.SparkSubmit",
                submitArgs(url, "org.xcorr.spark.AlignJob", jar, "--stack", longStack.toString(), "-o",
                        clusterLong.toUri().toString(), "-O", "reference=3", "-O", "upsample=20", "--partitions", "6"));
        assertTrue(longAlign.waitFor(4, TimeUnit.MINUTES), "long-stack align finished");
        assertEquals(3, longAlign.exitValue(), log("long-align-driver"));
        assertArrayEquals(Files.readAllBytes(longLocal), Files.readAllBytes(clusterLong), log("long-align-driver"));
        assertTrue(log("long-align-driver").contains("align: 30/30 frames"), log("long-align-driver"));

        // xcorr batch --engine spark --master spark://...: the command line as the driver, the shaded jar beside
        // Spark's jars (as the README documents); same table, same exit status
        Path cliOut = dir.resolve("cli-cluster.csv");
        Process cli = start("cli-driver", jar + File.pathSeparator + classPath, home, "512m", "org.xcorr.cli.Main",
                List.of("-Dspark.driver.host=" + LOOPBACK, "-Dspark.driver.bindAddress=" + LOOPBACK,
                        "-Dspark.executor.memory=512m", "-Dspark.cores.max=2"),
                List.of("batch", "--engine", "spark", "--master", url, small.toString(), "-o", cliOut.toString()));
        assertTrue(cli.waitFor(4, TimeUnit.MINUTES), "xcorr batch --engine spark finished");
        assertEquals(3, cli.exitValue(), log("cli-driver"));
        assertEquals(SparkBatchTest.withoutSeconds(smallCsv), SparkBatchTest.withoutSeconds(cliOut));
        // it ran on the cluster: the master lists it among its finished applications
        assertTrue(Pattern.compile("\"name\"\\s*:\\s*\"xcorr batch\"").matcher(masterJson(ui)).find(), masterJson(ui));

        String benchRows = System.getProperty("xcorr.spark.bench.rows");
        if (benchRows != null) {
            bench(url, jar, classPath, home, Integer.parseInt(benchRows), Integer.getInteger("xcorr.spark.bench.size",
                    512));
        }

        // batch: 200 rows of 64², 40 tasks; worker 0 and its executor killed once some rows are done
        Path manifest = Inputs.manifest(dir.resolve("in"), 200, 64);
        Manifest m = Manifest.read(manifest);
        List<Map<String, Object>> localRows = BatchRun.run(m, new RowRunner(1), 2, Map.of(), null, (d, t) -> true);
        Path localCsv = dir.resolve("local.csv");
        Table.write(localCsv, BatchRun.columns(m, localRows, true), localRows);
        Path out = dir.resolve("cluster.csv");
        Process batch = start("batch-driver", classPath, home, "512m", "org.apache.spark.deploy.SparkSubmit",
                submitArgs(url, "org.xcorr.spark.BatchJob", jar, manifest.toString(), "-o", out.toUri().toString(),
                        "--parquet", dir.resolve("cluster.parquet").toUri().toString(), "--partitions", "40"));
        AtomicLong doneAtKill = new AtomicLong(-1);
        AtomicBoolean killed = new AtomicBoolean();
        Pattern progress = Pattern.compile("^batch: (\\d+)/(\\d+) rows");
        Path driverLog = dir.resolve("batch-driver.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (batch.isAlive() && System.nanoTime() < deadline) {
            if (!killed.get()) {
                for (String line : Files.readAllLines(driverLog, StandardCharsets.ISO_8859_1)) {
                    Matcher x = progress.matcher(line);
                    if (x.find() && Long.parseLong(x.group(1)) > 0 && Long.parseLong(x.group(1)) < 200) {
                        // a lost machine: the worker and the executor it launched, without warning
                        Process w = workers.get(0);
                        w.descendants().forEach(ProcessHandle::destroyForcibly);
                        w.destroyForcibly();
                        doneAtKill.set(Long.parseLong(x.group(1)));
                        killed.set(true);
                        break;
                    }
                }
            }
            batch.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertTrue(batch.waitFor(1, TimeUnit.SECONDS), "batch finished in time\n" + log("batch-driver"));
        String driver = log("batch-driver");
        String whole = Files.readString(driverLog, StandardCharsets.ISO_8859_1);
        assertTrue(killed.get(), "a worker was killed in the middle of the job\n" + driver);
        assertEquals(3, batch.exitValue(), driver);
        // Spark saw the executor go (TaskSchedulerImpl's error line) and still ran all 40 tasks
        assertTrue(whole.contains("Lost executor"), driver);
        assertTrue(whole.contains("batch: 200 rows, 8 failed, 40 tasks"), driver);

        List<List<String>> table = SparkBatchTest.withoutSeconds(out);
        Set<String> ids = new HashSet<>();
        for (List<String> r : table.subList(1, table.size())) {
            assertTrue(ids.add(r.get(0)), "row " + r.get(0) + " once");
        }
        assertEquals(200, ids.size(), "every row (killed at " + doneAtKill.get() + " rows done)");
        assertEquals(SparkBatchTest.withoutSeconds(localCsv), table);
        assertTrue(Files.isDirectory(dir.resolve("cluster.parquet")));
    }

    /**
     * Opt-in measurement ({@code -Dxcorr.spark.bench.rows=N}, {@code -Dxcorr.spark.bench.size=512}): the same
     * register manifest on the local engine (this JVM, 2 jobs, 1 thread a row, already warm), on {@code local[2]}
     * and on the two-worker cluster (both through spark-submit); wall times and rows/s to
     * {@code target/spark-bench.txt}. Checks that the three tables agree.
     */
    private void bench(String url, Path jar, String classPath, Path home, int rows, int size) throws Exception {
        Path manifest = Inputs.registerManifest(dir.resolve("bench"), rows, size);
        Manifest m = Manifest.read(manifest);
        long t0 = System.nanoTime();
        List<Map<String, Object>> local = BatchRun.run(m, new RowRunner(1), 2, Map.of(), null, (d, t) -> true);
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        Path localCsv = dir.resolve("bench-local.csv");
        Table.write(localCsv, BatchRun.columns(m, local, true), local);
        StringBuilder report = new StringBuilder();
        report.append(String.format(java.util.Locale.ROOT, "%d rows of %d² register (upsample 20), %d cores,"
                + " load average %.1f%n", rows, size, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.append(String.format(java.util.Locale.ROOT, "local engine (--jobs 2, warm JVM): %.2f s, %.2f rows/s%n",
                localSeconds, rows / localSeconds));
        // Spark's own cost a row, without JVM start-up and JIT warm-up: local[2] in this same warm JVM, twice
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[2]")
                .appName("bench").config("spark.ui.enabled", "false").config("spark.driver.host", LOOPBACK)
                .config("spark.driver.bindAddress", LOOPBACK).getOrCreate();
        try {
            org.apache.spark.api.java.JavaSparkContext sc = org.apache.spark.api.java.JavaSparkContext
                    .fromSparkContext(spark.sparkContext());
            for (int pass = 1; pass <= 2; pass++) {
                long p0 = System.nanoTime();
                List<Map<String, Object>> got = SparkBatch.run(sc, m, new RowRunner(1),
                        SparkBatch.partitions(rows, 2), (d, t) -> true);
                double sec = (System.nanoTime() - p0) / 1e9;
                assertEquals(local.size(), got.size());
                report.append(String.format(java.util.Locale.ROOT, "local[2] in the same warm JVM, pass %d: %.2f s,"
                        + " %.2f rows/s, %+.1f ms a row against the local engine%n", pass, sec, rows / sec,
                        (sec - localSeconds) * 1000 / rows));
            }
        } finally {
            spark.stop();
        }
        for (String master : List.of("local[2]", url)) {
            Path out = dir.resolve("bench-" + (master.startsWith("local") ? "local2" : "cluster") + ".csv");
            List<String> args = submitArgs(master, "org.xcorr.spark.BatchJob", jar, manifest.toString(), "-o",
                    out.toString());
            long s0 = System.nanoTime();
            Process p = start("bench-driver", classPath, home, "1g", "org.apache.spark.deploy.SparkSubmit", args);
            assertTrue(p.waitFor(20, TimeUnit.MINUTES), "bench run finished");
            double wall = (System.nanoTime() - s0) / 1e9;
            String log = log("bench-driver");
            assertEquals(0, p.exitValue(), log);
            Matcher x = Pattern.compile("batch: \\d+ rows, 0 failed, (\\d+) tasks, ([0-9.]+) s, ([0-9.]+) rows/s")
                    .matcher(log);
            assertTrue(x.find(), log);
            report.append(String.format(java.util.Locale.ROOT, "%s: rows %s s (%s rows/s, %s tasks), spark-submit"
                    + " wall %.2f s%n", master, x.group(2), x.group(3), x.group(1), wall));
            assertEquals(SparkBatchTest.withoutSeconds(localCsv), SparkBatchTest.withoutSeconds(out));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "spark-bench.txt"), report, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static List<String> submitArgs(String master, String mainClass, Path jar, String... args) {
        List<String> a = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client", "--class", mainClass,
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=" + LOOPBACK,
                "--conf", "spark.driver.bindAddress=" + LOOPBACK, "--conf", "spark.executor.memory=512m",
                "--conf", "spark.cores.max=2",
                // both executors up before the first task, so that the kill takes a working executor away
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                jar.toString()));
        a.addAll(List.of(args));
        return a;
    }

    /** A child JVM on loopback, its output in {@code NAME.log} (kept in target/); stopped after the test. */
    private Process start(String name, String classPath, Path home, String heap, String mainClass, String... args)
            throws IOException {
        return start(name, classPath, home, heap, mainClass, List.of(args));
    }

    private Process start(String name, String classPath, Path home, String heap, String mainClass, List<String> args)
            throws IOException {
        return start(name, classPath, home, heap, mainClass, List.of(), args);
    }

    private Process start(String name, String classPath, Path home, String heap, String mainClass,
            List<String> jvmOptions, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmOptions);
        for (String o : System.getProperty("xcorr.spark.addOpens", "").split("\\s+")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.put("SPARK_LOCAL_HOSTNAME", LOOPBACK);
        env.put("SPARK_MASTER_HOST", LOOPBACK);
        env.put("SPARK_NO_DAEMONIZE", "1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private String log(String name) {
        try {
            String s = Files.readString(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
            return s.length() > 20_000 ? s.substring(s.length() - 20_000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The master's state as its web UI's JSON page shows it. */
    private static String masterJson(int ui) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + LOOPBACK + ":" + ui + "/json/").openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try (InputStream s = c.getInputStream()) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Waits until the master's JSON page counts {@code n} alive workers. */
    private void awaitWorkers(Process master, int ui, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        String last = "";
        while (System.nanoTime() < deadline) {
            assertTrue(master.isAlive(), "master died\n" + log("master"));
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://" + LOOPBACK + ":" + ui + "/json/")
                        .openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                try (InputStream s = c.getInputStream()) {
                    last = new String(s.readAllBytes(), StandardCharsets.UTF_8);
                }
                Matcher x = alive.matcher(last);
                if (x.find() && Integer.parseInt(x.group(1)) >= n) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's web server is not up yet
            }
            Thread.sleep(500);
        }
        fail("workers did not register in time: " + last + "\n" + log("master") + log("worker0"));
    }

    /** This JVM's Spark (and Hadoop, Scala, ...) jars: the class path less this project's own classes and jars. */
    private static String sparkClassPath() {
        String project = Path.of("").toAbsolutePath().getParent().toString();
        List<String> jars = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && !Path.of(e).toAbsolutePath().startsWith(project)) {
                jars.add(e);
            }
        }
        assertTrue(jars.stream().anyMatch(j -> j.contains("spark-core_")), "Spark on the class path: " + jars);
        return String.join(File.pathSeparator, jars);
    }

    /**
     * A Spark home for the workers: they start executors with {@code SPARK_HOME/jars/*} as class path, so it holds
     * links to the same jars.
     */
    private Path sparkHome(String classPath) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        Set<String> names = new HashSet<>();
        for (String j : classPath.split(File.pathSeparator)) {
            Path p = Path.of(j);
            if (names.add(p.getFileName().toString())) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        return dir.resolve("spark-home");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }
}
