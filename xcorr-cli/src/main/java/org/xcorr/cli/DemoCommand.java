package org.xcorr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.CorrelationOptions;
import org.xcorr.correlate.Mode;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.InputException;
import org.xcorr.io.Messages;
import org.xcorr.io.debug.DebugReport;
import org.xcorr.local.Similarity;
import org.xcorr.local.SimilarityMap;
import org.xcorr.peak.Peaks;
import org.xcorr.peak.Subpixel;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xcorr demo}: the main jobs on the example data shipped in the jar (see {@code examples/} in the
 * repository, made by {@code examples/make_examples.py}), with the known answers printed beside the found ones.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the main jobs on the shipped example data and writes pictures and a report:",
            "time delay of a 1-D signal (correlate), where a template lies in a scene (offset, with a debug report),",
            "where a point moved between two frames (track), the sub-pixel shift between the frames (register),",
            "and where the registered frames still differ (similarity)."})
final class DemoCommand implements Callable<Integer> {

    private static final String[] EXAMPLES = {
        "signal.npy", "delayed.npy", "scene.png", "template.png", "frame1.png", "frame2.png"};

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "xcorr-demo",
            description = "Folder for the inputs and results (default: ./xcorr-demo; created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        int threads = common.threads();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException(out + ": --out must be a directory (it is created if missing), but a file is there");
        }
        Path in = out.resolve("input");
        // a place we cannot write (no permission, read-only, a file in the way) is bad input, as for -o elsewhere
        AtomicFiles.createDirectories(in);
        DebugReport.checkWritable(out.resolve("offset"));
        for (String name : EXAMPLES) {
            byte[] bytes;
            try (InputStream s = DemoCommand.class.getResourceAsStream("/examples/" + name)) {
                if (s == null) {
                    throw new IOException("example file " + name + " is missing from the jar");
                }
                bytes = s.readAllBytes();
            }
            AtomicFiles.write(in.resolve(name), o -> o.write(bytes));
        }
        w.println("xcorr demo: example inputs in " + Messages.printable(in.toAbsolutePath().toString()));

        // 1. Time delay between two 1-D signals: the lag of the cross-correlation peak.
        long t0 = System.nanoTime();
        NdArray signal = ArrayFiles.read(in.resolve("signal.npy"));
        NdArray delayed = ArrayFiles.read(in.resolve("delayed.npy"));
        CorrelationOptions full = CorrelationOptions.defaults().withMode(Mode.FULL).withThreads(threads);
        NdArray c = Correlation.correlate(delayed, signal, full);
        int[] lag = Correlation.lagAt(Peaks.argmax(c), delayed.shape(), signal.shape(), Mode.FULL, false);
        w.printf(Locale.ROOT, "%n1. correlate  delayed.npy against signal.npy (4096 samples): lag %d samples"
                + " (made with a delay of 137)  [%s]%n", lag[0], ms(t0));

        // 2. Where is the template in the scene? With a debug directory and an HTML report.
        t0 = System.nanoTime();
        NdArray scene = ArrayFiles.read(in.resolve("scene.png"));
        NdArray template = ArrayFiles.read(in.resolve("template.png"));
        Offset found = Offsets.offset(template, scene,
                OffsetOptions.defaults().withSubpixel(Subpixel.PARABOLIC).withThreads(threads));
        Path debug = out.resolve("offset");
        DebugReport.write(debug, template, scene, found);
        w.printf(Locale.ROOT, "2. offset     template.png (64x64) in scene.png (512x512): top-left corner at %s,"
                + " fit %.4f, peak-to-sidelobe %.1f (cut from [180, 300])  [%s]%n",
                fmt(found.offset()), found.fit(), found.peakToSidelobe(), ms(t0));
        w.println("             report: " + Messages.printable(debug.resolve(DebugReport.REPORT_HTML).toAbsolutePath().toString()));

        // 3. Track a point of interest from frame 1 to frame 2.
        t0 = System.nanoTime();
        NdArray frame1 = ArrayFiles.read(in.resolve("frame1.png"));
        NdArray frame2 = ArrayFiles.read(in.resolve("frame2.png"));
        int[] point = {212, 332};
        TrackOptions trackOptions = TrackOptions.defaults().withTemplateRadius(24).withImageRadius(48)
                .withOffsetOptions(OffsetOptions.defaults().withSubpixel(Subpixel.PARABOLIC).withThreads(threads));
        Track track = Tracker.track(frame1, frame2, point, point, trackOptions);
        w.printf(Locale.ROOT, "3. track      point %s of frame1.png moved by %s into frame2.png, fit %.4f"
                + " (frames made with a shift of [3.4, -5.7])  [%s]%n",
                Arrays.toString(point), fmt(track.offset()), track.fit(), ms(t0));

        // 4 + 5. Register frame 2 onto frame 1 to 1/100 pixel, then map where they still differ.
        t0 = System.nanoTime();
        RegistrationOptions reg = RegistrationOptions.defaults().withUpsampleFactor(100).withThreads(threads);
        SimilarityMap sim = Similarity.map(frame1, frame2, 5, reg);
        double[] shift = sim.registration().shift();
        w.printf(Locale.ROOT, "4. register   frame2.png onto frame1.png: shift %s (the shift that aligns frame 2"
                + " with frame 1; the frames were made with [3.4, -5.7], so [-3.4, 5.7] undoes it)  [%s]%n",
                fmt(shift), ms(t0));
        int[] dip = Peaks.argmax(negateInterior(sim.map(), 12));
        Path map = out.resolve("similarity.png");
        ArrayFiles.write(map, sim.map());
        w.printf(Locale.ROOT, "5. similarity local NCC (radius 5) of frame 1 and registered frame 2: lowest at %s,"
                + " rho %.3f (a cell was removed near [380, 120]); median rho %.3f%n",
                Arrays.toString(dip), sim.map().get(dip), median(sim.map()));
        w.println("             map: " + Messages.printable(map.toAbsolutePath().toString()));
        w.flush();
        return Errors.OK;
    }

    /** The map negated inside a border band (the band compares wrapped content after a periodic shift). */
    private static NdArray negateInterior(NdArray map, int border) {
        double[] v = map.toArray();
        int h = map.shape(0);
        int wd = map.shape(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                boolean inside = y >= border && y < h - border && x >= border && x < wd - border;
                v[y * wd + x] = inside ? -v[y * wd + x] : Double.NEGATIVE_INFINITY;
            }
        }
        return NdArray.wrap(v, h, wd);
    }

    private static double median(NdArray a) {
        double[] v = a.toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return b.append(']').toString();
    }

    private static String ms(long t0) {
        return String.format(Locale.ROOT, "%.0f ms", (System.nanoTime() - t0) / 1e6);
    }
}
