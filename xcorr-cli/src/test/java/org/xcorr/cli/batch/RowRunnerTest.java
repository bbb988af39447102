package org.xcorr.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.cli.BatchCommandTest;

class RowRunnerTest {

    private static final List<String> HEADER = List.of("op", "reference", "moving", "upsample", "_tag");

    @Test
    void runsARowSilentlyAndSurvivesSerialization(@TempDir Path dir) throws Exception {
        BatchCommandTest.inputs(dir);
        RowRunner runner = new RowRunner(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(runner);
        }
        RowRunner shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (RowRunner) in.readObject();
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Object> a;
        Map<String, Object> b;
        Map<String, Object> bad;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            a = runner.run(HEADER, List.of("register", "a.npy", "b.npy", "4", "x"), dir.toString(), "7");
            b = shipped.run(HEADER, List.of("register", "a.npy", "b.npy", "4", "x"), dir.toString(), "7");
            bad = runner.run(HEADER, List.of("register", "a.npy", "nope.npy", "", ""), dir.toString(), "8");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "a row never prints");
        assertEquals(List.of("id", "op", "reference", "moving", "upsample", "_tag", "shift", "error", "phasediff",
                "masked", "peak_value", "overlap_ncc", "overlap", "status", "seconds"), new ArrayList<>(a.keySet()));
        assertEquals("7", a.get("id"));
        assertEquals(List.of(-3.0, 2.0), a.get("shift"));
        assertEquals("ok", a.get("status"));
        a.remove("seconds");
        b.remove("seconds");
        assertEquals(a, b);
        assertEquals(dir.resolve("nope.npy") + ": file not found", bad.get("status"));
        assertFalse(bad.containsKey("shift"));
        assertThrows(IllegalArgumentException.class, () -> new RowRunner(0));
    }

    @Test
    void inputsStartingWithADashAndAbsolutePathsArePassedAsGiven(@TempDir Path dir) throws Exception {
        BatchCommandTest.inputs(dir);
        Files.copy(dir.resolve("b.npy"), dir.resolve("-b.npy"));
        Map<String, Object> r = new RowRunner(1).run(HEADER,
                List.of("register", dir.resolve("a.npy").toString(), "-b.npy", "", ""), "/nonexistent", "1");
        assertEquals("/nonexistent/-b.npy: file not found", r.get("status"), "relative paths resolve against baseDir");
        r = new RowRunner(1).run(HEADER, List.of("register", dir.resolve("a.npy").toString(), "-b.npy", "", ""),
                dir.toString(), "1");
        assertEquals("ok", r.get("status"));
    }

    @Test
    void knownColumnsAndOps() {
        assertTrue(RowRunner.ops().containsAll(List.of("register", "offset", "track", "ncc", "correlate", "match",
                "local-ncc", "shift", "similarity")));
        assertFalse(RowRunner.ops().contains("batch") || RowRunner.ops().contains("demo"));
        for (String c : List.of("reference", "moving", "template", "image", "a", "b", "in", "upsample",
                "nan_as_mask", "output", "template-radius", "points", "threads", "Upsample")) {
            assertTrue(RowRunner.isKnownColumn(c), c);
        }
        for (String c : List.of("help", "version", "verbose", "upsampel")) {
            assertFalse(RowRunner.isKnownColumn(c), c);
        }
    }
}
