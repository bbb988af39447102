package org.xcorr.stack;

import java.util.Objects;
import org.xcorr.array.NdArray;

/** {@link FrameSource#of(NdArray)}: the planes of an array along axis 0. */
final class ArrayFrameSource implements FrameSource {

    private final NdArray stack;
    private final int[] frameShape;

    ArrayFrameSource(NdArray stack) {
        Objects.requireNonNull(stack, "stack");
        if (stack.rank() < 2) {
            throw new IllegalArgumentException("a stack needs at least 2 axes (time first), got "
                    + stack.shapeString());
        }
        if (stack.isComplex()) {
            throw new IllegalArgumentException("stack must be real, got a complex array");
        }
        this.stack = stack;
        int[] s = stack.shape();
        this.frameShape = java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    @Override
    public int frameCount() {
        return stack.shape(0);
    }

    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public NdArray frame(int index) {
        return stack.plane(index);
    }
}
