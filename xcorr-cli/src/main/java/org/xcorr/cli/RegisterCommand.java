package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.ColorMap;
import org.xcorr.io.MapPicture;
import org.xcorr.io.debug.RegistrationReport;
import org.xcorr.io.InputException;
import org.xcorr.io.ReadLimits;
import org.xcorr.io.Json;
import org.xcorr.peak.Subpixel;
import org.xcorr.shift.Warp;
import org.xcorr.register.MaskedRegistrationOptions;
import org.xcorr.register.Normalization;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.register.SimilarityRegistration;
import org.xcorr.register.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code xcorr register}: phase-correlation registration (scikit-image {@code phase_cross_correlation}),
 * printing {@code {"shift": [...], "error": e, "phasediff": p, "masked": b, "peak_value": v, "overlap_ncc": r,
 * "overlap": n}} on stdout.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {
            "Find the shift that registers MOVING onto REFERENCE by phase cross-correlation "
                    + "(scikit-image phase_cross_correlation semantics).",
            "Prints {\"shift\": [...], \"error\": e, \"phasediff\": p, \"masked\": b, \"peak_value\": v, "
                    + "\"overlap_ncc\": r, \"overlap\": n}: shifting MOVING by shift aligns it with REFERENCE; "
                    + "overlap_ncc (real-space NCC over the overlap) and peak_value tell a good registration from a "
                    + "failed one (error is ~1 for every input under phase normalization).",
            "Masked registration (masks or --nan-as-mask) gives an integer shift (or a parabolic sub-pixel one), "
                    + "null error/phasediff/overlap_ncc and the masked NCC as peak_value; --upsample, --normalization, "
                    + "--window and --disambiguate apply to unmasked registration only."})
