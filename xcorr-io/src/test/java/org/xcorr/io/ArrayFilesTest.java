package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xcorr.io.Fixtures.assertInputError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;

class ArrayFilesTest {

    @TempDir
    Path dir;

    @Test
    void extensionsAreCaseInsensitive() {
        assertEquals("tif", ArrayFiles.extension(Path.of("a/B.TIF")));
        assertEquals("npy", ArrayFiles.extension(Path.of("x.tar.npy")));
        assertEquals("", ArrayFiles.extension(Path.of("noext")));
    }

    @Test
    void unknownExtensionsListTheSupportedOnes() throws IOException {
        Path in = dir.resolve("a.csv");
        Files.writeString(in, "1,2\n");
        assertInputError(in, () -> ArrayFiles.read(in), "'.csv'", ".npy", ".png", ".tiff");
        Path out = dir.resolve("b.jpg");
        assertInputError(out, () -> ArrayFiles.write(out, NdArray.of1d(1)), "output extension '.jpg'", ".tif");
        assertEquals(List.of("a.csv"), Fixtures.listing(dir));
    }

    @Test
    void directoriesAndMissingFilesAreReported() {
        assertInputError(dir, () -> ArrayFiles.read(dir), "not a readable file");
        Path missing = dir.resolve("no/such/dir/out.npy");
        assertInputError(missing, () -> ArrayFiles.write(missing, NdArray.of1d(1)), "does not exist");
    }

    @Test
    void aDirectoryIsNotAnOutputFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub.npy"));
        assertInputError(sub, () -> ArrayFiles.write(sub, NdArray.of1d(1)), "it is a directory");
        assertInputError(sub, () -> AtomicFiles.write(sub, out -> out.write(1)), "it is a directory");
        assertEquals(List.of("sub.npy"), Fixtures.listing(dir));
    }

    @Test
    void checkWritableFailsFastWithTheReason() throws IOException {
        ArrayFiles.checkWritable(dir.resolve("fine.TIFF"));
        Path noExtension = dir.resolve("out");
        assertInputError(noExtension, () -> ArrayFiles.checkWritable(noExtension), "extension (none)", ".npy");
        Path jpg = dir.resolve("out.jpg");
        assertInputError(jpg, () -> ArrayFiles.checkWritable(jpg), "'.jpg'");
        Path missing = dir.resolve("nodir/out.npy");
        assertInputError(missing, () -> ArrayFiles.checkWritable(missing), "does not exist");
        assertInputError(dir, () -> ArrayFiles.checkWritable(dir), "it is a directory");
        InputException empty = assertThrows(InputException.class, () -> ArrayFiles.checkWritable(Path.of("")));
        assertEquals("the output path is empty; give a file name", empty.getMessage());
        assertEquals(List.of(), Fixtures.listing(dir));
    }

    @Test
    void complexArraysGoOnlyToNpy() throws IOException {
        NdArray c = NdArray.ofComplex(new double[] {1, 2}, new double[] {3, 4}, 2);
        ArrayFiles.write(dir.resolve("c.npy"), c);
        assertEquals(c, ArrayFiles.read(dir.resolve("c.npy")));
        for (String name : new String[] {"c.tif", "c.tiff", "c.png"}) {
            Path p = dir.resolve(name);
            assertInputError(p, () -> ArrayFiles.write(p, c), "complex");
        }
        assertEquals(List.of("c.npy"), Fixtures.listing(dir));
    }

    @Test
    void aFailedWriteLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path target = dir.resolve("out.npy");
        Files.writeString(target, "old content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("cannot write " + target + ": disk full (simulated)", e.getMessage(), "names the target");
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of("out.npy"), Fixtures.listing(dir), "no temporary file left behind");

        Path fresh = dir.resolve("fresh.tif");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, out -> {
            out.write(1);
            throw new IllegalStateException("bug in a writer");
        }));
        assertEquals(List.of("out.npy"), Fixtures.listing(dir));
    }

    @Test
    void writesReplaceAnExistingFileCompletely() throws IOException {
        Path target = dir.resolve("a.npy");
        ArrayFiles.write(target, NdArray.of1d(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        ArrayFiles.write(target, NdArray.of1d(7));
        assertArrayEquals(new double[] {7}, ArrayFiles.read(target).backingReal());
        assertEquals(List.of("a.npy"), Fixtures.listing(dir));
    }

    @Test
    void everyOutputFormatReadsBack() throws IOException {
        NdArray a = NdArray.of(new double[] {1.5, -2, 3, 4.25, 1e3, 6}, 2, 3);
        for (String name : new String[] {"x.npy", "x.tif", "x.TIFF"}) {
            Path p = dir.resolve(name);
            ArrayFiles.write(p, a);
            assertEquals(a, ArrayFiles.read(p), name);
        }
        Path png = dir.resolve("x.png");
        ArrayFiles.write(png, a);
        int scale = Pictures.autoScale(2, 3);
        assertArrayEquals(new int[] {2 * scale + MapPicture.BAND, Math.max(3 * scale, MapPicture.MIN_WIDTH)},
                ArrayFiles.read(png).shape(), "a picture of the array, enlarged, with its colour bar");
        byte[] head = Files.readAllBytes(png);
        assertEquals("PNG", new String(head, 1, 3, StandardCharsets.US_ASCII));
    }
}
