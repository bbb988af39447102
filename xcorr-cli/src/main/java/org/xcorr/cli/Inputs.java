package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.io.InputException;
import org.xcorr.io.ReadLimits;

/** Reads command-line inputs and checks them the way every subcommand needs. */
final class Inputs {

    private Inputs() {
    }

    /**
     * Checks every input's header (exists, supported format and type, declared size within {@code limits} and
     * the heap) before any is decoded, so a bad or oversized second input is reported without first paying for
     * decoding the first. Null paths (options not given) are skipped.
     *
     * @throws InputException naming the first file that would fail
     */
    static void probe(ReadLimits limits, Path... paths) throws IOException {
        for (Path p : paths) {
            if (p != null) {
                ArrayFiles.probe(p, limits);
            }
        }
    }

    /** Reads a real or complex array and rejects NaN and infinity, naming the file (default limits). */
    static NdArray readFinite(Path path) throws IOException {
        return readFinite(path, ReadLimits.defaults());
    }

    /** Reads a real or complex array within {@code limits} and rejects NaN and infinity, naming the file. */
    static NdArray readFinite(Path path, ReadLimits limits) throws IOException {
        NdArray a = read(path, limits);
        try {
            return a.requireFinite(path.toString());
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** Reads an array; one that does not fit in the heap is bad input naming the file. */
    static NdArray read(Path path) throws IOException {
        return read(path, ReadLimits.defaults());
    }

    /** Reads any array within {@code limits}; running out of heap while reading is bad input naming the file. */
    static NdArray read(Path path, ReadLimits limits) throws IOException {
        try {
            return ArrayFiles.read(path, limits, ReadSettings.grey());
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

    /** Reads a real array (rejecting complex data and non-finite values), naming the file (default limits). */
    static NdArray readReal(Path path) throws IOException {
        return readReal(path, ReadLimits.defaults());
    }

    /** Reads a real array within {@code limits} (rejecting complex data and non-finite values), naming the file. */
    static NdArray readReal(Path path, ReadLimits limits) throws IOException {
        NdArray a = readFinite(path, limits);
        if (a.isComplex()) {
            throw new InputException(path + ": complex data is not supported here; give a real array");
        }
        return a;
    }
}
