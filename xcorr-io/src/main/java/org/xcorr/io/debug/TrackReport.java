package org.xcorr.io.debug;

import java.io.IOException;
import java.nio.file.Path;
import org.xcorr.array.NdArray;
import org.xcorr.track.Track;

/**
 * A debug directory for a tracked point ({@link org.xcorr.track.Tracker}): the {@link DebugReport} of the
 * template patch searched for in the search region, so the outline in {@code image.png} and the report shows
 * where the patch was found inside the region. Positions in the report are relative to the region; the point
 * moved by the track's {@code offset}.
 */
public final class TrackReport {

    private TrackReport() {
    }

    /**
     * Cuts the template patch from {@code templateImage} and the search region from {@code image} as
     * {@code track} records them, and writes their {@link DebugReport}.
     *
     * @throws IOException as {@link DebugReport#write}
     */
    public static void write(Path dir, NdArray templateImage, NdArray image, Track track) throws IOException {
        NdArray patch = crop(templateImage, track.templateStart(), track.templateShape());
        NdArray region = crop(image, track.regionStart(), track.regionShape());
        DebugReport.write(dir, patch, region, track.match());
    }

    /** The block of {@code a} starting at {@code start} with {@code shape} (1 to 3 axes, inside the array). */
    static NdArray crop(NdArray a, int[] start, int[] shape) {
        int rank = a.rank();
        int[] full = new int[3];
        int[] s = new int[3];
        int[] n = new int[3];
        for (int k = 0; k < 3; k++) {
            int axis = k - (3 - rank);
            full[k] = axis < 0 ? 1 : a.shape(axis);
            s[k] = axis < 0 ? 0 : start[axis];
            n[k] = axis < 0 ? 1 : shape[axis];
        }
        double[] src = a.backingReal();
        double[] out = new double[n[0] * n[1] * n[2]];
        int o = 0;
        for (int z = 0; z < n[0]; z++) {
            for (int y = 0; y < n[1]; y++) {
                int from = ((s[0] + z) * full[1] + s[1] + y) * full[2] + s[2];
                System.arraycopy(src, from, out, o, n[2]);
                o += n[2];
            }
        }
        return NdArray.wrap(out, shape.clone());
    }
}
