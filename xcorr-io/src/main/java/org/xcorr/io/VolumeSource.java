package org.xcorr.io;

import java.io.IOException;
import org.xcorr.array.NdArray;
import org.xcorr.stack.FrameSource;

/**
 * Volumes from consecutive 2-D frames: frame {@code t} is the 3-D array of planes {@code t·depth ...
 * t·depth + depth - 1} of the underlying source (ImageJ's hyperstack order for one channel: z varies fastest).
 */
final class VolumeSource implements FrameSource {

    private final FrameSource planes;
    private final int depth;

    VolumeSource(FrameSource planes, int depth) throws InputException {
        int[] s = planes.frameShape();
        if (s.length != 2) {
            throw new InputException("--depth groups 2-D pages into volumes, but the frames are already "
                    + NdArray.shapeString(s));
        }
        if (depth < 1 || planes.frameCount() % depth != 0) {
            throw new InputException("the stack has " + planes.frameCount() + " pages, which is not a multiple of"
                    + " the depth " + depth);
        }
        this.planes = planes;
        this.depth = depth;
    }

    @Override
    public int frameCount() {
        return planes.frameCount() / depth;
    }

    @Override
    public int[] frameShape() {
        int[] s = planes.frameShape();
        return new int[] {depth, s[0], s[1]};
    }

    @Override
    public String frameName(int index) {
        return "volume " + index + " (pages " + index * depth + "-" + (index * depth + depth - 1) + ")";
    }

    @Override
    public NdArray frame(int index) throws IOException {
        int[] s = planes.frameShape();
        int n = s[0] * s[1];
        double[] out = new double[depth * n];
        for (int z = 0; z < depth; z++) {
            NdArray p = planes.frame(index * depth + z);
            System.arraycopy(p.backingReal(), 0, out, z * n, n);
        }
        return NdArray.wrap(out, depth, s[0], s[1]);
    }

    @Override
    public void close() throws IOException {
        planes.close();
    }

    /** The underlying planes. */
    FrameSource planes() {
        return planes;
    }
}
