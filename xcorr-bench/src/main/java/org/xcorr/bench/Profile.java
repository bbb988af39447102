package org.xcorr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes in each job of the performance targets: warms the job up, records it with the in-process
 * JDK Flight Recorder ({@code jdk.ExecutionSample} every few milliseconds, all threads), and prints a Markdown
 * section per job with the wall time per call and two tables (see {@link SampleProfile}): self time by the top
 * frame's method, and inclusive time of the FFT and of each {@code org.xcorr} class.
 *
 * <pre>
 * java -cp xcorr-bench/target/benchmarks.jar org.xcorr.bench.Profile [--only ncc,ncc-small,ncc-small128,ncc-small32,fft,local,register,correlate]
 *      [--out FILE] [--warmup 4] [--seconds 8] [--period 2] [--threads 2] [--jfr DIR]
 * </pre>
 *
 * <p>Each job makes the same call on the same inputs as its JMH benchmark, through that benchmark's own set-up
 * code (so the two cannot drift apart), and only through xcorr's public API, so the profile keeps working while
 * the kernels behind it change. {@code --warmup} and {@code --seconds} are the warm-up and recorded durations
 * (each runs at least a few calls), {@code --period} the sampling period in ms, {@code --jfr DIR} keeps each
 * recording as {@code DIR/JOB.jfr} for {@code jfr print} or JDK Mission Control.
 *
 * <p>JFR samples only threads running Java code: time in GC (reported apart, from {@code jdk.GarbageCollection})
 * and in native code or waiting is not in the tables, so the percentages are shares of Java execution. The wall
 * times are taken while recording; sampling costs a few per cent at 1-2 ms (JMH gives the clean numbers). The
 * machine line and the JVM arguments head the output, so a profile can be matched with the benchmark run it
 * explains.
 */
public final class Profile {

    /**
     * A profiled job.
     *
     * @param name    the {@code --only} name
     * @param title   the section heading
     * @param prepare given the thread count, sets the inputs up once and returns the call to profile
     */
    private record Job(String name, String title, IntFunction<Supplier<?>> prepare) {
    }

    private static final Map<String, Job> JOBS = jobs();

    /** Calls that end in a field the JIT cannot see through, so no result is ever dead code. */
    private static volatile Object sink;

    private Profile() {
    }

    /** A {@link BenchmarkNcc} set up for one cell, and the call of {@code method} on it. */
    private static Supplier<?> ncc(int image, int template, int threads, Function<BenchmarkNcc, ?> method) {
        BenchmarkNcc b = new BenchmarkNcc();
        b.image = image;
        b.template = template;
        b.threads = threads;
        b.setUp();
        return () -> method.apply(b);
    }

