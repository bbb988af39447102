package org.xcorr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.io.Json;
import org.xcorr.io.debug.DebugReport;
import org.xcorr.peak.Extremum;
import org.xcorr.peak.Peak;
import org.xcorr.peak.PeakOptions;
import org.xcorr.peak.Peaks;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xcorr offset}: where is the template in the image? Prints one JSON object. */
@Command(name = "offset", mixinStandardHelpOptions = true,
        description = {
            "Finds the template in the image: the peak of ncc(template, image, full) with zero padding (--padding),"
                    + " among the placements that overlap the image by --min-overlap and lie within --max-shift.",
            "Prints {\"offset\": [...], \"peak\": [...], \"fit\": f, \"integer_peak\": [...],"
                    + " \"peak_to_sidelobe\": p, \"second_peak_ratio\": r}: offset = peak - (template shape - 1)"
                    + " is the template's first pixel in the image (may be negative), fit the NCC at the peak;"
                    + " \"overlap_fraction\": the fraction of the template inside the image there (below 1: a partial"
                    + " placement),"
                    + " \"edge\": true when the search was cut off beside the peak (a better match may lie beyond).",
            "--image-mask, --template-mask and --nan-as-mask search with the masked NCC (invalid pixels count in no"
                    + " sum; placements with fewer valid pairs than 0.3 x the valid template entries score 0).",
            "Always computed in double precision."})
final class OffsetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    TemplateImageOptions inputs;

    @Mixin
    ResultFormat format;

    @Mixin
    MaskOptions masks;

    @Option(names = "--subpixel", paramLabel = "M", defaultValue = "none",
            description = "Sub-pixel refinement: none (default), parabolic or gaussian (three-point fit per axis;"
                    + " peak and offset become fractional, fit stays the value at the integer peak).")
    Subpixel subpixel;

    @Option(names = "--padding", paramLabel = "P", converter = NccCommand.PaddingConverter.class,
            description = "Where the template hangs outside the image: zero (default, MATLAB normxcorr2), mean"
                    + " (Octave) or overlap (only the overlapping pixels count; finds a tile that overlaps the image"
                    + " only in part).")
    Padding padding = Padding.ZERO;

    @Option(names = "--min-overlap", paramLabel = "F",
            description = "Only placements whose template overlaps the image by at least F of its size count"
                    + " (0 to 1; 1 = the template wholly inside). Default: 0.3 with --padding overlap, else 0"
                    + " (every placement).")
    Double minOverlap;

    @Option(names = "--max-shift", paramLabel = "D|DY,DX",
            description = "Only offsets with |offset| <= D on every axis count (one value, or one per axis).")
    String maxShift;

    @Option(names = "--debug-dir", paramLabel = "D",
            description = "Write template.png, image.png, cross_correlation.png, cross_correlation_data.json and"
                    + " report.html (one self-contained page) into D (created if missing). D is replaced as a whole,"
                    + " so it must be new, empty or an earlier debug directory.")
    Path debugDir;

    @Mixin
    PeakListOptions peakList;

    @Override
    public Integer call() throws Exception {
        boolean many = peakList.requested();
        if (debugDir != null) {
            for (String name : new String[] {DebugReport.TEMPLATE_PNG, DebugReport.IMAGE_PNG, DebugReport.SURFACE_PNG,
                DebugReport.DATA_JSON, DebugReport.REPORT_HTML}) {
                Outputs.requireDistinct(debugDir.resolve(name), inputs.template, inputs.image, masks.templateMask,
                        masks.imageMask);
            }
            DebugReport.checkWritable(debugDir);
        }
        ReadLimits limits = common.readLimits();
        MaskOptions.Pair read = masks.readPair(inputs.template, inputs.image, limits);
        MaskOptions.Masked tm = read.template();
        MaskOptions.Masked im = read.image();
        NdArray t = tm.values();
        NdArray i = im.values();
        OffsetOptions options = OffsetOptions.defaults().withSubpixel(subpixel).withThreads(common.threads());
        options = searchOptions(options, t.rank());
        PeakOptions peakOptions = many ? peakList.options(t.shape(), subpixel, Extremum.MAXIMUM) : null;
        Offset result = masks.active() ? Offsets.offsetMasked(t, tm.mask(), i, im.mask(), options)
                : Offsets.offset(t, i, options);
        if (debugDir != null) {
            DebugReport.write(debugDir, t, i, result);
        }
        if (many) {
            printPeaks(result, t.shape(), peakOptions);
            return Errors.OK;
        }
        format.print(spec.commandLine().getOut(), json(result, t.shape(), subpixel));
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }

    /**
     * {@code --peaks}: the best peaks of the offset's own NCC surface (full mode, so offset = peak - (Nt - 1)),
     * as a JSON list or, with {@code --format csv}, a table with one row per peak.
     */
    private void printPeaks(Offset result, int[] templateShape, PeakOptions peakOptions) {
        List<Peak> peaks = Peaks.find(result.surface(), peakOptions);
        int[] origin = new int[templateShape.length];
        for (int a = 0; a < origin.length; a++) {
            origin[a] = templateShape[a] - 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(format.format == ResultFormat.Format.CSV ? PeakListOptions.csv(peaks, origin, subpixel)
                : PeakListOptions.json(peaks, origin, subpixel));
        out.flush();
    }

    /** {@code --padding}, {@code --min-overlap} and {@code --max-shift} on top of {@code options}. */
    private OffsetOptions searchOptions(OffsetOptions options, int rank) {
        options = options.withPadding(padding);
        if (minOverlap != null) {
            if (!(minOverlap >= 0 && minOverlap <= 1)) {
                throw new IllegalArgumentException("--min-overlap must be between 0 and 1, got " + minOverlap);
            }
            options = options.withMinOverlap(minOverlap);
        }
        if (maxShift != null) {
            int[] m = Lists.ints(maxShift, "--max-shift");
            if (m.length != 1 && m.length != rank) {
                throw new IllegalArgumentException("--max-shift has " + m.length + " values but " + inputs.template
                        + " has " + rank + " axes; give one value or one per axis");
            }
            for (int v : m) {
                if (v < 0) {
                    throw new IllegalArgumentException("--max-shift must be >= 0, got '" + maxShift + "'");
                }
            }
            options = options.withMaxShift(m);
        }
        return options;
    }

    /** The printed object; integer positions print as integers when there is no sub-pixel refinement. */
    static Json json(Offset result, int[] templateShape, Subpixel subpixel) {
        Json j = new Json();
        if (subpixel == Subpixel.NONE) {
            j.put("offset", result.integerOffset(templateShape)).put("peak", result.integerPeak());
        } else {
            j.put("offset", result.offset()).put("peak", result.peak());
        }
        return j.put("fit", result.fit())
                .put("integer_peak", result.integerPeak())
                .put("peak_to_sidelobe", result.peakToSidelobe())
                .put("second_peak_ratio", result.secondPeakRatio())
                .put("overlap_fraction", result.overlap())
                .put("edge", result.edge());
    }
}
