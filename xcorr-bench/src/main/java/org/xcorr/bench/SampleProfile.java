package org.xcorr.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Aggregates JFR {@code jdk.ExecutionSample} events of all threads into the tables {@link Profile} prints:
 * self time by the top frame's method, and inclusive time for the FFT (any frame of a class in
 * {@code org.xcorr.fft} or below) and for each {@code org.xcorr} class. Also sums {@code jdk.GarbageCollection}
 * pauses, which execution samples cannot see (GC threads are not Java threads), and counts JIT compilations and
 * deoptimizations, which should be rare once the job is warm.
 *
 * <p>JFR records inlined methods as frames of their own, so "self" is per source method even where C2 merged
 * several methods into one compiled body. Percentages are shares of all execution samples.
 *
 * <p>Inclusive shares count a class in a sample only if that sample's own thread has a frame of it. A chunk
 * that {@code Parallel.forRange} hands to a pool thread starts a fresh stack (thread entry, pool, the loop body),
 * so an entry point such as {@code Ncc} or {@code Correlation} shows roughly the calling thread's share, not
 * the call's. The FFT row has no such blind spot: FFT work on any thread runs inside {@code org.xcorr.fft}
 * frames. Likewise "serial" (no {@code org.xcorr.concurrent} frame) is the work done outside any parallel loop.
 */
final class SampleProfile {

    private static final String XCORR = "org.xcorr.";
    private static final String FFT_PACKAGE = "org.xcorr.fft.";
    /** The profiler's own frames sit below every sample of the job; counting them would say nothing. */
    private static final String BENCH_PACKAGE = "org.xcorr.bench.";
    /** Work under this class runs on however many threads the call was given; outside it, on one. */
    private static final String PARALLEL_PACKAGE = "org.xcorr.concurrent.";

    private final Map<String, Integer> selfByMethod = new HashMap<>();
    private final Map<String, Integer> inclusiveByClass = new HashMap<>();
    private final Map<String, Integer> byThread = new HashMap<>();
    private int samples;
    private int fftSamples;
    private int serialSamples;
    private int interpretedTop;
    private int truncated;
    private int collections;
    private int compilations;
    private int deoptimizations;
    private Duration gcPauses = Duration.ZERO;

