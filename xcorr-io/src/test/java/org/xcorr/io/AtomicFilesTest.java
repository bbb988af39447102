package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;

/** Temporary names, stale leftovers, permissions, error messages and whole-directory writes of {@link AtomicFiles}. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- names

    /** Bug: a valid 254-character output name failed because the temporary name grew past 255 bytes. */
    @Test
    void bug_aLongValidNameIsWritable() throws IOException {
        for (String name : new String[] {"a".repeat(250) + ".npy", "é".repeat(125) + ".npy", "x".repeat(255)}) {
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 255, name.length() + " chars");
            Path target = dir.resolve(name);
            AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
            assertEquals(List.of(name), Fixtures.listing(dir), "no temporary file left");
            Files.delete(target);
        }
    }

    @Test
    void temporaryNamesAreRecognisableAndFitTheLimit() {
        Path short_ = dir.resolve("out.npy");
        String n = TempFiles.newName(short_).getFileName().toString();
        assertTrue(n.matches("\\.out\\.npy\\.xcorr-" + ProcessHandle.current().pid() + "-[0-9a-z]{1,8}\\.part"), n);
        assertNotEquals(n, TempFiles.newName(short_).getFileName().toString(), "random part");

        String longA = "a".repeat(300);
        String longB = "a".repeat(299) + "b";
        String multi = "日本".repeat(100);
        for (String name : new String[] {longA, longB, multi, "é".repeat(200)}) {
            String tmp = TempFiles.newName(dir.resolve(name)).getFileName().toString();
            assertTrue(tmp.getBytes(StandardCharsets.UTF_8).length <= TempFiles.MAX_NAME_BYTES, tmp);
            assertEquals(TempFiles.stem(name), TempFiles.stem(name), "deterministic");
        }
        assertNotEquals(TempFiles.stem(longA), TempFiles.stem(longB), "long names differing at the end keep apart");
        assertEquals("out.npy", TempFiles.stem("out.npy"));
        // the 255-byte bound holds with the longest process id too
        assertTrue(1 + TempFiles.MAX_STEM_BYTES + TempFiles.MARK.length() + 19 + 1 + 8 + TempFiles.SUFFIX.length()
                <= TempFiles.MAX_NAME_BYTES);
    }

    // ---------------------------------------------------------------- stale leftovers

    /** Bug: temporary files of killed runs stayed for ever; the next write to the same target now removes them. */
    @Test
    void bug_staleTemporaryFilesOfDeadProcessesAreRemovedOnTheNextWrite() throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path target = dir.resolve("out.npy");
        Path staleFile = Files.writeString(dir.resolve(".out.npy.xcorr-" + dead + "-abc.part"), "partial");
        Path staleDir = Files.createDirectory(dir.resolve(".out.npy.xcorr-" + dead + "-d1r.part"));
        Files.writeString(staleDir.resolve("inside.png"), "x");
        Path liveFresh = Files.writeString(dir.resolve(".out.npy.xcorr-" + alive + "-live.part"), "being written");
        Path liveOld = Files.writeString(dir.resolve(".out.npy.xcorr-" + alive + "-old.part"), "abandoned");
        Files.setLastModifiedTime(liveOld, FileTime.from(Instant.now().minus(TempFiles.STALE_AGE).minusSeconds(60)));
        Path otherTarget = Files.writeString(dir.resolve(".other.npy.xcorr-" + dead + "-abc.part"), "not ours");
        Path lookalike = Files.writeString(dir.resolve(".out.npy.xcorr-" + dead + "-abc.part.keep"), "user file");

        AtomicFiles.write(target, out -> out.write(7));

        assertFalse(Files.exists(staleFile), "dead process's file");
        assertFalse(Files.exists(staleDir), "dead process's directory");
        assertFalse(Files.exists(liveOld), "untouched for a day");
        assertTrue(Files.exists(liveFresh), "a live process may still be writing it");
        assertTrue(Files.exists(otherTarget), "another target's temporary file is left to its own next write");
        assertTrue(Files.exists(lookalike), "only exact temporary names are removed");
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
    }

    @Test
    void staleLeftoversOfALongNameAreFoundByItsShortenedStem() throws Exception {
        String name = "n".repeat(240) + ".npy";
        Path target = dir.resolve(name);
        Path stale = dir.resolve("." + TempFiles.stem(name) + ".xcorr-" + deadPid() + "-zz.part");
        Files.writeString(stale, "partial");
        AtomicFiles.write(target, out -> out.write(1));
        assertEquals(List.of(name), Fixtures.listing(dir));
    }

    /** The shutdown hook's clean-up racing a write: the write fails, nothing is left, the old target stays. */
    @Test
    void cleanupDuringAWriteLeavesNoTemporaryFileAndTheOldTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("out.npy"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);
            out.flush();
            assertEquals(2, Fixtures.listing(dir).size(), "the temporary file exists while writing");
            TempFiles.deleteAll(false);
            out.write(new byte[1000]);
        }));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.npy"), Fixtures.listing(dir));
    }

    // ---------------------------------------------------------------- permissions

    /** Bug: outputs were forced to 0644, world-readable under umask 077. New files now get the umask's bits. */
    @Test
    void bug_newFilesGetTheUmasksPermissions() throws IOException {
        assumeTrue(posix(), "POSIX permissions");
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("new.npy");
        AtomicFiles.write(target, out -> out.write(1));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
        Path d = dir.resolve("newdir");
        AtomicFiles.writeDirectory(d, Map.of("a.png", out -> out.write(1)));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(d.resolve("a.png")));
        Path refDir = Files.createDirectory(dir.resolve("refdir"));
        assertEquals(Files.getPosixFilePermissions(refDir), Files.getPosixFilePermissions(d));
    }

    /** Bug: replacing a 0600 file left it 0644. A replaced target keeps its permissions. */
    @Test
    void bug_aReplacedTargetKeepsItsPermissions() throws IOException {
        assumeTrue(posix(), "POSIX permissions");
        for (String mode : new String[] {"rw-------", "rw-r-----", "rwxr-xr-x"}) {
            Path target = Files.writeString(dir.resolve("out-" + mode + ".npy"), "old");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
            AtomicFiles.write(target, out -> out.write(1));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
        Path d = dir.resolve("dbg");
        AtomicFiles.writeDirectory(d, Map.of("a.png", out -> out.write(1)));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(d.resolve("a.png"), PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeDirectory(d, Map.of("a.png", out -> out.write(2)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("a.png"))));
    }

    // ---------------------------------------------------------------- errors

    /** Bug: a full disk while writing a PNG said only "I/O error writing PNG file!"; now the path and the cause. */
    @Test
    void bug_ioErrorsNameThePathAndTheCause() throws IOException {
        Path target = dir.resolve("map.png");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100]);
            throw new IIOException("I/O error writing PNG file!",
                    new FileSystemException(dir.resolve(".map.png.xcorr-1-x.part").toString(), null,
                            "No space left on device"));
        }));
        assertFalse(e instanceof InputException, "a full disk is not bad input");
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals(List.of(), Fixtures.listing(dir));
    }

    /** A path the user cannot write is bad input; running out of space is not. */
    @Test
    void pathProblemsAreInputErrorsAndFullDisksAreNot() {
        assertTrue(AtomicFiles.isPathProblem(new FileSystemException("/x", null, "Read-only file system")));
        assertTrue(AtomicFiles.isPathProblem(new java.nio.file.AccessDeniedException("/x")));
        assertTrue(AtomicFiles.isPathProblem(new FileSystemException("/x/y", null, "Not a directory")));
        assertTrue(AtomicFiles.isPathProblem(new FileSystemException("/x", null, "File name too long")));
        assertFalse(AtomicFiles.isPathProblem(new FileSystemException("/x", null, "No space left on device")));
        assertFalse(AtomicFiles.isPathProblem(new FileSystemException("/x", null, "Disk quota exceeded")));
        assertFalse(AtomicFiles.isPathProblem(new IOException("Input/output error")));
        IOException ro = AtomicFiles.failure(Path.of("out.npy"), new FileSystemException("/t", null, "Read-only file system"));
        assertInstanceOf(InputException.class, ro);
        assertEquals("out.npy: cannot write (Read-only file system)", ro.getMessage());
    }

    @Test
    void createDirectoriesReportsAFileInTheWayAsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        InputException e = assertThrows(InputException.class, () -> AtomicFiles.createDirectories(file.resolve("sub")));
        assertTrue(e.getMessage().startsWith(file.resolve("sub").toString()), e.getMessage());
        assertThrows(InputException.class, () -> AtomicFiles.createDirectories(file));
        AtomicFiles.createDirectories(dir.resolve("a/b/c"));
        assertTrue(Files.isDirectory(dir.resolve("a/b/c")));
    }

    // ---------------------------------------------------------------- directories

    @Test
    void aDirectoryIsReplacedAsAWhole() throws IOException {
        Path d = dir.resolve("parent/dbg");
        AtomicFiles.writeDirectory(d, files("one", "a.png", "b.json", "c.html"));
        assertEquals(List.of("a.png", "b.json", "c.html"), Fixtures.listing(d));
        Files.delete(d.resolve("c.html"));
        AtomicFiles.writeDirectory(d, files("two", "a.png", "b.json", "c.html"));
        assertEquals(List.of("a.png", "b.json", "c.html"), Fixtures.listing(d), "exactly the new set");
        for (String n : Fixtures.listing(d)) {
            assertEquals("two", Files.readString(d.resolve(n)));
        }
        assertEquals(List.of("dbg"), Fixtures.listing(dir.resolve("parent")), "nothing left beside it");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        AtomicFiles.writeDirectory(empty, files("three", "a.png"));
        assertEquals("three", Files.readString(empty.resolve("a.png")));
    }

    /** Bug: a full disk while writing a debug directory left only its first file. */
    @Test
    void bug_aFailurePartWayThroughADirectoryLeavesTheOldOneIntact() throws IOException {
        Path d = dir.resolve("dbg");
        AtomicFiles.writeDirectory(d, files("old", "a.png", "b.png"));
        Map<String, AtomicFiles.Writer> failing = new LinkedHashMap<>();
        failing.put("a.png", out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        failing.put("b.png", out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        });
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(d, failing));
        assertEquals("cannot write " + d.resolve("b.png") + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(d.resolve("a.png")));
        assertEquals("old", Files.readString(d.resolve("b.png")));
        assertEquals(List.of("dbg"), Fixtures.listing(dir), "no temporary directory left");

        Path fresh = dir.resolve("fresh");
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(fresh, failing));
        assertEquals(List.of("dbg"), Fixtures.listing(dir), "nothing created");
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedNotDeleted() throws IOException {
        Path d = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(d.resolve("thesis.tex"), "precious");
        InputException e = assertThrows(InputException.class, () -> AtomicFiles.writeDirectory(d, files("x", "a.png")));
        assertTrue(e.getMessage().contains("thesis.tex") && e.getMessage().contains("new or empty directory"),
                e.getMessage());
        assertEquals(List.of("thesis.tex"), Fixtures.listing(d));
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThrows(InputException.class, () -> AtomicFiles.writeDirectory(file, files("x", "a.png")));
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeDirectory(dir.resolve("z"),
                files("x", "../escape.png")));
        assertEquals(List.of("afile", "mine"), Fixtures.listing(dir));
    }

    @Test
    void aLinkToADirectoryStaysALink() throws IOException {
        Path real = dir.resolve("real");
        AtomicFiles.writeDirectory(real, files("one", "a.png"));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link"), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
            return;
        }
        AtomicFiles.writeDirectory(link, files("two", "a.png"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("two", Files.readString(real.resolve("a.png")));
    }

    /** Bug: two runs sharing one debug directory mixed their files. Writers of one directory never mix. */
    @Test
    void bug_concurrentWritersOfOneDirectoryNeverMix() throws Exception {
        Path d = dir.resolve("shared");
        int writers = 4;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String id = round + "-" + w;
                    done.add(pool.submit(() -> {
                        start.await();
                        AtomicFiles.writeDirectory(d, files(id, "a.png", "b.png", "c.json", "d.html"));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                List<String> names = Fixtures.listing(d);
                assertEquals(List.of("a.png", "b.png", "c.json", "d.html"), names, "round " + round);
                String first = Files.readString(d.resolve("a.png"));
                for (String n : names) {
                    assertEquals(first, Files.readString(d.resolve(n)), "round " + round + ": files of two writers mixed");
                }
                assertEquals(List.of("shared"), Fixtures.listing(dir), "round " + round + ": temporaries left");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anArrayWriteNamesTheTargetInItsTemporaryName() throws IOException {
        // the existing atomic behaviour through the public entry point, and nothing beside the target afterwards
        Path target = dir.resolve("a.npy");
        ArrayFiles.write(target, NdArray.of1d(1, 2, 3));
        assertEquals(List.of("a.npy"), Fixtures.listing(dir));
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, AtomicFiles.Writer> files(String content, String... names) {
        Map<String, AtomicFiles.Writer> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        }
        return m;
    }

    private boolean posix() throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /** The id of a process that has exited (and, almost surely, not been reused yet). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // (a JVM rather than "true": it exists wherever the tests run)
        long pid = p.pid();
        p.waitFor();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid reused at once");
        return pid;
    }
}
