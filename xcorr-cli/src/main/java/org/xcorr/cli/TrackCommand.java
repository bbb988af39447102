package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.cli.table.Table;
import org.xcorr.io.InputException;
import org.xcorr.io.ReadLimits;
import org.xcorr.io.Json;
import org.xcorr.peak.Subpixel;
import org.xcorr.io.Stacks;
import org.xcorr.stack.FrameSource;
import org.xcorr.ncc.Padding;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.PointTrack;
import org.xcorr.track.PointTracker;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Search;
import org.xcorr.track.TemplateFrom;
import org.xcorr.track.TrackPoint;
import org.xcorr.track.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xcorr track}: follows a point from one image to another (one JSON object), or many points
 * ({@code --points}: one row per point, a table or JSON lines).
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        customSynopsis = {
            "xcorr track TEMPLATE_IMAGE IMAGE --template-center Y,X --image-center Y,X",
            "                   [OPTIONS]",
            "       xcorr track TEMPLATE_IMAGE IMAGE --points P [-o OUT] [OPTIONS]",
            "       (or --template-image T --image I instead of TEMPLATE_IMAGE IMAGE)",
            "       xcorr track STACK --points P [--template-from first|previous] [-o OUT]",
            "                   [OPTIONS]"},
        description = {
            "Tracks a point: the patch of the template image within the template radius of the template centre is"
                    + " found (NCC) in the patch of the image within the image radius of the image centre (both"
                    + " clipped to their arrays); by default only where it lies wholly inside that region, so the"
                    + " point is found within the image radius (--search full for partial placements too).",
            "Prints {\"offset\": [...], \"fit\": f, \"peak_to_sidelobe\": p, \"second_peak_ratio\": r,"
                    + " \"overlap_fraction\": o, \"edge\": e, ...}: the point is found at image centre + offset;"
                    + " overlap_fraction is the fraction of the template inside the region there, edge true when the"
                    + " search was cut off beside the match (the point may lie beyond: widen --image-radius).",
            "With --points, tracks every point of a CSV file (header id,y,x[,radius]; both centres at the point)"
                    + " and writes id,y,x,dy,dx,fit,peak_to_sidelobe,overlap_fraction,edge,status rows (the point is at"
                    + " y+dy, x+dx in the"
                    + " image) to -o, or JSON lines on stdout. A point that cannot be tracked is a row whose status"
                    + " says why; the exit status is then 3.",
            "With STACK (multi-page TIFF, 3-D .npy, folder, glob or list file) and --points, follows every point"
                    + " from frame 0 to the last frame and writes frame,id,y,x,dy,dx,fit,peak_to_sidelobe,overlap_fraction,"
                    + "edge,status rows:"
                    + " the point is at y+dy, x+dx in that frame (frame 0: dy = dx = 0). Each frame is searched"
                    + " around the point's last position, with the template from frame 0 (--template-from first,"
                    + " the default: no drift accumulates) or from the previous frame (previous: follows changes of"
                    + " appearance; sub-pixel errors add up).",
            "--image-mask M and --template-mask M (validity of IMAGE and TEMPLATE_IMAGE, nonzero = valid, cut"
                    + " with the patches) and --nan-as-mask (NaN/infinite pixels invalid) search with the masked NCC:"
                    + " invalid pixels count in no sum.",
            "Positions and radii are per axis in axis order (Y,X in 2-D, Z,Y,X in 3-D); a radius may be one value"
                    + " for every axis. Always computed in double precision."})
final class TrackCommand implements Callable<Integer>, InputCheck {

