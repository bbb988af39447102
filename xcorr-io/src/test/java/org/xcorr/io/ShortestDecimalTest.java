package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortestDecimalTest {

    /** Issue 17: register printed -3.2800000000000002 style digits; the shortest text is what people read. */
    @Test
    void shortestFormsOfCommonValues() {
        assertEquals("-3.28", ShortestDecimal.toString(-3.28));
        assertEquals("0.002", ShortestDecimal.toString(0.002));
        assertEquals("0.0001", ShortestDecimal.toString(1e-4));
        assertEquals("1e-05", ShortestDecimal.toString(1e-5));
        assertEquals("3.0", ShortestDecimal.toString(3));
        assertEquals("-0.0", ShortestDecimal.toString(-0.0));
        assertEquals("0.0", ShortestDecimal.toString(0.0));
        assertEquals("1000000000000000.0", ShortestDecimal.toString(1e15));
        assertEquals("1e+16", ShortestDecimal.toString(1e16));
        assertEquals("5e-324", ShortestDecimal.toString(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", ShortestDecimal.toString(Double.MAX_VALUE));
    }

    /** JDK-4511638: JDK 17's Double.toString gives more digits than needed for some doubles. */
    @Test
    void jdk4511638DoublesGetTheirShortestDigits() {
        assertEquals("2.82879384806159e+17", ShortestDecimal.toString(2.82879384806159E17));
        assertEquals("1e+23", ShortestDecimal.toString(1.0E23));
    }

    /** Every line of the Python-generated table (raw bits, repr) must come out exactly as Python writes it. */
    @Test
    void agreesWithPythonRepr() throws IOException {
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ShortestDecimalTest.class.getResourceAsStream("python_repr.txt"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(" ");
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(p[0]));
                assertEquals(p[1], ShortestDecimal.toString(d), "bits " + p[0]);
                n++;
            }
        }
        assertEquals(101, n);
    }

    /** Round trip and minimality over random doubles: the text parses back, and one digit fewer never does. */
    @Test
    void roundTripsAndIsMinimal() {
        SplittableRandom random = new SplittableRandom(4511638);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = ShortestDecimal.toString(d);
            assertEquals(d, Double.parseDouble(s), s);
            int digits = ShortestDecimal.shortestDigits(d).precision();
            assertTrue(digits <= 17, s);
            if (digits > 1) {
                java.math.BigDecimal exact = new java.math.BigDecimal(d);
                for (java.math.RoundingMode m : new java.math.RoundingMode[] {
                    java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING}) {
                    double back = exact.round(new java.math.MathContext(digits - 1, m)).doubleValue();
                    assertTrue(back != d, "a shorter form exists for " + s);
                }
            }
        }
    }

    @Test
    void nonFiniteIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.toString(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.toString(Double.NEGATIVE_INFINITY));
    }
}
