package org.xcorr.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xcorr.array.NdArray;

/** {@link FrameSource#of(List)}: frames held in memory. */
final class ListFrameSource implements FrameSource {

    private final List<NdArray> frames;
    private final int[] frameShape;

    ListFrameSource(List<NdArray> frames) {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames: the list is empty; a stack needs at least one frame");
        }
        this.frames = List.copyOf(frames);
        this.frameShape = this.frames.get(0).shape();
        for (int i = 0; i < this.frames.size(); i++) {
            NdArray f = this.frames.get(i);
            if (f.isComplex()) {
                throw new IllegalArgumentException("frame " + i + " is complex; frames must be real");
            }
            if (!Arrays.equals(f.shape(), frameShape)) {
                throw new IllegalArgumentException("frame " + i + " is " + f.shapeString() + " but frame 0 is "
                        + NdArray.shapeString(frameShape) + "; every frame must have the same shape");
            }
        }
    }

    @Override
    public int frameCount() {
        return frames.size();
    }

    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public NdArray frame(int index) {
        return frames.get(index);
    }
}