    private static Map<String, Job> jobs() {
        List<Job> list = List.of(
                new Job("ncc", "NCC valid, 4096² image / 128² template (`Ncc.ncc`, as `BenchmarkNcc.xcorrNcc`)",
                        threads -> ncc(4096, 128, threads, BenchmarkNcc::xcorrNcc)),
                new Job("ncc-small", "NCC valid, 1024² image / 512² template, the grid's slowest cell against OpenCV"
                        + " (`Ncc.ncc`, as `BenchmarkNcc.xcorrNcc`)",
                        threads -> ncc(1024, 512, threads, BenchmarkNcc::xcorrNcc)),
                new Job("ncc-small128", "NCC valid, 1024² image / 128² template (`Ncc.ncc`, as"
                        + " `BenchmarkNcc.xcorrNcc`)", threads -> ncc(1024, 128, threads, BenchmarkNcc::xcorrNcc)),
                new Job("ncc-small32", "NCC valid, 1024² image / 32² template (`Ncc.ncc`, as"
                        + " `BenchmarkNcc.xcorrNcc`)", threads -> ncc(1024, 32, threads, BenchmarkNcc::xcorrNcc)),
                new Job("fft", "2-D real FFT forward, 2048² (`RealFft.forward`, as `BenchmarkFft.xcorrRealFft`)",
                        threads -> {
                            Fft2d.Subject subject = Fft2d.xcorr(2048, 2048, threads);
                            return () -> {
                                subject.run();
                                return subject;
                            };
                        }),
                new Job("local", "local NCC 2048², radius 7 (`LocalNcc.localNcc`, as `BenchmarkLocalNcc.xcorrLocalNcc`)",
                        threads -> {
                            BenchmarkLocalNcc b = new BenchmarkLocalNcc();
                            b.size = 2048;
                            b.radius = 7;
                            b.threads = threads;
                            b.setUp();
                            return b::xcorrLocalNcc;
                        }),
                new Job("register", "register 2048², upsample 100 (`PhaseCorrelation.register`, as"
                        + " `BenchmarkRegister.xcorrRegister`)",
                        threads -> {
                            BenchmarkRegister b = new BenchmarkRegister();
                            b.size = 2048;
                            b.upsample = 100;
                            b.threads = threads;
                            b.setUp();
                            return b::xcorrRegister;
                        }),
                new Job("correlate", "correlate full 2048² ⋆ 512² (`Correlation.correlate`, as"
                        + " `BenchmarkCorrelate.xcorrCorrelateFull`)",
                        threads -> {
                            BenchmarkCorrelate b = new BenchmarkCorrelate();
                            b.image = 2048;
                            b.kernel = 512;
                            b.threads = threads;
                            b.setUpXcorr();
                            return b::xcorrCorrelateFull;
                        }));
        Map<String, Job> map = new LinkedHashMap<>();
        list.forEach(job -> map.put(job.name(), job));
        return map;
    }

