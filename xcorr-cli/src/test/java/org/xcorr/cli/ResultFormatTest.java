package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

/** Issue 17: --format csv where one row of numbers per run is the natural table (offset, register). */
class ResultFormatTest {

    @TempDir
    Path dir;

    @Test
    void offsetAsCsvHasAHeaderAndOneRowPerAxisColumn() throws IOException {
        NdArray image = OffsetCommandTest.noise(31, 40, 50);
        Path i = dir.resolve("i.npy");
        Path t = dir.resolve("t.npy");
        ArrayFiles.write(i, image);
        ArrayFiles.write(t, OffsetCommandTest.crop2d(image, 12, 20, 8, 9));
        CliRun r = CliRun.run("offset", t.toString(), i.toString(), "--format", "csv");
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertEquals("offset_0,offset_1,peak_0,peak_1,fit,integer_peak_0,integer_peak_1,peak_to_sidelobe,"
                + "second_peak_ratio,overlap_fraction,edge", lines[0]);
        assertTrue(lines[1].startsWith("12,20,19,28,"), lines[1]);
        assertEquals(11, lines[1].split(",", -1).length);
        CliRun json = CliRun.run("offset", t.toString(), i.toString(), "--format", "JSON");
        assertEquals("[12,20]", json.json().get("offset").toString());
    }

    @Test
    void registerAsCsvLeavesUndefinedValuesEmpty() throws IOException {
        NdArray a = OffsetCommandTest.noise(32, 32, 32);
        Path pa = dir.resolve("a.npy");
        ArrayFiles.write(pa, a);
        CliRun r = CliRun.run("register", pa.toString(), pa.toString(), "--reference-mask", pa.toString(),
                "--nan-as-mask", "--format", "csv");
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals("shift_0,shift_1,error,phasediff,masked,peak_value,overlap_ncc,overlap", lines[0]);
        assertTrue(lines[1].startsWith("0.0,0.0,,,true,"), lines[1]);
        assertTrue(lines[1].endsWith(",,"), "masked registration has no error, phasediff or overlap NCC: " + lines[1]);
        CliRun bad = CliRun.run("register", pa.toString(), pa.toString(), "--format", "xml");
        assertEquals(2, bad.rc());
        assertEquals(1, bad.errLines(), bad.err());
    }
}
