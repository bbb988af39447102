package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.cli.table.Csv;
import org.xcorr.io.ArrayFiles;

/** The batch command end to end; {@link #inputs} is shared with the row runner's tests. */
public class BatchCommandTest {

    /** a.npy, b.npy (a moved circularly by (3, -2): register gives (-3, 2)), nan.npy, small.npy, tpl.npy (a patch of a) in {@code dir}. */
    public static void inputs(Path dir) throws IOException {
        NdArray a = OffsetCommandTest.noise(91, 48, 40);
        double[] b = new double[a.size()];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 40; x++) {
                b[y * 40 + x] = a.get(Math.floorMod(y - 3, 48), Math.floorMod(x + 2, 40));
            }
        }
        ArrayFiles.write(dir.resolve("a.npy"), a);
        ArrayFiles.write(dir.resolve("b.npy"), NdArray.wrap(b, 48, 40));
        double[] nan = a.toArray();
        nan[17] = Double.NaN;
        ArrayFiles.write(dir.resolve("nan.npy"), NdArray.wrap(nan, 48, 40));
        ArrayFiles.write(dir.resolve("small.npy"), OffsetCommandTest.noise(92, 20, 20));
        double[] t = new double[10 * 12];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                t[y * 12 + x] = a.get(y + 20, x + 15);
            }
        }
        ArrayFiles.write(dir.resolve("tpl.npy"), NdArray.wrap(t, 10, 12));
    }

    private static final String MANIFEST = String.join("\n",
            "id,op,reference,moving,upsample,template,image,a,b,radius,output,_note",
            "r1,register,a.npy,b.npy,10,,,,,,,good pair",
            "r2,register,a.npy,missing.npy,,,,,,,,missing file",
            "r10,register,a.npy,nan.npy,,,,,,,,NaN input",
            "r3,local-ncc,,,,,,a.npy,small.npy,2,l3.npy,shape mismatch",
            "r4,offset,,,,tpl.npy,a.npy,,,,,\"a note, with a comma\"",
            "r5,ncc,,,,tpl.npy,a.npy,,,,sub/n5.npy,writes a file",
            "r6,offset,,,4,tpl.npy,a.npy,,,,,option offset does not take",
            "");

    @Test
    void goodAndBadRowsAreRecordedAndTheExitStatusIsThree(@TempDir Path dir) throws IOException {
        inputs(dir);
        Files.createDirectory(dir.resolve("sub"));
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, MANIFEST);
        Path out = dir.resolve("results.csv");
        CliRun r = CliRun.run("batch", m.toString(), "-o", out.toString(), "--jobs", "2");
        assertEquals(3, r.rc(), r.err());
        assertEquals("", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("results.csv.journal")), "the journal goes once the table is written");
        List<Csv.Record> rows = Csv.read(out);
        List<String> h = rows.get(0).fields();
        assertEquals(List.of("id", "op", "reference", "moving", "upsample", "template", "image", "a", "b", "radius",
                "output", "_note", "shift_y", "shift_x", "error", "phasediff", "masked", "peak_value", "overlap_ncc",
                "overlap", "offset_y", "offset_x",
                "peak_y", "peak_x", "fit", "integer_peak_y", "integer_peak_x", "peak_to_sidelobe",
                "second_peak_ratio", "overlap_fraction", "edge", "result_output", "shape_y", "shape_x", "value", "min", "max", "status",
                "seconds"), h);
        // ncc/local-ncc rows print the written array's summary; its "output" clashes with the output column
        assertTrue(rows.get(5).fields().get(h.indexOf("result_output")).endsWith("n5.npy"), rows.get(5).toString());
        List<String> ids = new ArrayList<>();
        for (Csv.Record rec : rows.subList(1, rows.size())) {
            ids.add(rec.fields().get(0));
        }
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6", "r10"), ids, "natural id order");
        int status = h.indexOf("status");
        assertEquals("ok", rows.get(1).fields().get(status));
        assertEquals("-3.0", rows.get(1).fields().get(h.indexOf("shift_y")), "the shift that aligns b with a");
        assertEquals("2.0", rows.get(1).fields().get(h.indexOf("shift_x")));
        assertEquals(dir.resolve("missing.npy") + ": file not found", rows.get(2).fields().get(status));
        assertTrue(rows.get(3).fields().get(status).contains("must have the same shape"), rows.get(3).fields().toString());
        assertEquals("ok", rows.get(4).fields().get(status));
        assertEquals("a note, with a comma", rows.get(4).fields().get(h.indexOf("_note")));
        assertEquals("20", rows.get(4).fields().get(h.indexOf("offset_y")));
        assertEquals("ok", rows.get(5).fields().get(status));
        assertTrue(Files.exists(dir.resolve("sub/n5.npy")), "outputs resolve against the manifest's folder");
        assertEquals("column 'upsample' is not an option of offset; leave it empty on offset rows",
                rows.get(6).fields().get(status));
        assertTrue(rows.get(7).fields().get(status).contains("contains NaN"), rows.get(7).fields().toString());
        for (Csv.Record rec : rows.subList(1, rows.size())) {
            double seconds = Double.parseDouble(rec.fields().get(h.indexOf("seconds")));
            assertTrue(seconds >= 0, rec.toString());
        }

        // the same rows through the single commands: same numbers
        CliRun single = CliRun.run("register", dir.resolve("a.npy").toString(), dir.resolve("b.npy").toString(),
                "--upsample", "10");
        JsonNode s = single.json();
        assertEquals(s.get("error").asDouble(), Double.parseDouble(rows.get(1).fields().get(h.indexOf("error"))), 0.0);
        assertEquals(s.get("phasediff").asDouble(),
                Double.parseDouble(rows.get(1).fields().get(h.indexOf("phasediff"))), 0.0);
    }

    @Test
    void tableIsTheSameForAnyJobsCountAndFormat(@TempDir Path dir) throws IOException {
        inputs(dir);
        Files.createDirectory(dir.resolve("sub"));
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, MANIFEST);
        String one = null;
        for (String jobs : new String[] {"1", "3", "8"}) {
            Path out = dir.resolve("r" + jobs + ".csv");
            assertEquals(3, CliRun.run("batch", m.toString(), "-o", out.toString(), "--jobs", jobs).rc());
            String table = withoutSeconds(Files.readString(out));
            if (one == null) {
                one = table;
            }
            assertEquals(one, table, "--jobs " + jobs);
        }
        CliRun stdout = CliRun.run("batch", m.toString(), "--jobs", "2", "--threads", "1");
        assertEquals(3, stdout.rc());
        List<String> lines = stdout.out().lines().toList();
        assertEquals(7, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("r1", first.get("id").asText());
        assertEquals("[-3.0,2.0]", first.get("shift").toString());
        Path json = dir.resolve("r.json");
        assertEquals(3, CliRun.run("batch", m.toString(), "-o", json.toString()).rc());
        assertEquals(7, new ObjectMapper().readTree(json.toFile()).size());
    }

    /** The CSV text with its last column (seconds) removed from every line. */
    static String withoutSeconds(String csv) {
        StringBuilder b = new StringBuilder();
        for (String line : csv.lines().toList()) {
            b.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return b.toString();
    }

    @Test
    void badManifestsAreStatusTwoWithOneLine(@TempDir Path dir) throws IOException {
        inputs(dir);
        String[][] cases = {
            {"reference,moving\na.npy,b.npy\n", "the header has no 'op' column"},
            {"op,referense,moving\nregister,a.npy,b.npy\n", "column 'referense' is not an option or input of any"},
            {"op,reference,moving\nregistr,a.npy,b.npy\n", "line 2: unknown op 'registr'"},
            {"op,reference,moving\nregister,a.npy\n", "line 2: 2 cells, but the header has 3 columns"},
            {"id,op,reference,moving\n1,register,a.npy,b.npy\n1,register,b.npy,a.npy\n",
                "line 3: id '1' was already used on line 2"},
            {"op,a,b,radius,output\nlocal-ncc,a.npy,b.npy,1,x.npy\nlocal-ncc,b.npy,a.npy,1,./x.npy\n",
                "output ./x.npy is also written by line 2"},
            {"op,reference,moving\n", "no rows after the header line"},
            {"op,reference,Reference\nregister,a.npy,b.npy\n", "column 'Reference' is named twice"},
            {"op,reference,moving\nbatch,a.npy,b.npy\n", "unknown op 'batch'"},
            {"op,help\nregister,true\n", "column 'help' is not an option or input of any command"},
        };
        for (String[] c : cases) {
            Path m = dir.resolve("m.csv");
            Files.writeString(m, c[0]);
            CliRun r = CliRun.run("batch", m.toString(), "-o", dir.resolve("out.csv").toString());
            assertEquals(2, r.rc(), c[0] + " / " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(dir.resolve("out.csv")));
        }
        CliRun missing = CliRun.run("batch", dir.resolve("none.csv").toString());
        assertEquals(2, missing.rc());
        assertTrue(missing.err().contains("none.csv: no such file"), missing.err());
        CliRun resumeWithoutOutput = CliRun.run("batch", dir.resolve("m.csv").toString(), "--resume");
        assertEquals(2, resumeWithoutOutput.rc());
        CliRun ext = CliRun.run("batch", dir.resolve("m.csv").toString(), "-o", dir.resolve("out.txt").toString());
        assertEquals(2, ext.rc());
        assertTrue(ext.err().contains("use .csv, .json or .jsonl"), ext.err());
    }

    @Test
    void allRowsOkIsStatusZeroAndFlagsAndDashedOptionsWork(@TempDir Path dir) throws IOException {
        inputs(dir);
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "op,reference,moving,nan-as-mask,upsample\nregister,a.npy,nan.npy,true,\n"
                + "register,a.npy,b.npy,false,2\nregister,a.npy,b.npy,maybe,\n");
        CliRun r = CliRun.run("batch", m.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("\"masked\": true") && lines.get(0).contains("\"status\": \"ok\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"masked\": false") && lines.get(1).contains("\"id\": \"2\""), lines.get(1));
        assertTrue(lines.get(2).contains("column 'nan-as-mask' is a flag: true or false, got 'maybe'"), lines.get(2));
        assertEquals(3, r.rc());
        Files.writeString(m, "op,reference,moving\nregister,a.npy,b.npy\n");
        assertEquals(0, CliRun.run("batch", m.toString()).rc());
    }

    @Test
    void resumeAfterARealKillGivesTheUninterruptedTable(@TempDir Path dir) throws Exception {
        inputs(dir);
        StringBuilder m = new StringBuilder("id,op,reference,moving,upsample\n");
        int n = 60;
        for (int i = 1; i <= n; i++) {
            // one failing row among them: failed rows run again on resume and must fail the same way
            m.append(i).append(",register,a.npy,").append(i == 7 ? "nan.npy" : "b.npy").append(',')
                    .append(1 + i % 50).append('\n');
        }
        Path manifest = dir.resolve("manifest.csv");
        Files.writeString(manifest, m);

        Path whole = dir.resolve("whole.csv");
        assertEquals(3, CliRun.run("batch", manifest.toString(), "-o", whole.toString(), "--jobs", "2").rc());

        Path out = dir.resolve("killed.csv");
        Path journal = dir.resolve("killed.csv.journal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.xcorr.cli.Main",
                "batch", manifest.toString(), "-o", out.toString(), "--jobs", "1", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long lines = 0;
        while (System.nanoTime() < deadline && p.isAlive()) {
            lines = Files.exists(journal) ? Files.readString(journal).lines().count() : 0;
            if (lines >= 5) {
                break;
            }
            Thread.sleep(2);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(lines >= 5, "the child never got going: " + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(out), "killed before the end: no table yet");
        long kept = Files.readString(journal).lines().count();
        assertTrue(kept < n, "the kill came after the last row (" + kept + ")");

        CliRun resumed = CliRun.run("batch", manifest.toString(), "-o", out.toString(), "--resume", "--jobs", "2");
        assertEquals(3, resumed.rc(), resumed.err());
        assertEquals(withoutSeconds(Files.readString(whole)), withoutSeconds(Files.readString(out)));
        assertFalse(Files.exists(journal));

        // resuming a finished batch reads its table: nothing runs again, the table stays the same
        CliRun again = CliRun.run("batch", manifest.toString(), "-o", out.toString(), "--resume");
        assertEquals(3, again.rc());
        assertEquals(withoutSeconds(Files.readString(whole)), withoutSeconds(Files.readString(out)));
    }
}
