package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.Json;
import org.xcorr.peak.Subpixel;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xcorr track}: follows a point from one image to another. Prints one JSON object. */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = {
            "Tracks a point: the patch of the template image within the template radius of the template centre is"
                    + " found (NCC, zero padding) in the patch of the image within the image radius of the image"
                    + " centre (both clipped to their arrays).",
            "Prints {\"offset\": [...], \"fit\": f, \"peak_to_sidelobe\": p, \"second_peak_ratio\": r}: the point"
                    + " is found at image centre + offset.",
            "Positions and radii are per axis in axis order (Y,X in 2-D, Z,Y,X in 3-D); a radius may be one value"
                    + " for every axis. Always computed in double precision."})
final class TrackCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--template-image", required = true, paramLabel = "T", description = "The image the point is in.")
    Path templateImage;

    @Option(names = "--image", required = true, paramLabel = "I", description = "The image to find the point in.")
    Path image;

    @Option(names = "--template-center", required = true, split = ",", paramLabel = "Y,X",
            description = "The point in the template image, per axis.")
    int[] templateCenter;

    @Option(names = "--image-center", required = true, split = ",", paramLabel = "Y,X",
            description = "Centre of the search in the image, per axis.")
    int[] imageCenter;

    @Option(names = "--template-radius", split = ",", paramLabel = "R|RY,RX",
            description = "Template half-size: 2R+1 pixels per axis, clipped (default 50).")
    int[] templateRadius = {TrackOptions.DEFAULT_TEMPLATE_RADIUS};

    @Option(names = "--image-radius", split = ",", paramLabel = "R|RY,RX",
            description = "Search-region half-size, larger than the template radius on every axis (default 200).")
    int[] imageRadius = {TrackOptions.DEFAULT_IMAGE_RADIUS};

    @Option(names = "--subpixel", paramLabel = "M", defaultValue = "none",
            description = "Sub-pixel refinement: none (default), parabolic or gaussian.")
    Subpixel subpixel;

    @Option(names = "--debug-dir", paramLabel = "D",
            description = "Write the template patch, the search region with the patch outlined where it was found,"
                    + " the NCC surface and report.html into D (positions relative to the region).")
    Path debugDir;

    @Override
    public Integer call() throws Exception {
        if (debugDir != null) {
            org.xcorr.io.debug.DebugReport.checkWritable(debugDir);
        }
        NdArray t = Inputs.readReal(templateImage);
        NdArray i = Inputs.readReal(image);
        TrackOptions options = TrackOptions.defaults().withTemplateRadius(templateRadius).withImageRadius(imageRadius);
        options = options.withOffsetOptions(options.offsetOptions().withSubpixel(subpixel).withThreads(common.threads()));
        Track result = Tracker.track(t, i, templateCenter, imageCenter, options);
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
                .put("template_shape", result.templateShape())
                .put("region_shape", result.regionShape());
        spec.commandLine().getOut().println(j);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }
}
