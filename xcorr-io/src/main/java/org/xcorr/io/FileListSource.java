package org.xcorr.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSource;

/**
 * Frames that are files (a folder, a glob, a list file): frame {@code i} is {@link ArrayFiles#read} of the
 * {@code i}-th path. The frame shape is the first file's; a file of another shape is an error for that frame
 * alone.
 */
final class FileListSource implements FrameSource {

    private final List<Path> paths;
    private final int[] frameShape;

    FileListSource(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new InputException("the stack has no file");
        }
        this.paths = List.copyOf(paths);
        NdArray first = ArrayFiles.read(paths.get(0));
        if (first.isComplex()) {
            throw new InputException(paths.get(0) + ": complex data is not supported in a stack");
        }
        this.frameShape = first.shape();
    }

    /** The files, in frame order. */
    List<Path> paths() {
        return paths;
    }

    @Override
    public int frameCount() {
        return paths.size();
    }

    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public String frameName(int index) {
        return "frame " + index + " (" + paths.get(index) + ")";
    }

    @Override
    public NdArray frame(int index) throws IOException {
        Path p = paths.get(index);
        NdArray a = ArrayFiles.read(p);
        if (a.isComplex()) {
            throw new InputException(frameName(index) + ": complex data is not supported in a stack");
        }
        if (!Arrays.equals(a.shape(), frameShape)) {
            throw new InputException(frameName(index) + " is " + a.shapeString() + " but the first frame ("
                    + paths.get(0).getFileName() + ") is " + NdArray.shapeString(frameShape));
        }
        return a;
    }
}
