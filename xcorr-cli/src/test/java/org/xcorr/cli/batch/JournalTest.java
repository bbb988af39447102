package org.xcorr.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static Map<String, Object> row(String id, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("shift", new double[] {1.5, -2});
        m.put("status", status);
        return m;
    }

    @Test
    void aTornLastLineIsSkippedOnReadAndCutBeforeAppending(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.csv.journal");
        try (Journal j = Journal.open(f, false)) {
            j.append(row("1", "ok"));
            j.append(row("2", "bad input"));
        }
        // a kill in the middle of a write: half a line, ending inside a two-byte character
        byte[] torn = "{\"id\": \"3\", \"status\": \"é".getBytes(StandardCharsets.UTF_8);
        Files.write(f, Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);
        Map<String, Map<String, Object>> read = Journal.read(f);
        assertEquals(List.of("1", "2"), new ArrayList<>(read.keySet()));
        assertEquals(List.of(1.5, -2.0), read.get("1").get("shift"));
        try (Journal j = Journal.open(f, true)) {
            j.append(row("2", "ok"));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("ok", Journal.read(f).get("2").get("status"), "the last record of a row counts");
        try (Journal j = Journal.open(f, false)) {
            assertTrue(Files.readString(f).isEmpty(), "a fresh run starts an empty journal");
        }
        assertEquals(dir.resolve("out.csv.journal"), Journal.of(dir.resolve("out.csv")));
    }

    @Test
    void idsSortNaturally() {
        List<String> ids = new ArrayList<>(List.of("r10", "r2", "10", "9", "b", "a", "r02", "r1", "010"));
        ids.sort(BatchRun.ID_ORDER);
        assertEquals(List.of("9", "010", "10", "a", "b", "r1", "r02", "r2", "r10"), ids);
    }
}
