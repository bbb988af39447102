package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.InputException;

/** Reads command-line inputs and checks them the way every subcommand needs. */
final class Inputs {

    private Inputs() {
    }

    /** Reads a real or complex array and rejects NaN and infinity, naming the file. */
    static NdArray readFinite(Path path) throws IOException {
        NdArray a = read(path);
        try {
            return a.requireFinite(path.toString());
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** Reads an array; one that does not fit in the heap is bad input naming the file. */
    static NdArray read(Path path) throws IOException {
        try {
            return ArrayFiles.read(path, ReadSettings.grey());
        } catch (OutOfMemoryError e) {
            throw Errors.inputTooLarge(path, e);
        }
    }

    /**
     * Rejects arrays of different shapes, naming both files and shapes (for commands that compare two arrays
     * pixel by pixel).
     */
    static void requireSameShape(Path pathA, NdArray a, Path pathB, NdArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(pathA + " " + a.shapeString() + " and " + pathB + " "
                    + b.shapeString() + " must have the same shape");
        }
    }

    /** Reads a real array (rejecting complex data and non-finite values), naming the file. */
    static NdArray readReal(Path path) throws IOException {
        NdArray a = readFinite(path);
        if (a.isComplex()) {
            throw new InputException(path + ": complex data is not supported here; give a real array");
        }
        return a;
    }
}
