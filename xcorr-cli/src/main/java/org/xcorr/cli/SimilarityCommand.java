package org.xcorr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import org.xcorr.io.Json;
import org.xcorr.local.LocalNccOptions;
import org.xcorr.local.Similarity;
import org.xcorr.local.SimilarityMap;
import org.xcorr.register.RegistrationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code xcorr similarity A B --radius R [--register] [--upsample N] -o MAP}: registers B onto A, shifts it
 * and writes the local NCC map; prints {@code {"shift": [...], "error": e, "phasediff": p, "radius": R}}.
 */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {
            "Maps where A and B agree: the local NCC of A and B, after registering B onto A with --register.",
            "With --register, B is first registered onto A by phase correlation and",
            "shifted by the shift found (fourier by default: exact for smooth content, periodic, so a border band",
            "of width |shift| compares wrapped content); then the local NCC map of A and B (radius R) is written",
            "to MAP (.png colour-mapped, .npy, .tif). Prints {\"shift\": [...], \"error\": e, \"phasediff\": p,",
            "\"radius\": R, \"output\": MAP, \"shape\": [...], \"lowest\": [...], \"lowest_value\": v} (lowest: the",
            "least similar pixel); without --register the shift is zero and error/phasediff are null."})
final class SimilarityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "Reference array (.npy, image or TIFF).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Array compared with A, same shape.")
    Path b;

    @Option(names = "--radius", paramLabel = "R", required = true,
            description = "Local NCC window radius: one value, or one per axis (RY,RX); >= 0.")
    String radius;

    @Option(names = "--register", description = "Register B onto A first and apply the shift.")
    boolean register;

    @Option(names = "--upsample", paramLabel = "N", description = "Registration precision 1/N pixel (default 1).")
    int upsampleFactor = 1;

    @Option(names = "--interpolation", paramLabel = "METHOD",
            description = "How B is shifted: fourier (default), linear or cubic.")
    String interpolation = "fourier";

    @Option(names = {"-o", "--output"}, paramLabel = "MAP", required = true,
            description = "Map file (.png colour-mapped, .npy float64, .tif float32).")
    Path output;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int threads = common.threads();
        LocalNccOptions local = new LocalNccOptions(Lists.ints(radius, "--radius"), threads);
        if (upsampleFactor < 1) {
            throw new IllegalArgumentException("--upsample must be at least 1, got " + upsampleFactor);
        }
        var method = ShiftCommand.parse(interpolation);
        Outputs.check(output, a, b);
        ReadLimits limits = common.readLimits();
        Inputs.probe(limits, a, b);
        NdArray first = Inputs.readReal(a, limits);
        NdArray second = Inputs.readReal(b, limits);
        Inputs.requireSameShape(a, first, b, second);
        SimilarityMap m = register
                ? Similarity.map(first, second, local,
                        RegistrationOptions.defaults().withUpsampleFactor(upsampleFactor).withThreads(threads), method)
                : Similarity.map(first, second, local);
        Outputs.writeMap(output, m.map(), -1, 1);
        Json json = new Json().put("shift", m.shift());
        if (m.registration() != null) {
            json.put("error", m.registration().error()).put("phasediff", m.registration().phaseDiff());
        } else {
            json.putNull("error").putNull("phasediff");
        }
        int[] r = local.radius();
        if (r.length == 1) {
            json.put("radius", r[0]);
        } else {
            json.put("radius", r);
        }
        // the map's summary; its interesting point is the least similar one, where A and B differ most
        int[] lowest = Summary.best(m.map(), false);
        json.put("output", output.toString()).put("shape", m.map().shape()).put("lowest", lowest)
                .put("lowest_value", m.map().get(lowest));
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }
}
