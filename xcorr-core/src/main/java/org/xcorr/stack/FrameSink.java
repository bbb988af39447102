package org.xcorr.stack;

import java.io.IOException;
import org.xcorr.array.NdArray;

/**
 * Receives the frames of an output stack in order, one at a time ({@code org.xcorr.io.Stacks} writes them to a
 * multi-page TIFF or an {@code .npy} file as they come, so the stack is never whole in memory).
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * Takes frame {@code index}; called with {@code index = 0, 1, 2, ...} in order, from one thread at a time.
     *
     * @throws IOException when the frame cannot be stored
     */
    void accept(int index, NdArray frame) throws IOException;
}
