package org.xcorr.stack;

import java.io.IOException;
import java.util.List;
import org.xcorr.array.NdArray;

/**
 * A sequence of equally shaped frames read on demand: a time-lapse (2-D frames), a z-stack over time (3-D
 * volumes per time point), or any list of images to be processed one by one.
 *
 * <p>Frames are read lazily, one call of {@link #frame(int)} per frame, so a consumer holds only the frames it
 * is working on: a stack far larger than the heap can be processed. Implementations read files page by page
 * ({@code org.xcorr.io.Stacks} opens multi-page TIFF, {@code .npy}, folders, globs and list files) or hand
 * out planes of an array in memory ({@link #of(NdArray)}, {@link #of(List)}).
 *
 * <p><b>Threads.</b> {@link #frame(int)} may be called concurrently from several threads, for any indices
 * in any order, and must return the same values for the same index every time.
 *
 * <p><b>Values.</b> A frame is a real array of {@link #frameShape()}, values as stored (never rescaled). It may
 * contain NaN or infinity: checking is the consumer's business, so that one bad frame can be reported as
 * such and the rest still processed. A frame that cannot be read at all (a corrupt page, a missing file)
 * throws an {@link IOException} whose message names the frame; other frames stay readable.
 */
public interface FrameSource extends AutoCloseable {

    /** Number of frames, at least 1. */
    int frameCount();

    /** Shape of every frame, in axis order ({@code [y, x]} or {@code [z, y, x]}); a copy. */
    int[] frameShape();

    /**
     * Frame {@code index}, a new array the caller may keep.
     *
     * @param index {@code 0 <= index < frameCount()}
     * @throws IOException naming the frame when it cannot be read (corrupt or truncated data, a missing file)
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    NdArray frame(int index) throws IOException;

    /**
     * A short name of frame {@code index} for messages and reports: {@code "frame 7"} by default, the file
     * name where frames are files.
     */
    default String frameName(int index) {
        return "frame " + index;
    }

    /** Releases files held open; further reads fail. Does nothing for sources in memory. */
    @Override
    default void close() throws IOException {
    }

    /**
     * Frames of an array whose axis 0 is time: a 2-D array {@code (t, n)} gives 1-D frames of length
     * {@code n}, a 3-D array {@code (t, y, x)} gives 2-D frames {@code (y, x)}. Each {@link #frame} call copies
     * one plane ({@link NdArray#plane(int)}).
     *
     * @throws IllegalArgumentException for a 1-D or complex array
     */
    static FrameSource of(NdArray stack) {
        return new ArrayFrameSource(stack);
    }

    /**
     * Frames held in a list (for example 3-D volumes of a z-stack time-lapse, which one {@link NdArray} of at
     * most 3 axes cannot hold). The list is copied; the arrays are shared, not copied (they are immutable).
     *
     * @throws IllegalArgumentException if the list is empty, or the frames are complex or differ in shape
     */
    static FrameSource of(List<NdArray> frames) {
        return new ListFrameSource(frames);
    }
}