    /** Exit status when the table is complete but some points could not be tracked. */
    static final int SOME_ROWS_FAILED = 3;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STACK",
            description = "A stack to track --points through (multi-page TIFF, 3-D .npy, folder, glob, list file);"
                    + " or, followed by IMAGE, the template image (TEMPLATE_IMAGE IMAGE, as --template-image T"
                    + " --image I).")
    String stack;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "After TEMPLATE_IMAGE: the image to find the point(s) in (instead of --image I).")
    Path imageArgument;

    @Option(names = "--template-from", paramLabel = "first|previous",
            description = "With STACK: the template from frame 0 (first, default) or the previous frame (previous).")
    String templateFrom;

    @Option(names = "--quiet", description = "No progress line on the terminal.")
    boolean quiet;

    @Option(names = "--template-image", paramLabel = "T", description = "The image the point is in.")
    Path templateImage;

    @Option(names = "--image", paramLabel = "I", description = "The image to find the point in.")
    Path image;

    @Option(names = "--template-center", split = ",", paramLabel = "Y,X", hideParamSyntax = true,
            description = "The point in the template image, per axis (one point; for many use --points).")
    int[] templateCenter;

    @Option(names = "--image-center", split = ",", paramLabel = "Y,X", hideParamSyntax = true,
            description = "Centre of the search in the image, per axis.")
    int[] imageCenter;

    @Option(names = "--points", paramLabel = "P.csv",
            description = "Track many points: a CSV with header id,y,x (z,y,x in 3-D; x in 1-D) and optional radius"
                    + " (that point's template radius, R or \"RY,RX\"). Other columns are ignored.")
    Path points;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "With --points: the table (.csv, .json or .jsonl; default: JSON lines on stdout).")
    Path output;

    @Option(names = "--template-radius", split = ",", paramLabel = "R|RY,RX", hideParamSyntax = true,
            description = "Template half-size: 2R+1 pixels per axis, clipped (default 50).")
    int[] templateRadius = {TrackOptions.DEFAULT_TEMPLATE_RADIUS};

    @Option(names = "--image-radius", split = ",", paramLabel = "R|RY,RX", hideParamSyntax = true,
            description = "Search-region half-size, larger than the template radius on every axis (default 200).")
    int[] imageRadius = {TrackOptions.DEFAULT_IMAGE_RADIUS};

    @Option(names = "--subpixel", paramLabel = "M", defaultValue = "none",
            description = "Sub-pixel refinement: none (default), parabolic or gaussian.")
    Subpixel subpixel;

    @Mixin
    MaskOptions masks;

    @Option(names = "--search", paramLabel = "valid|full",
            description = "Which placements count: valid (default) only those with the template wholly inside the"
                    + " search region, so the point is found within --image-radius; full also partial ones (the"
                    + " template hanging over the region's edge, scored with --padding), as before issue 14."
                    + " --padding or --min-overlap alone imply full.")
    String search;

    @Option(names = "--padding", paramLabel = "P", converter = NccCommand.PaddingConverter.class,
            description = "With a full search: where the template hangs outside the region, zero (default), mean"
                    + " or overlap (only the overlapping pixels count).")
    Padding padding;

    @Option(names = "--min-overlap", paramLabel = "F",
            description = "With a full search: only placements whose template overlaps the region by at least F"
                    + " of its size count (0 to 1). Default: 0.3 with --padding overlap, else 0.")
    Double minOverlap;

    @Option(names = "--debug-dir", paramLabel = "D",
            description = "Write the template patch, the search region with the patch outlined where it was found,"
                    + " the NCC surface and report.html into D (positions relative to the region).")
    Path debugDir;

    /**
     * Two arguments are TEMPLATE_IMAGE IMAGE, the positional form of {@code --template-image T --image I} (as
     * {@code ncc}, {@code match} and {@code offset} take TEMPLATE IMAGE); one is a STACK. Mixing the two forms
     * of the images is an error rather than a guess.
     */
    @Override
    public void check(String command) {
        if (imageArgument == null) {
            return;
        }
        if (templateImage != null || image != null) {
            throw new IllegalArgumentException("give the template image and image either as arguments or with"
                    + " --template-image and --image, not both: xcorr " + command + " TEMPLATE_IMAGE IMAGE"
                    + " (or --template-image T --image I)");
        }
        templateImage = Path.of(stack);
        image = imageArgument;
        stack = null;
    }

    @Override
    public Integer call() throws Exception {
        if (debugDir != null && (stack != null || points != null)) {
            throw new IllegalArgumentException("--debug-dir is for one point (--template-center and --image-center)");
        }
        if (stack != null) {
            return trackStack();
        }
        if (templateFrom != null) {
            throw new IllegalArgumentException("--template-from is for tracking through a STACK");
        }
        if (points != null) {
            return trackPoints();
        }
        List<String> missing = new ArrayList<>();
        if (templateImage == null) {
            missing.add("'--template-image=T'");
        }
        if (image == null) {
            missing.add("'--image=I'");
        }
        if (templateCenter == null) {
            missing.add("'--template-center=Y,X'");
        }
        if (imageCenter == null) {
            missing.add("'--image-center=Y,X'");
        }
        if (!missing.isEmpty()) {
            // the words picocli used when these options were required, so the one-point form reads as before
            throw new IllegalArgumentException("Missing required option" + (missing.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", missing) + " (one point; or --points P.csv for many)");
        }
        if (output != null) {
            throw new IllegalArgumentException("-o is for --points tables; one point prints its JSON on stdout");
        }
        if (debugDir != null) {
            org.xcorr.io.debug.DebugReport.checkWritable(debugDir);
        }
        ReadLimits limits = common.readLimits();
        MaskOptions.Pair read = masks.readPair(templateImage, image, limits);
        MaskOptions.Masked tm = read.template();
        MaskOptions.Masked im = read.image();
        NdArray t = tm.values();
        NdArray i = im.values();
        Track result = masks.active()
                ? Tracker.trackMasked(t, tm.mask(), i, im.mask(), templateCenter, imageCenter, options())
                : Tracker.track(t, i, templateCenter, imageCenter, options());
        if (debugDir != null) {
            org.xcorr.io.debug.TrackReport.write(debugDir, t, i, result);
        }
        Json j = new Json();
        double[] offset = result.offset();
        if (subpixel == Subpixel.NONE) {
            int[] whole = new int[offset.length];
            for (int a = 0; a < whole.length; a++) {
                whole[a] = (int) offset[a];
            }
            j.put("offset", whole);
        } else {
            j.put("offset", offset);
        }
        j.put("fit", result.fit())
                .put("peak_to_sidelobe", result.match().peakToSidelobe())
                .put("second_peak_ratio", result.match().secondPeakRatio())
                .put("overlap_fraction", result.match().overlap())
                .put("edge", result.match().edge())
                .put("template_shape", result.templateShape())
                .put("region_shape", result.regionShape());
        spec.commandLine().getOut().println(j);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }

    private TrackOptions options() {
        TrackOptions options = TrackOptions.defaults().withTemplateRadius(templateRadius).withImageRadius(imageRadius);
        options = options.withOffsetOptions(options.offsetOptions().withSubpixel(subpixel).withThreads(common.threads()));
        return searchOptions(options);
    }

    /**
     * {@code --search}, {@code --padding} and {@code --min-overlap}: a valid search unless one of them asks for
     * partial placements; {@code --search valid} with one of the others is a contradiction, not a guess.
     */
    private TrackOptions searchOptions(TrackOptions options) {
        if (minOverlap != null && !(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("--min-overlap must be between 0 and 1, got " + minOverlap);
        }
        Search s = search != null ? Search.parse(search)
                : padding != null || minOverlap != null ? Search.FULL : Search.VALID;
        if (s == Search.VALID) {
            if (padding != null || minOverlap != null) {
                throw new IllegalArgumentException("--padding and --min-overlap are for --search full: the valid"
                        + " search counts only placements wholly inside the search region");
            }
            return options.withSearch(Search.VALID);
        }
        OffsetOptions o = options.offsetOptions().withPadding(padding == null ? Padding.ZERO : padding);
        if (minOverlap != null) {
            o = o.withMinOverlap(minOverlap);
        }
        return options.withOffsetOptions(o).withSearch(Search.FULL);
    }

    /** {@code --points} between two images. */
    private int trackPoints() throws IOException {
        if (templateCenter != null || imageCenter != null) {
            throw new IllegalArgumentException("--points tracks each point from where it is; leave out"
                    + " --template-center and --image-center");
        }
        if (templateImage == null || image == null) {
            throw new IllegalArgumentException("--points needs --template-image and --image");
        }
        checkOutput(templateImage, image, points, masks.templateMask, masks.imageMask);
        TrackOptions options = options();
        List<TrackPoint> pts = PointsFile.read(points);
        ReadLimits limits = common.readLimits();
        MaskOptions.Pair read = masks.readPair(templateImage, image, limits);
        MaskOptions.Masked tm = read.template();
        MaskOptions.Masked im = read.image();
        NdArray t = tm.values();
        NdArray i = im.values();
        List<PointTrack> rows;
        try (ProgressLine line = ProgressLine.forTerminal(spec.commandLine().getErr(), "track", "points", quiet)) {
            rows = masks.active() ? PointTracker.trackMasked(t, tm.mask(), i, im.mask(), pts, options, line)
                    : PointTracker.track(t, i, pts, options, line);
        }
        return writeRows(rows, t.rank(), false);
    }

    /** {@code STACK --points}: every point through every frame. */
    private int trackStack() throws IOException {
        if (points == null) {
            throw new IllegalArgumentException("tracking through STACK " + stack + " needs --points P.csv");
        }
        if (templateImage != null || image != null || templateCenter != null || imageCenter != null) {
            throw new IllegalArgumentException("give either STACK with --points, or --template-image and --image;"
                    + " not both");
        }
        if (masks.active()) {
            throw new IllegalArgumentException("--image-mask, --template-mask and --nan-as-mask are for two images"
                    + " (TEMPLATE_IMAGE IMAGE), not for tracking through a STACK");
        }
        TemplateFrom from = templateFrom == null ? TemplateFrom.FIRST : TemplateFrom.parse(templateFrom);
        checkOutput(StackCommands.pathOrNull(stack), points);
        TrackOptions options = options();
        List<TrackPoint> pts = PointsFile.read(points);
        List<PointTrack> rows;
        int rank;
        try (FrameSource frames = Stacks.open(stack);
                ProgressLine line = ProgressLine.forTerminal(spec.commandLine().getErr(), "track", "points", quiet)) {
            rank = frames.frameShape().length;
            rows = PointTracker.trackStack(frames, pts, from, options, line);
        }
        return writeRows(rows, rank, true);
    }

    /** Rejects a bad {@code -o} before any work: unknown extension, missing folder, an input file. */
    private void checkOutput(Path... inputs) throws IOException {
        if (output == null) {
            return;
        }
        Table.Format.of(output);
        Path dir = output.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(output + ": cannot write, directory " + dir + " does not exist");
        }
        Outputs.requireDistinct(output, inputs);
    }

    /** Writes the rows to {@code -o} or as JSON lines on stdout; 3 when some point has an error. */
    private int writeRows(List<PointTrack> rows, int rank, boolean withFrame) throws IOException {
        List<String> columns = new ArrayList<>();
        if (withFrame) {
            columns.add("frame");
        }
        columns.add("id");
        for (int a = 0; a < rank; a++) {
            columns.add(Table.axisName(a, rank));
        }
        for (int a = 0; a < rank; a++) {
            columns.add("d" + Table.axisName(a, rank));
        }
        columns.addAll(List.of("fit", "peak_to_sidelobe", "overlap_fraction", "edge", "status"));
        List<Map<String, Object>> table = new ArrayList<>(rows.size());
        boolean failed = false;
        for (PointTrack r : rows) {
            failed |= !r.isOk();
            table.add(row(r, rank, withFrame));
        }
        if (output != null) {
            Table.write(output, columns, table);
        } else {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> r : table) {
                b.append(Table.json(r)).append('\n');
            }
            spec.commandLine().getOut().print(b);
            spec.commandLine().getOut().flush();
        }
        return failed ? SOME_ROWS_FAILED : Errors.OK;
    }

    /** One output row; whole-pixel offsets print as integers when there is no sub-pixel refinement. */
    private Map<String, Object> row(PointTrack r, int rank, boolean withFrame) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withFrame) {
            m.put("frame", r.frame());
        }
        m.put("id", r.id());
        int[] p = r.point();
        double[] d = r.offset();
        for (int a = 0; a < rank; a++) {
            m.put(Table.axisName(a, rank), p[a]);
        }
        for (int a = 0; a < rank; a++) {
            boolean whole = subpixel == Subpixel.NONE && Double.isFinite(d[a]) && d[a] == Math.rint(d[a]);
            m.put("d" + Table.axisName(a, rank), whole ? (Object) (long) d[a] : (Object) d[a]);
        }
        m.put("fit", r.fit());
        m.put("peak_to_sidelobe", r.peakToSidelobe());
        m.put("overlap_fraction", r.overlapFraction());
        // no match on frame 0 or on an error: empty, like the other numbers, rather than a misleading false
        m.put("edge", r.isOk() && !Double.isNaN(r.overlapFraction()) ? (Object) r.edge() : (Object) Double.NaN);
        m.put("status", r.status());
        return m;
    }
}
