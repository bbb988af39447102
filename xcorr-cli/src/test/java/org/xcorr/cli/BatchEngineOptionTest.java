package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xcorr batch --engine}: without xcorr-spark on the class path (as here), {@code --engine spark} is one line
 * naming what is missing, exit 2, and nothing runs; {@code --master} belongs to a remote engine. (The engine itself
 * is tested in xcorr-spark, against the local engine.)
 */
class BatchEngineOptionTest {

    @Test
    void sparkEngineWithoutItsJarIsOneLineExitTwo(@TempDir Path dir) throws IOException {
        org.xcorr.cli.BatchCommandTest.inputs(dir);
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "op,reference,moving\nregister,a.npy,b.npy\n");
        Path out = dir.resolve("r.csv");
        CliRun r = CliRun.run("batch", "--engine", "spark", "--master", "local[2]", m.toString(), "-o", out.toString());
        assertEquals(2, r.rc(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("engine 'spark' is not on the class path"), r.err());
        assertTrue(!Files.exists(out) && !Files.exists(Path.of(out + ".journal")), "nothing ran");

        CliRun master = CliRun.run("batch", "--master", "local[2]", m.toString(), "-o", out.toString());
        assertEquals(2, master.rc(), master.err());
        assertTrue(master.err().contains("--master needs --engine spark"), master.err());
        assertTrue(!Files.exists(out), "nothing ran");

        CliRun local = CliRun.run("batch", "--engine", "local", m.toString(), "-o", out.toString());
        assertEquals(0, local.rc(), local.err());
    }
}