    /**
     * Runs the profiler; see the class comment for the arguments.
     *
     * @param args command-line arguments
     * @throws IOException if a recording or {@code --out} cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Set<String> only = new LinkedHashSet<>(JOBS.keySet());
        Path out = null;
        Path jfrDirectory = null;
        double warmupSeconds = 4;
        double recordSeconds = 8;
        double periodMillis = 2;
        int threads = 2;
        for (int k = 0; k < args.length; k++) {
            String value = k + 1 < args.length ? args[k + 1] : null;
            switch (args[k]) {
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(required(args[k], value).split(",")));
                case "--out" -> out = Path.of(required(args[k], value));
                case "--jfr" -> jfrDirectory = Path.of(required(args[k], value));
                case "--warmup" -> warmupSeconds = positive(args[k], value);
                case "--seconds" -> recordSeconds = positive(args[k], value);
                case "--period" -> periodMillis = positive(args[k], value);
                case "--threads" -> threads = Integer.parseInt(required(args[k], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[k] + "; expected --only LIST,"
                        + " --out FILE, --warmup S, --seconds S, --period MS, --threads N, --jfr DIR");
            }
            k++;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        for (String name : only) {
            if (!JOBS.containsKey(name)) {
                throw new IllegalArgumentException("unknown job " + name + "; expected some of "
                        + String.join(",", JOBS.keySet()));
            }
        }
        if (jfrDirectory != null) {
            Files.createDirectories(jfrDirectory);
        }
        initializeFlightRecorder();
        StringBuilder report = new StringBuilder(header(threads, warmupSeconds, recordSeconds, periodMillis));
        System.out.print(report);
        for (String name : only) {
            String section = profile(JOBS.get(name), threads, seconds(warmupSeconds), seconds(recordSeconds),
                    Duration.ofNanos(Math.round(periodMillis * 1e6)), jfrDirectory);
            System.out.print(section);
            System.out.flush();
            report.append(section);
            if (out != null) {
                // rewritten after each job, so an interrupted run still leaves the jobs done so far
                Files.writeString(out, report);
            }
        }
    }

    /**
     * Starts and stops an empty recording before any job runs. The first recording in a JVM changes JVMTI state,
     * which throws away compiled code (HotSpot logs "made not entrant" for every hot method); started after the
     * warm-up, it would put the job back in the interpreter for the first second or so of the recording.
     */
    private static void initializeFlightRecorder() {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample");
            recording.start();
            recording.stop();
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static double positive(String option, String value) {
        double v = Double.parseDouble(required(option, value));
        if (!(v > 0)) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return v;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static String header(int threads, double warmup, double record, double period) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(s -> s.startsWith("model name"))
                .findFirst().map(s -> s.substring(s.indexOf(':') + 1).trim()).orElse("?");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        return String.format(Locale.ROOT, "## Profiles (JFR execution samples)%n%n"
                        + "Machine: %s, %d cores visible, JDK %s (%s); load average at start: %s%n"
                        + "Date %s; JVM arguments: %s; threads=%d, warm-up %.0f s, recorded %.0f s per job,"
                        + " sampling period %.1f ms%n%n",
                cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load, LocalDate.now(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), threads, warmup, record,
                period);
    }

    /** Sets the job up, warms it up, records it and returns its Markdown section. */
    private static String profile(Job job, int threads, Duration warmup, Duration record, Duration period,
            Path jfrDirectory) throws IOException {
        System.err.printf("profile %s: set-up%n", job.name());
        Supplier<?> call = job.prepare().apply(threads);
        System.err.printf("profile %s: warm-up %d s%n", job.name(), warmup.toSeconds());
        Timing warm = repeat(call, warmup, 3);
        // the previous job's and the set-up's garbage would otherwise be collected, and counted, in this recording
        System.gc();
        System.err.printf("profile %s: recording %d s%n", job.name(), record.toSeconds());
        SampleProfile samples = new SampleProfile();
        Timing timing;
        Path file = jfrDirectory != null ? jfrDirectory.resolve(job.name() + ".jfr")
                : Files.createTempFile("xcorr-profile-" + job.name() + "-", ".jfr");
        try (Recording recording = new Recording()) {
            recording.setName("xcorr-profile-" + job.name());
            recording.enable("jdk.ExecutionSample").withPeriod(period);
            recording.enable("jdk.GarbageCollection");
            // a compilation or deoptimization while recording means the warm-up was not done: shown as a check
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.enable("jdk.Deoptimization");
            recording.start();
            timing = repeat(call, record, 3);
            recording.stop();
            recording.dump(file);
            samples.addAll(RecordingFile.readAllEvents(file));
        } finally {
            if (jfrDirectory == null) {
                Files.deleteIfExists(file);
            }
        }
        StringBuilder section = new StringBuilder();
        section.append(String.format(Locale.ROOT, "### %s: %s%n%n", job.name(), job.title()));
        section.append(String.format(Locale.ROOT, "- wall per call: median %.1f ms (min %.1f, mean %.1f) over %d calls"
                        + " in %.1f s, after %d warm-up calls in %.1f s%n", timing.median(), timing.min(),
                timing.mean(), timing.calls(), timing.elapsed().toNanos() / 1e9, warm.calls(),
                warm.elapsed().toNanos() / 1e9));
        section.append(samples.markdown(timing.elapsed(), 12, 10));
        return section.toString();
    }

    /**
     * Per-call wall times of a loop of calls.
     *
     * @param millis  each call's wall time in ms
     * @param elapsed the loop's whole duration
     */
    private record Timing(double[] millis, Duration elapsed) {

        int calls() {
            return millis.length;
        }

        double min() {
            return Arrays.stream(millis).min().orElse(Double.NaN);
        }

        double mean() {
            return Arrays.stream(millis).average().orElse(Double.NaN);
        }

        double median() {
            double[] s = millis.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    /** Calls {@code call} until {@code atLeast} has passed and at least {@code minCalls} calls were made. */
    private static Timing repeat(Supplier<?> call, Duration atLeast, int minCalls) {
        List<Double> millis = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + atLeast.toNanos();
        while (millis.size() < minCalls || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            sink = call.get();
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        return new Timing(millis.stream().mapToDouble(Double::doubleValue).toArray(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
