package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonCsvTest {

    @Test
    void arraysSpreadOverColumnsAndNullsAreEmpty() {
        Json j = new Json().put("shift", new double[] {-3.28, 5.0}).put("error", Double.NaN).putNull("phasediff")
                .put("peak", new int[] {4, 5}).put("name", "a,\"b\"").put("masked", true).put("radius", 3);
        assertEquals("shift_0,shift_1,error,phasediff,peak_0,peak_1,name,masked,radius\n"
                + "-3.28,5.0,,,4,5,\"a,\"\"b\"\"\",true,3", j.toCsv());
    }

    @Test
    void nestedObjectsHaveNoCsvForm() {
        Json j = new Json().put("inner", new Json().put("x", 1.0));
        assertThrows(IllegalStateException.class, j::toCsv);
    }
}
