package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.io.InputException;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * {@code --image-mask M}, {@code --template-mask M} and {@code --nan-as-mask} of the commands that search an image
 * for a template with the masked NCC ({@code ncc}, {@code offset}, {@code track}), and the reading of their inputs:
 * with no mask option every input must be finite, and the error says which option would accept NaN; with one,
 * each input and its mask are read and checked together, naming the files.
 */
final class MaskOptions {

    @Option(names = "--image-mask", paramLabel = "M",
            description = "Valid pixels of the image (nonzero; the image's shape): masked NCC, invalid pixels count"
                    + " in no sum.")
    Path imageMask;

    @Option(names = "--template-mask", paramLabel = "M",
            description = "Valid pixels of the template (nonzero; its shape): masked NCC.")
    Path templateMask;

    @Option(names = "--nan-as-mask",
            description = "Treat NaN/infinite pixels of either input as invalid (masked NCC).")
    boolean nanAsMask;

    /** Whether the masked NCC is asked for. */
    boolean active() {
        return nanAsMask || imageMask != null || templateMask != null;
    }

    /** The mask files given (for header probes and output checks); nulls for those left out. */
    Path[] files() {
        return new Path[] {templateMask, imageMask};
    }

    /**
     * An input and its validity: without masks, a finite real array (mask null); with masks, any real array and
     * its 0/1 mask (from {@code maskFile} and, with {@code --nan-as-mask}, its finite pixels).
     */
    record Masked(NdArray values, NdArray mask) {
    }

    /** A template and an image, each with its validity ({@link Masked}). */
    record Pair(Masked template, Masked image) {
    }

    /**
     * Checks the headers of both inputs and of the mask files before decoding any, then reads the template with
     * {@code --template-mask} and the image with {@code --image-mask} as {@link #read} does.
     */
    Pair readPair(Path template, Path image, ReadLimits limits) throws IOException {
        Inputs.probe(limits, template, image);
        Inputs.probe(limits, files());
        return new Pair(read(template, templateMask, "--template-mask", limits),
                read(image, imageMask, "--image-mask", limits));
    }

    /**
     * Reads {@code path} and its mask ({@code --template-mask} or {@code --image-mask}, named by {@code option}).
     *
     * @throws InputException          for unreadable files
     * @throws IllegalArgumentException for a mask of another shape, NaN in a mask, a mask without a valid pixel, or
     *                                  a non-finite value at a valid pixel (naming the file and {@code --nan-as-mask})
     */
    Masked read(Path path, Path maskFile, String option, ReadLimits limits) throws IOException {
        if (!active()) {
            return new Masked(readFinite(path, limits), null);
        }
        NdArray values = Inputs.read(path, limits);
        if (values.isComplex()) {
            throw new InputException(path + ": complex data is not supported here; give a real array");
        }
        NdArray mask = null;
        if (maskFile != null) {
            mask = Inputs.readReal(maskFile, limits);
            if (!Arrays.equals(mask.shape(), values.shape())) {
                throw new IllegalArgumentException(option + " " + maskFile + " " + mask.shapeString()
                        + " must have the shape of " + path + " " + values.shapeString());
            }
        }
        if (nanAsMask) {
            mask = Masks.finite(values, mask);
        } else {
            double[] v = values.backingReal();
            double[] m = mask == null ? null : mask.backingReal();
            for (int i = 0; i < v.length; i++) {
                if ((m == null || m[i] != 0) && !Double.isFinite(v[i])) {
                    throw new InputException(path + " contains " + (Double.isNaN(v[i]) ? "NaN" : "infinity")
                            + " at index " + Arrays.toString(values.unravel(i)) + (m == null ? "" : " (a valid pixel of "
                            + maskFile + ")") + "; values must be finite (or pass --nan-as-mask)");
                }
            }
        }
        if (mask != null && !anyValid(mask)) {
            throw new IllegalArgumentException((maskFile != null ? option + " " + maskFile : path + " with --nan-as-mask")
                    + " has no valid (nonzero" + (nanAsMask ? ", finite" : "") + ") pixel; every score would be empty");
        }
        return new Masked(values, mask);
    }

    private static boolean anyValid(NdArray mask) {
        for (double v : mask.backingReal()) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A finite real array, the error naming the option that would accept NaN ({@code … contains NaN at index
     * [10, 10]; values must be finite (or pass --nan-as-mask)}).
     */
    static NdArray readFinite(Path path, ReadLimits limits) throws IOException {
        try {
            return Inputs.readReal(path, limits);
        } catch (InputException e) {
            String m = e.getMessage();
            if (m != null && m.endsWith("; values must be finite")) {
                throw new InputException(m + " (or pass --nan-as-mask)", e);
            }
            throw e;
        }
    }
}
