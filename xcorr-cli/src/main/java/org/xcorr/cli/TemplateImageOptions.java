package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The inputs of the commands that search an image for a template ({@code ncc}, {@code match}, {@code offset}):
 * {@code TEMPLATE IMAGE} as arguments, template first as in {@code ncc(template, image)} and MATLAB's
 * {@code normxcorr2(template, A)}, or named, {@code --template T --image I}, in any order. One form per command
 * line: mixing them is an error rather than a guess ({@link #check}). Both are read as finite real arrays.
 */
final class TemplateImageOptions implements InputCheck {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEMPLATE",
            description = "The template (.npy, image or TIFF); it must fit inside the image.")
    Path templateArgument;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE", description = "The image to search.")
    Path imageArgument;

    @Option(names = "--template", paramLabel = "T", description = "The template, named (instead of TEMPLATE).")
    Path template;

    @Option(names = "--image", paramLabel = "I", description = "The image, named (instead of IMAGE).")
    Path image;

    /**
     * Settles {@link #template} and {@link #image} from whichever form was used; called before the command
     * runs, so the command reads the two fields.
     *
     * @throws IllegalArgumentException when the forms are mixed or an input is missing
     */
    @Override
    public void check(String command) {
        boolean named = template != null || image != null;
        boolean positional = templateArgument != null || imageArgument != null;
        String usage = "xcorr " + command + " TEMPLATE IMAGE (or --template T --image I)";
        if (named && positional) {
            throw new IllegalArgumentException("give the template and image either as arguments or with --template"
                    + " and --image, not both: " + usage);
        }
        if (positional) {
            template = templateArgument;
            image = imageArgument;
        }
        if (template == null && image == null) {
            throw new IllegalArgumentException("missing the template and the image: " + usage);
        }
        if (image == null) {
            throw new IllegalArgumentException((named ? "missing --image I" : "missing the image") + ": " + usage);
        }
        if (template == null) {
            throw new IllegalArgumentException("missing --template T: " + usage);
        }
    }

    /** Checks the template's, the image's and {@code others}' headers before any is decoded. */
    void probe(ReadLimits limits, Path... others) throws IOException {
        Inputs.probe(limits, template, image);
        Inputs.probe(limits, others);
    }

    /** Reads the template: a finite real array. */
    NdArray readTemplate(ReadLimits limits) throws IOException {
        return Inputs.readReal(template, limits);
    }

    /** Reads the image: a finite real array. */
    NdArray readImage(ReadLimits limits) throws IOException {
        return Inputs.readReal(image, limits);
    }
}
