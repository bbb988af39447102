package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private long now;

    private ProgressLine line(ByteArrayOutputStream bytes, boolean enabled) {
        return new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "align", "frames", enabled,
                () -> now);
    }

    @Test
    void disabledLineDrawsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine p = line(bytes, false)) {
            for (int i = 1; i <= 10; i++) {
                now += 1_000_000_000L;
                assertTrue(p.progress(i, 10));
            }
        }
        assertEquals(0, bytes.size());
    }

    @Test
    void redrawsAtMostTenTimesASecondAndEndsWithNewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine p = line(bytes, true)) {
            for (int i = 1; i <= 1000; i++) {
                now += 1_000_000L; // 1 ms per item: 1 s in all
                p.progress(i, 1000);
            }
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        long redraws = s.chars().filter(c -> c == '\r').count();
        // first item, then every 100 ms (10 in 1 s), the last item, and the final draw on close
        assertTrue(redraws >= 10 && redraws <= 13, "redraws: " + redraws);
        assertTrue(s.endsWith("\n"), s);
        assertTrue(s.contains("1000/1000  100%"), s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
    }

    @Test
    void outOfOrderReportsKeepTheLargestCount() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine p = line(bytes, true)) {
            now = 1_000_000_000L;
            p.progress(5, 10);
            now = 2_000_000_000L;
            p.progress(3, 10);
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("5/10") && !s.contains("3/10"), s);
    }

    @Test
    void formatShowsRateElapsedAndRemaining() {
        assertEquals("align  50/200   25%  10.0 frames/s  elapsed 0:05  remaining 0:15",
                ProgressLine.format("align", "frames", 50, 200, 5_000_000_000L));
        assertEquals("align  0/200    0%  0.0 frames/s  elapsed 0:00  remaining ?",
                ProgressLine.format("align", "frames", 0, 200, 0));
        assertEquals("1:01:01", ProgressLine.clockTime(3661));
    }
}
