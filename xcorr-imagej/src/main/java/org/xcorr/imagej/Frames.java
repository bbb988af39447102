package org.xcorr.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import java.awt.Rectangle;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSource;

/**
 * The frames of an image, read one at a time: a hyperstack's time points (at its current channel and
 * z-slice), or a plain stack's slices (a stack with one time point and several slices is taken as a time
 * series, which is what a plain stack usually is). A single image has one frame.
 *
 * <p>Each plane is fetched with {@link ImageStack#getProcessor(int)} only when asked for, so on a virtual
 * stack a frame is read from disk when it is used and nothing holds the whole stack. As a {@link FrameSource}
 * it feeds the library's stack operations: {@link #frame(int)} may be called from several threads; reads are
 * serialized, since ImageJ's virtual stacks (file readers) are not thread-safe; reading and converting a
 * frame is the cheap part of its work next to the transforms.
 */
final class Frames implements FrameSource {

    private final ImagePlus imp;
    private final ImageStack stack;
    private final boolean timeAxis;
    private final int count;
    private final int channel;
    private final int slice;
    private final int current;

    /** The frames of {@code imp} at its current channel (and z-slice, for a hyperstack with time points). */
    Frames(ImagePlus imp) {
        this.imp = Objects.requireNonNull(imp, "imp");
        this.stack = imp.getStack();
        this.timeAxis = imp.getNFrames() > 1;
        this.count = timeAxis ? imp.getNFrames() : imp.getNSlices();
        // from the stack index: ImagePlus's (c, z, t) position is not kept up to date for every kind of stack
        int[] position = imp.convertIndexToPosition(imp.getCurrentSlice());
        this.channel = position[0];
        this.slice = position[1];
        this.current = (timeAxis ? position[2] : position[1]) - 1;
    }

    /** The number of frames. */
    int count() {
        return count;
    }

    @Override
    public int frameCount() {
        return count;
    }

    @Override
    public int[] frameShape() {
        return new int[] {imp.getHeight(), imp.getWidth()};
    }

    @Override
    public NdArray frame(int index) {
        // converted under the lock too: a virtual stack may hand out one processor object it reuses
        synchronized (this) {
            return ImageArrays.toArray(processor(index));
        }
    }

    /** {@code "frame N"}, counting from 1 as ImageJ's stack slider does. */
    @Override
    public String frameName(int index) {
        return "frame " + (index + 1);
    }

    /**
     * Frames {@code from .. from + count - 1} as a source of {@code count} frames, its frame 0 being frame
     * {@code from} here (read lazily through this object; names keep ImageJ's numbering).
     */
    FrameSource range(int from, int count) {
        Objects.checkFromIndexSize(from, count, this.count);
        Frames whole = this;
        return new FrameSource() {
            @Override
            public int frameCount() {
                return count;
            }

            @Override
            public int[] frameShape() {
                return whole.frameShape();
            }

            @Override
            public NdArray frame(int index) {
                return whole.frame(from + Objects.checkIndex(index, count));
            }

            @Override
            public String frameName(int index) {
                return whole.frameName(from + index);
            }
        };
    }

    /** Whether frames are a hyperstack's time points (else the stack's slices). */
    boolean timeAxis() {
        return timeAxis;
    }

    /** The stack index (1-based, as {@link ImageStack#getProcessor(int)}) of frame {@code frame} (0-based). */
    int stackIndex(int frame) {
        Objects.checkIndex(frame, count);
        return timeAxis ? imp.getStackIndex(channel, slice, frame + 1) : imp.getStackIndex(channel, frame + 1, 1);
    }

    /** Frame {@code frame}'s plane (read now; for a virtual stack, from disk). */
    ImageProcessor processor(int frame) {
        return stack.getProcessor(stackIndex(frame));
    }

    /** Frame {@code frame} as a 2-D array (a copy). */
    NdArray array(int frame) {
        return ImageArrays.toArray(processor(frame));
    }

    /** A rectangle of frame {@code frame} as a 2-D array (a copy of the rectangle). */
    NdArray array(int frame, Rectangle r) {
        return ImageArrays.toArray(processor(frame), r);
    }

    /** The frame shown when this object was made (0-based). */
    int current() {
        return current;
    }

    /** Sets the position of an overlay element so that it shows on frame {@code frame} only. */
    void placeOn(ij.gui.Roi roi, int frame) {
        if (imp.isHyperStack()) {
            roi.setPosition(channel, timeAxis ? slice : frame + 1, timeAxis ? frame + 1 : 1);
        } else if (imp.getStackSize() > 1) {
            roi.setPosition(stackIndex(frame));
        }
    }
}
