package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.ColorMap;
import org.xcorr.io.MapPicture;
import org.xcorr.io.Pictures;
import org.xcorr.io.InputException;

/**
 * Checks output paths before any work is done, so a bad {@code -o} fails at once (exit 2) rather than after a
 * long computation, and a result never replaces one of the command's own inputs.
 */
final class Outputs {

    private Outputs() {
    }

    /**
     * Checks that {@code output} can be written by {@link ArrayFiles#write} (supported extension, existing
     * directory, not a directory) and is none of {@code inputs} (null entries are skipped).
     *
     * @throws InputException naming the output path and what is wrong
     */
    static void check(Path output, Path... inputs) throws IOException {
        ArrayFiles.checkWritable(output);
        requireDistinct(output, inputs);
    }

    /**
     * Writes a map (a score per placement or pixel): {@code .png} as a viridis picture over
     * [{@code lo}, {@code hi}] with a labelled colour bar (NaN bounds: the data's range; NCC-type maps pass
     * [-1, 1] so pictures of different maps compare), other extensions as {@link ArrayFiles#write}.
     */
    static void writeMap(Path output, NdArray map, double lo, double hi) throws IOException {
        if (ArrayFiles.extension(output).equals("png")) {
            MapPicture.writeLinear(output, map, ColorMap.VIRIDIS, lo, hi);
        } else {
            ArrayFiles.write(output, map);
        }
    }

    /**
     * Writes an image derived from {@code source} (a shifted or aligned frame): {@code .png} in grey with the
     * source's grey levels ({@link Pictures#greyBits}: 8-bit or 16-bit when the source's values fit, else
     * scaled min to max), so the result looks like the frame it came from; other extensions as
     * {@link ArrayFiles#write}.
     */
    static void writeImage(Path output, NdArray image, NdArray source) throws IOException {
        if (ArrayFiles.extension(output).equals("png")) {
            Pictures.writeGreyLevels(output, image, Pictures.greyBits(source));
        } else {
            ArrayFiles.write(output, image);
        }
    }

    /**
     * Rejects an {@code output} that is the same file as one of {@code inputs}: the same path after
     * normalization, or (for existing files) the same file through a link.
     *
     * @throws InputException naming the output path
     */
    static void requireDistinct(Path output, Path... inputs) throws IOException {
        Path o = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            boolean same = o.equals(in.toAbsolutePath().normalize());
            if (!same && Files.exists(output) && Files.exists(in)) {
                same = Files.isSameFile(output, in);
            }
            if (same) {
                throw new InputException(output + ": the output file is also an input; choose another output path");
            }
        }
    }
}
