package org.xcorr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.Mode;
import org.xcorr.ncc.MaskedNcc;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Padding;
import org.xcorr.ncc.TemplateSet;
import org.xcorr.peak.Extremum;
import org.xcorr.peak.Peak;
import org.xcorr.peak.PeakOptions;
import org.xcorr.peak.Peaks;
import org.xcorr.peak.Subpixel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xcorr ncc}: normalized cross-correlation (normxcorr2) of a template with an image. */
@Command(name = "ncc", mixinStandardHelpOptions = true,
        description = {"Normalized cross-correlation (MATLAB/Octave normxcorr2) of a template with an image, "
                + "1-D to 3-D. Values in [-1, 1]; constant windows give 0.",
            "Lags and output shape as 'correlate IMAGE TEMPLATE --mode M'. Computed in double precision.",
            "--image-mask, --template-mask and --nan-as-mask switch to masked NCC (Padfield 2012): invalid pixels"
                + " count in no sum; placements whose valid pairs number fewer than --min-overlap x (valid template"
                + " entries) give 0, for every padding (zero/mean padding pixels are valid)."})
final class NccCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    TemplateImageOptions inputs;

    @Mixin
    MaskOptions masks;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", paramLabel = "M", converter = ModeConverter.class,
            description = "full (default), same or valid.")
    Mode mode = Mode.FULL;

    @Option(names = "--padding", paramLabel = "P", converter = PaddingConverter.class,
            description = "Where the template hangs outside the image: zero (default, MATLAB), mean (Octave) "
                    + "or overlap (only overlapping pixels count).")
    Padding padding = Padding.ZERO;

    @Option(names = "--min-overlap", paramLabel = "F",
            description = "With --padding overlap: placements overlapping fewer than F x (template size) pixels "
                    + "give 0 (default 0.3). With masks, for every padding: fewer than F x (valid template entries)"
                    + " valid pairs give 0.")
    double minOverlap = NccOptions.DEFAULT_MIN_OVERLAP;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (.npy float64, .tif float32 or .png picture).")
    Path output;

    @Mixin
    PeakListOptions peakList;

    @Option(names = "--subpixel", paramLabel = "M", converter = SubpixelConverter.class,
            description = "With --peaks: none (default), parabolic or gaussian three-point fit of each peak.")
    Subpixel subpixel = Subpixel.NONE;

    @Option(names = "--extra-template", paramLabel = "T",
            description = "Another template searched in the same run (repeatable); the image is transformed once"
                    + " for all. Template k's map goes to OUT with -k before the extension (OUT holds the first);"
                    + " one summary line per template (with \"template\": k), or with --peaks one list of every template's peaks, each"
                    + " with \"template\": k (1 is TEMPLATE).")
    List<Path> extraTemplates = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        NccOptions options = new NccOptions(mode, padding, minOverlap, common.threads());
        if (!extraTemplates.isEmpty()) {
            if (masks.active()) {
                throw new IllegalArgumentException("--extra-template does not combine with --image-mask, "
                        + "--template-mask or --nan-as-mask; run one masked ncc per template");
            }
            return callSet(options);
        }
        Outputs.check(output, inputs.template, inputs.image, masks.templateMask, masks.imageMask);
        ReadLimits limits = common.readLimits();
        MaskOptions.Pair read = masks.readPair(inputs.template, inputs.image, limits);
        NdArray t = read.template().values();
        NdArray i = read.image().values();
        NdArray result = masks.active() ? MaskedNcc.ncc(t, read.template().mask(), i, read.image().mask(), options)
                : Ncc.ncc(t, i, options);
        int[] templateShape = t.shape();
        int[] imageShape = i.shape();
        boolean many = peakList.requested();
        PeakOptions peakOptions = many ? peakList.options(templateShape, subpixel, Extremum.MAXIMUM) : null;
        Outputs.writeMap(output, result, -1, 1);
        // the template's first pixel lies at the lag of correlate(image, template, mode): offset = index - origin
        int[] origin = origin(imageShape, templateShape, mode);
        if (many) {
            Summary.print(spec, PeakListOptions.json(Peaks.find(result, peakOptions), origin, subpixel));
        } else {
            Summary.print(spec, Summary.of(output, result, true, origin));
        }
        return Errors.OK;
    }

    /**
     * Several templates, one image ({@link TemplateSet}): a map file and a summary line per template, or one list
     * of all their peaks, best first (equal values in template order); each template's peaks are found on its own
     * map with its own default suppression radius, and peaks of different templates do not suppress each other.
     */
    private Integer callSet(NccOptions options) throws Exception {
        List<Path> templates = new ArrayList<>();
        templates.add(inputs.template);
        templates.addAll(extraTemplates);
        List<Path> outputs = new ArrayList<>();
        for (int k = 0; k < templates.size(); k++) {
            outputs.add(k == 0 ? output : numbered(output, k + 1));
        }
        List<Path> all = new ArrayList<>(templates);
        all.add(inputs.image);
        for (Path out : outputs) {
            Outputs.check(out, all.toArray(Path[]::new));
        }
        ReadLimits limits = common.readLimits();
        Inputs.probe(limits, all.toArray(Path[]::new));
        List<NdArray> arrays = new ArrayList<>();
        for (Path t : templates) {
            arrays.add(Inputs.readReal(t, limits));
        }
        NdArray i = Inputs.readReal(inputs.image, limits);
        boolean many = peakList.requested();
        List<PeakOptions> peakOptions = new ArrayList<>();
        for (NdArray t : arrays) {
            peakOptions.add(many ? peakList.options(t.shape(), subpixel, Extremum.MAXIMUM) : null);
        }
        List<NdArray> maps = TemplateSet.prepare(arrays, i.shape(), options).ncc(i);
        List<PeakListOptions.Found> found = new ArrayList<>();
        List<org.xcorr.io.Json> summaries = new ArrayList<>();
        for (int k = 0; k < maps.size(); k++) {
            NdArray map = maps.get(k);
            Outputs.writeMap(outputs.get(k), map, -1, 1);
            int[] origin = origin(i.shape(), arrays.get(k).shape(), mode);
            if (many) {
                for (Peak p : Peaks.find(map, peakOptions.get(k))) {
                    found.add(new PeakListOptions.Found(k + 1, p, origin));
                }
            } else {
                summaries.add(Summary.of(outputs.get(k), map, true, origin).put("template", k + 1));
            }
        }
        if (many) {
            // stable: equal values keep template order, then each template's own order
            found.sort(Comparator.comparingDouble((PeakListOptions.Found f) -> -f.peak().value()));
            Summary.print(spec, PeakListOptions.jsonOfSet(found.subList(0, Math.min(found.size(), peakList.peaks)),
                    subpixel));
        } else {
            for (org.xcorr.io.Json j : summaries) {
                Summary.print(spec, j);
            }
        }
        return Errors.OK;
    }

    /** {@code dir/name-k.ext} for {@code dir/name.ext}: the map file of the k-th template. */
    static Path numbered(Path output, int k) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot <= 0 ? name + "-" + k : name.substring(0, dot) + "-" + k + name.substring(dot);
        return output.resolveSibling(numbered);
    }

    /** The map index of offset 0 (the lag-0 placement) per axis: {@code Nt-1} full, {@code floor(Nt/2)} same, 0 valid. */
    static int[] origin(int[] imageShape, int[] templateShape, Mode mode) {
        int[] lag = Correlation.lagAt(new int[imageShape.length], imageShape, templateShape, mode, false);
        for (int a = 0; a < lag.length; a++) {
            lag[a] = -lag[a];
        }
        return lag;
    }

    /** none, parabolic or gaussian. */
    static final class SubpixelConverter extends ParsingConverter<Subpixel> {
        @Override
        Subpixel parse(String value) {
            return Subpixel.parse(value);
        }
    }

    /** full, same or valid (circular has no normalized form). */
    static final class ModeConverter extends ParsingConverter<Mode> {
        @Override
        Mode parse(String value) {
            Mode m;
            try {
                m = EnumNames.parse(Mode.class, value, "mode");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + value + "'; expected full, same or valid");
            }
            if (m == Mode.CIRCULAR) {
                throw new IllegalArgumentException("mode circular is not supported by ncc; expected full, same or valid");
            }
            return m;
        }
    }

    /** zero, mean or overlap. */
    static final class PaddingConverter extends ParsingConverter<Padding> {
        @Override
        Padding parse(String value) {
            return EnumNames.parse(Padding.class, value, "padding");
        }
    }
}
