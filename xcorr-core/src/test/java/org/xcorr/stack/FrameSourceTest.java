package org.xcorr.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

class FrameSourceTest {

    private static NdArray ramp(int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return NdArray.wrap(d, shape);
    }

    @Test
    void planesOfATimeFirstArray() throws Exception {
        NdArray stack = ramp(4, 3, 5);
        try (FrameSource s = FrameSource.of(stack)) {
            assertEquals(4, s.frameCount());
            assertArrayEquals(new int[] {3, 5}, s.frameShape());
            for (int t = 0; t < 4; t++) {
                NdArray f = s.frame(t);
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(stack.get(t, y, x), f.get(y, x));
                    }
                }
            }
        }
    }

    @Test
    void subBoxCopiesTheBox() {
        NdArray a = ramp(4, 6, 7);
        NdArray b = a.subBox(new int[] {1, 2, 3}, new int[] {3, 5, 7});
        assertArrayEquals(new int[] {2, 3, 4}, b.shape());
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(a.get(z + 1, y + 2, x + 3), b.get(z, y, x));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> a.subBox(new int[] {0, 0, 0}, new int[] {5, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> a.subBox(new int[] {1, 0, 0}, new int[] {1, 1, 1}));
    }

    @Test
    void listSourceRejectsMixedShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> FrameSource.of(List.of(ramp(3, 3), ramp(3, 4))));
        assertThrows(IllegalArgumentException.class, () -> FrameSource.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> FrameSource.of(ramp(5)));
    }
}
