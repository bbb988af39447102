package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersArraysNullsAndStrings() {
        Json j = new Json()
                .put("shift", new double[] {-3.5, 2.0})
                .put("error", Double.NaN)
                .put("fit", 0.25)
                .put("radius", 3)
                .put("peak", new int[] {4, 5})
                .put("name", "a \"b\"\n")
                .put("masked", true)
                .putNull("phasediff")
                .put("zero", -0.0);
        assertEquals("{\"shift\": [-3.5, 2.0], \"error\": null, \"fit\": 0.25, \"radius\": 3, \"peak\": [4, 5],"
                + " \"name\": \"a \\\"b\\\"\\n\", \"masked\": true, \"phasediff\": null, \"zero\": -0.0}", j.toString());
    }

    @Test
    void fullPrecisionAndInfinity() {
        assertEquals("{\"x\": 0.1, \"y\": 1e-20, \"z\": null}",
                new Json().put("x", 0.1).put("y", 1e-20).put("z", Double.POSITIVE_INFINITY).toString());
    }
}
