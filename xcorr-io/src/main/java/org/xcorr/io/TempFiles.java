package org.xcorr.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files and directories behind {@link AtomicFiles}: their names, the registry of those in
 * flight (for the shutdown clean-up) and the removal of stale ones left by killed processes.
 *
 * <p><b>Names.</b> A temporary entry lies beside its target and is called
 * {@code .STEM.xcorr-PID-RANDOM.part}: {@code STEM} is the target's file name (shortened, see {@link #stem}),
 * {@code PID} the writing process, {@code RANDOM} up to 8 base-36 characters. So {@code ls -a} shows which
 * target a leftover belongs to and which process left it, and the name never exceeds {@link #MAX_NAME_BYTES}.
 *
 * <p><b>Stale.</b> An entry for the same target is stale when its process is no longer alive on this machine or
 * when it has not been modified for {@link #STALE_AGE}; the next write to that target removes it. (A directory
 * shared by several machines over a network file system may hold another machine's temporary file whose
 * process id is not alive here; removing it makes that machine's write fail with an I/O error, never corrupts
 * a target.)
 *
 * <p><b>Registry.</b> Every temporary entry of this process is registered from just before it is created until
 * it is renamed or deleted; {@link #deleteAll} (run by the shutdown hook that {@link AtomicFiles#deleteOnShutdown}
 * installs) deletes the registered ones and refuses new ones from then on. Creation happens under the same lock,
 * so no entry can be created after the clean-up has looked.
 */
final class TempFiles {

    /** The longest file name, in UTF-8 bytes, that Linux (ext4, XFS, Btrfs, tmpfs) and macOS (APFS) accept. */
    static final int MAX_NAME_BYTES = 255;

    /** Entries of dead processes are stale at once; entries of live ones when untouched this long. */
    static final Duration STALE_AGE = Duration.ofHours(24);

    static final String MARK = ".xcorr-";
    static final String SUFFIX = ".part";

    /** Bytes the name needs besides the stem: "." + MARK + pid (at most 19 digits) + "-" + 8 + SUFFIX. */
    private static final int OVERHEAD = 1 + MARK.length() + 19 + 1 + 8 + SUFFIX.length();

    /** Longest stem kept whole. */
    static final int MAX_STEM_BYTES = MAX_NAME_BYTES - OVERHEAD;

    private static final long PID = ProcessHandle.current().pid();

    private static final Object LOCK = new Object();
    private static final Set<Path> IN_FLIGHT = new HashSet<>();
    private static boolean closed;

    private TempFiles() {
    }

    /**
     * The stem of the temporary names for a target called {@code name}: the name itself when it fits in
     * {@link #MAX_STEM_BYTES} UTF-8 bytes, otherwise its longest prefix of whole characters that leaves room for
     * {@code "~"} and 8 hex digits of the name's SHA-256 (so different long names keep different stems).
     */
    static String stem(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_STEM_BYTES) {
            return name;
        }
        int budget = MAX_STEM_BYTES - 9;
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > budget) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return name.substring(0, end) + "~" + sha256Hex8(utf8);
    }

    private static String sha256Hex8(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
            return String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A fresh temporary name for {@code target} (in the same directory). */
    static Path newName(Path target) {
        String random = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return target.resolveSibling("." + stem(target.getFileName().toString()) + MARK + PID + "-" + random + SUFFIX);
    }

    /** Matches the temporary names of a target with this stem; group 1 is the process id. */
    private static Pattern pattern(String stem) {
        return Pattern.compile(Pattern.quote("." + stem + MARK) + "(\\d{1,19})-[0-9a-z]{1,8}" + Pattern.quote(SUFFIX));
    }

    /**
     * Creates a new temporary file for {@code target} and opens it for writing ({@code O_CREAT | O_EXCL}: never
     * through a planted link), with the permissions the umask gives a new file.
     *
     * @return the open stream; {@link #registered} holds its path until {@link #release}
     */
    static Created createFile(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = newName(target);
            synchronized (LOCK) {
                checkOpen();
                try {
                    OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    IN_FLIGHT.add(tmp);
                    return new Created(tmp, out);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt >= 8) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Creates a new temporary directory for {@code target}, with the permissions the umask gives. */
    static Path createDirectory(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = newName(target);
            synchronized (LOCK) {
                checkOpen();
                try {
                    Files.createDirectory(tmp);
                    IN_FLIGHT.add(tmp);
                    return tmp;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt >= 8) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Creates and opens {@code file} inside a registered temporary directory, unless the process is exiting. */
    static OutputStream createInside(Path file) throws IOException {
        synchronized (LOCK) {
            checkOpen();
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /**
     * Registers a fresh temporary name for {@code target} under which an existing entry will be moved (a
     * directory set aside before it is replaced); the caller moves it there and {@link #release}s it after
     * deleting it.
     */
    static Path reserve(Path target) throws IOException {
        synchronized (LOCK) {
            checkOpen();
            Path tmp = newName(target);
            IN_FLIGHT.add(tmp);
            return tmp;
        }
    }

    private static void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the process is exiting; no new file is started");
        }
    }

    /** Forgets {@code tmp} (it was renamed to its target or deleted). */
    static void release(Path tmp) {
        synchronized (LOCK) {
            IN_FLIGHT.remove(tmp);
        }
    }

    /** Whether {@code tmp} is registered (for tests). */
    static boolean registered(Path tmp) {
        synchronized (LOCK) {
            return IN_FLIGHT.contains(tmp);
        }
    }

    /**
     * Deletes every registered temporary entry and, when {@code close}, refuses new ones from then on (what the
     * shutdown hook does). Errors are ignored: the process is going away and a leftover is removed by the next
     * write to its target.
     */
    static void deleteAll(boolean close) {
        List<Path> all;
        synchronized (LOCK) {
            closed |= close;
            all = new ArrayList<>(IN_FLIGHT);
        }
        for (Path p : all) {
            deleteTree(p);
        }
    }

    /**
     * Removes the stale temporary entries of {@code target} (see the class comment); best effort, errors are
     * ignored. Entries of this process are left alone (another thread may be writing the same target).
     *
     * @return how many were removed
     */
    static int removeStale(Path target) {
        Path dir = target.getParent();
        if (dir == null) {
            return 0;
        }
        String stem = stem(target.getFileName().toString());
        String prefix = "." + stem + MARK;
        Pattern p = pattern(stem);
        int removed = 0;
        Instant old = Instant.now().minus(STALE_AGE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, e -> e.getFileName().toString().startsWith(prefix))) {
            for (Path e : entries) {
                Matcher m = p.matcher(e.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                boolean stale;
                if (pid == PID) {
                    stale = false;
                } else if (!alive(pid)) {
                    stale = true;
                } else {
                    FileTime t = Files.getLastModifiedTime(e, LinkOption.NOFOLLOW_LINKS);
                    stale = t.toInstant().isBefore(old);
                }
                if (stale && deleteTree(e)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a directory we cannot list or an entry we cannot delete stays for later
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a file, a link (never what it points to) or a directory tree; false if something stayed. */
    static boolean deleteTree(Path p) {
        try {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(p);
                return true;
            }
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (!(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A created temporary file and its open stream. */
    record Created(Path path, OutputStream out) {
    }
}