    /** Adds every execution sample and garbage collection among {@code events}; ignores other event types. */
    void addAll(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> addSample(event);
                case "jdk.GarbageCollection" -> {
                    collections++;
                    gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                }
                case "jdk.Compilation" -> compilations++;
                case "jdk.Deoptimization" -> deoptimizations++;
                default -> {
                }
            }
        }
    }

    private void addSample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        RecordedThread thread = event.getThread("sampledThread");
        byThread.merge(thread == null ? "?" : thread.getJavaName(), 1, Integer::sum);
        if (stack.isTruncated()) {
            truncated++;
        }
        List<RecordedFrame> frames = stack.getFrames();
        RecordedFrame top = frames.get(0);
        selfByMethod.merge(methodName(top), 1, Integer::sum);
        if ("Interpreted".equals(top.getType())) {
            interpretedTop++;
        }
        // A class counts once per sample however many of its frames the stack holds (recursion, helpers).
        Set<String> classes = new HashSet<>();
        boolean inFft = false;
        boolean inParallel = false;
        for (RecordedFrame frame : frames) {
            String type = className(frame);
            if (type.startsWith(XCORR) && !type.startsWith(BENCH_PACKAGE)) {
                classes.add(type);
                inFft |= type.startsWith(FFT_PACKAGE);
                inParallel |= type.startsWith(PARALLEL_PACKAGE);
            }
        }
        classes.forEach(type -> inclusiveByClass.merge(type, 1, Integer::sum));
        if (inFft) {
            fftSamples++;
        }
        if (!inParallel) {
            serialSamples++;
        }
    }

    /**
     * The frame's class name, with a lambda's hidden class ({@code Foo$$Lambda$12/0x...}) folded into its host
     * {@code Foo}: the numbered names change from run to run, and the lambda's body is in the host anyway.
     */
    private static String className(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String name = frame.getMethod().getType().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda);
    }

    private static String methodName(RecordedFrame frame) {
        return shortName(className(frame)) + "." + (frame.getMethod() == null ? "?" : frame.getMethod().getName());
    }

    /** Drops the {@code org.xcorr.} prefix, which every interesting row would otherwise repeat. */
    private static String shortName(String className) {
        return className.startsWith(XCORR) ? className.substring(XCORR.length()) : className;
    }

    /** Number of execution samples with a stack. */
    int samples() {
        return samples;
    }

    /**
     * The statistics lines and both tables, in Markdown.
     *
     * @param recorded wall time of the recording, for samples per second and the GC share
     * @param selfRows rows of the self-time table before the "other" row
     * @param classRows class rows of the inclusive table after the FFT rows
     */
    String markdown(Duration recorded, int selfRows, int classRows) {
        StringBuilder out = new StringBuilder();
        double seconds = recorded.toNanos() / 1e9;
        line(out, "- samples: %d (%.0f/s, all threads; top frame interpreted in %s; truncated stacks %d)", samples,
                samples / seconds, percent(interpretedTop), truncated);
        StringBuilder threads = new StringBuilder();
        sorted(byThread).stream().limit(6).forEach(e -> threads.append(threads.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(' ').append(percent(e.getValue())));
        line(out, "- samples by thread: %s", threads);
        line(out, "- GC: %d collections, pauses %.1f ms in all (%.1f%% of the recorded wall time; not in the"
                + " samples)", collections, gcPauses.toNanos() / 1e6, 100.0 * gcPauses.toNanos() / recorded.toNanos());
        line(out, "- JIT while recording: %d compilations, %d deoptimizations (a steady state has few of either;"
                + " many, or interpreted top frames above a few %%, mean the warm-up was too short)", compilations,
                deoptimizations);
        line(out, "");
        if (samples == 0) {
            line(out, "No execution samples: the job ran no Java code while recorded, or JFR could not sample it.");
            return out.toString();
        }
        line(out, "| self (top frame) | %% | samples |");
        line(out, "|---|---|---|");
        List<Map.Entry<String, Integer>> self = sorted(selfByMethod);
        int shown = 0;
        for (Map.Entry<String, Integer> e : self.subList(0, Math.min(selfRows, self.size()))) {
            line(out, "| `%s` | %s | %d |", e.getKey(), percent(e.getValue()), e.getValue());
            shown += e.getValue();
        }
        if (self.size() > selfRows) {
            line(out, "| (%d other methods) | %s | %d |", self.size() - selfRows, percent(samples - shown),
                    samples - shown);
        }
        line(out, "");
        line(out, "| inclusive (any frame on the stack) | %% | samples |");
        line(out, "|---|---|---|");
        line(out, "| **FFT** (`org.xcorr.fft.*`) | %s | %d |", percent(fftSamples), fftSamples);
        line(out, "| **not in FFT** | %s | %d |", percent(samples - fftSamples), samples - fftSamples);
        line(out, "| **serial** (no `org.xcorr.concurrent` frame: one thread) | %s | %d |", percent(serialSamples),
                serialSamples);
        for (Map.Entry<String, Integer> e : sorted(inclusiveByClass).stream().limit(classRows).toList()) {
            line(out, "| `%s` | %s | %d |", shortName(e.getKey()), percent(e.getValue()), e.getValue());
        }
        line(out, "");
        return out.toString();
    }

    private String percent(int count) {
        return String.format(Locale.ROOT, "%.1f%%", samples == 0 ? 0.0 : 100.0 * count / samples);
    }

    /** Entries by count, largest first; ties by name so reruns print in the same order. */
    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
