package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * The {@code --template T --image I} pair of the commands that search an image for a template ({@code ncc},
 * {@code match}, {@code offset}): one declaration, and both read as finite real arrays.
 */
final class TemplateImageOptions {

    @Option(names = "--template", required = true, paramLabel = "T",
            description = "The template (.npy, image or TIFF); it must fit inside the image.")
    Path template;

    @Option(names = "--image", required = true, paramLabel = "I", description = "The image to search.")
    Path image;

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