final class RegisterCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    ResultFormat format;

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "Reference image.")
    Path reference;

    @Parameters(index = "1", paramLabel = "MOVING", description = "Image to register.")
    Path moving;

    @Option(names = "--upsample", paramLabel = "N", description = "Sub-pixel precision 1/N (default 1).")
    int upsampleFactor = 1;

    @Option(names = "--normalization", paramLabel = "phase|none",
            description = "Cross-power spectrum weighting (default phase).")
    String normalization = "phase";

    @Option(names = "--reference-mask", paramLabel = "M", description = "Valid pixels of REFERENCE (nonzero).")
    Path referenceMask;

    @Option(names = "--moving-mask", paramLabel = "M",
            description = "Valid pixels of MOVING (nonzero; default: the reference mask).")
    Path movingMask;

    @Option(names = "--overlap-ratio", paramLabel = "F",
            description = "Masked: ignore shifts overlapping fewer than F x the largest overlap (default 0.3).")
    double overlapRatio = 0.3;

    @Option(names = "--subpixel", paramLabel = "none|parabolic",
            description = "Masked: sub-pixel refinement of the masked NCC peak (default none).")
    String subpixel = "none";

    @Option(names = "--nan-as-mask",
            description = "Treat NaN/infinite pixels of either image as invalid (masked registration).")
    boolean nanAsMask;

    @Option(names = "--surface", paramLabel = "OUT",
            description = "Write the correlation surface (index - centre = shift; see the docs).")
    Path surface;

    @Option(names = "--max-shift", paramLabel = "DY,DX",
            description = "Largest shift searched per axis, in axis order (one value for every axis); the reported "
                    + "shift never exceeds it.")
    String maxShift;

    @Option(names = "--window", paramLabel = "none|hann|tukey",
            description = "Unmasked: apodisation of both images before the transform (default none, as "
                    + "scikit-image; tukey tapers 12.5%% at each edge).")
    String window = "none";

    @Option(names = "--disambiguate",
            description = "Unmasked: try the periodic alternatives of the --peaks-to-check highest correlation "
                    + "peaks and keep the shift whose real-space overlap NCC is highest (shifts beyond half the "
                    + "size; smooth images).")
    boolean disambiguate;

    @Option(names = "--peaks-to-check", paramLabel = "K",
            description = "Peaks tried by --disambiguate (default 5).")
    int peaksToCheck = RegistrationOptions.DEFAULT_PEAKS_TO_CHECK;

    @Option(names = "--transform", paramLabel = "translation|rigid|similarity",
            description = "What may differ: translation (default, phase correlation), rigid (rotation + shift) or "
                    + "similarity (rotation, scale and shift; Fourier-Mellin, 2-D). rigid/similarity print "
                    + "{\"rotation_deg\": a, \"scale\": s, \"shift\": [dy, dx], \"overlap_ncc\": r, \"overlap\": n}.")
    String transform = "translation";

    @Option(names = "--aligned", paramLabel = "OUT",
            description = "Write MOVING warped onto REFERENCE (cubic resampling; 0 where MOVING has no pixel).")
    Path aligned;

    @Option(names = "--debug-dir", paramLabel = "D",
            description = "Write reference.png, moving.png, aligned.png, overlay.png (reference magenta, aligned green),"
                    + " difference.png, surface.png (log scale), registration.json and report.html into D.")
    Path debugDir;

    @Override
    public Integer call() throws IOException {
        SimilarityRegistration.Transform kind = SimilarityRegistration.Transform.parse(transform);
        if (surface != null) {
            Outputs.check(surface, reference, moving, referenceMask, movingMask);
        }
        if (aligned != null) {
            Outputs.check(aligned, reference, moving, referenceMask, movingMask);
        }
        if (debugDir != null) {
            for (String name : RegistrationReport.FILES) {
                Outputs.requireDistinct(debugDir.resolve(name), reference, moving, referenceMask, movingMask);
            }
            RegistrationReport.checkWritable(debugDir);
        }
        ReadLimits limits = common.readLimits();
        Inputs.probe(limits, reference, moving, referenceMask, movingMask);
        NdArray ref = read(reference, limits);
        NdArray mov = read(moving, limits);
        if (kind != SimilarityRegistration.Transform.TRANSLATION) {
            return similarity(ref, mov, kind);
        }
        NdArray refMask = referenceMask == null ? null : Inputs.readReal(referenceMask, limits);
        NdArray movMask = movingMask == null ? null : Inputs.readReal(movingMask, limits);
        Subpixel fit = Subpixel.parse(subpixel);
        RegistrationOptions options = RegistrationOptions.defaults()
                .withUpsampleFactor(upsampleFactor)
                .withNormalization(Normalization.parse(normalization))
                .withOverlapRatio(overlapRatio)
                .withKeepSurface(surface != null || debugDir != null)
                .withThreads(common.threads())
                .withWindow(Window.parse(window))
                .withDisambiguate(disambiguate)
                .withPeaksToCheck(peaksToCheck);
        if (maxShift != null) {
            double[] m = Lists.doubles(maxShift, "--max-shift");
            if (m.length == 1) {
                m = filled(m[0], ref.rank());
            }
            if (m.length != ref.rank()) {
                throw new IllegalArgumentException("--max-shift has " + m.length + " values but " + reference + " "
                        + ref.shapeString() + " has " + ref.rank() + " axes");
            }
            options = options.withMaxShift(m);
        }
        boolean masked = nanAsMask || refMask != null || movMask != null;
        Registration r;
        if (masked) {
            if (movMask == null && refMask != null) {
                if (!Arrays.equals(ref.shape(), mov.shape())) {
                    throw new IllegalArgumentException("--moving-mask is needed when " + reference + " "
                            + ref.shapeString() + " and " + moving + " " + mov.shapeString() + " differ in shape");
                }
                movMask = refMask;
            }
            if (nanAsMask) {
                refMask = PhaseCorrelation.finiteMask(ref, refMask);
                movMask = PhaseCorrelation.finiteMask(mov, movMask);
            }
            r = PhaseCorrelation.registerMasked(ref, mov, refMask, movMask, new MaskedRegistrationOptions(
                    options.overlapRatio(), fit, options.keepSurface(), options.threads(), options.maxShift()));
        } else {
            if (fit != Subpixel.NONE) {
                throw new IllegalArgumentException("--subpixel " + subpixel + " applies to masked registration only"
                        + " (--reference-mask, --moving-mask or --nan-as-mask); use --upsample for sub-pixel phase"
                        + " correlation");
            }
            r = PhaseCorrelation.register(ref, mov, options);
        }
        Json json = new Json().put("shift", r.shift()).put("error", r.error()).put("phasediff", r.phaseDiff())
                .put("masked", masked).put("peak_value", r.peakValue()).put("overlap_ncc", r.overlapNcc());
        if (Double.isNaN(r.overlapNcc())) {
            json.putNull("overlap"); // not computed (masked registration): no overlap to report, not an empty one
        } else {
            json.put("overlap", r.overlap());
        }
        if (surface != null) {
            if (ArrayFiles.extension(surface).equals("png")) {
                // one bright peak over a nearly flat field: only a log scale shows the rest of the surface
                MapPicture.writeLogarithmic(surface, r.surface(), ColorMap.VIRIDIS);
            } else {
                ArrayFiles.write(surface, r.surface());
            }
        }
        if (aligned != null) {
            if (ref.rank() != 2) {
                throw new IllegalArgumentException("--aligned needs 2-D images, got " + ref.shapeString());
            }
            ArrayFiles.write(aligned, Warp.similarity(mov, 0, 1, r.shift(), Warp.Resampling.CUBIC, 0,
                    common.threads()));
        }
        if (debugDir != null) {
            RegistrationReport.write(debugDir, ref, mov, r);
        }
        format.print(spec.commandLine().getOut(), json);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }

    /** {@code --transform rigid|similarity}: Fourier-Mellin registration. */
    private Integer similarity(NdArray ref, NdArray mov, SimilarityRegistration.Transform kind) throws IOException {
        if (referenceMask != null || movingMask != null || nanAsMask || surface != null || disambiguate
                || maxShift != null || debugDir != null) {
            throw new IllegalArgumentException("--transform " + transform + " takes no masks, --nan-as-mask, "
                    + "--surface, --disambiguate, --max-shift or --debug-dir");
        }
        if (ref.rank() != 2 || mov.rank() != 2) {
            throw new IllegalArgumentException("--transform " + transform + " needs 2-D images, got "
                    + ref.shapeString() + " and " + mov.shapeString());
        }
        SimilarityRegistration.Result r = SimilarityRegistration.register(ref, mov,
                new SimilarityRegistration.Options(kind, true, common.threads()));
        Json json = new Json().put("rotation_deg", r.rotationDeg()).put("scale", r.scale()).put("shift", r.shift())
                .put("overlap_ncc", r.overlapNcc()).put("overlap", r.overlap());
        if (aligned != null) {
            ArrayFiles.write(aligned, Warp.similarity(mov, r.rotationDeg(), r.scale(), r.shift(),
                    Warp.Resampling.CUBIC, 0, common.threads()));
        }
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return Errors.OK;
    }

    private static double[] filled(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    /** Finite real input, or with --nan-as-mask any real input (non-finite pixels become invalid). */
    private NdArray read(Path path, ReadLimits limits) throws IOException {
        if (!nanAsMask) {
            return MaskOptions.readFinite(path, limits);
        }
        NdArray a = Inputs.read(path, limits);
        if (a.isComplex()) {
            throw new InputException(path + ": complex data is not supported here; give a real array");
        }
        return a;
    }
}
