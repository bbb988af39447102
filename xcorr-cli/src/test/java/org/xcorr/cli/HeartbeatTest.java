package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void lineShowsTheCommandAndElapsedTime() {
        assertEquals("ncc  running  elapsed 0:03", Heartbeat.format("ncc", 3_200_000_000L));
        assertEquals("register  running  elapsed 1:05:00", Heartbeat.format("register", 3900L * 1_000_000_000L));
    }

    @Test
    void commandNameIsTheFirstNonOption() {
        assertEquals("ncc", Heartbeat.commandName("--threads", "ncc", "t.npy", "i.npy"));
        assertNull(Heartbeat.commandName("--version"));
    }

    @Test
    void firstOutputByteErasesTheLineSoResultsNeverShareIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Heartbeat h = Heartbeat.forTest(new PrintStream(err, true, StandardCharsets.UTF_8), "ncc", now::get);
        now.set(2_500_000_000L);
        h.draw();
        now.set(3_100_000_000L);
        h.draw();
        PrintStream guarded = h.guard(new PrintStream(out, true, StandardCharsets.UTF_8));
        guarded.println("{\"shape\": [2, 2]}");
        h.draw(); // a late timer tick after the output draws nothing
        String line = "ncc  running  elapsed 0:03";
        assertEquals("\rncc  running  elapsed 0:03\r" + line + "\r" + " ".repeat(line.length()) + "\r",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("{\"shape\": [2, 2]}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothingIsDrawnWithoutAConsoleOrForCommandsWithTheirOwnProgress() throws Exception {
        // surefire's JVM has no console: the heartbeat is off and streams pass through untouched
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Heartbeat h = Heartbeat.forTerminal(new PrintStream(err, true, StandardCharsets.UTF_8), "ncc", "a", "b")) {
            Thread.sleep(50);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(System.console() == null, "tests run without a console");
    }
}
