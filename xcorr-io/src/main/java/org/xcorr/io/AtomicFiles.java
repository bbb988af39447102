package org.xcorr.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a file, or a directory of files, all at once or not at all: the content goes to a temporary entry
 * beside the target, which is renamed over the target only when it is complete. A failure part-way deletes the
 * temporary entry, so no partial output is ever left behind.
 *
 * <p><b>Temporary names.</b> {@code .TARGET.xcorr-PID-RANDOM.part} beside the target (a long target name is
 * shortened and suffixed with a hash so that the temporary name stays within 255 bytes). A process killed
 * part-way (SIGKILL, a power cut) leaves its temporary entry; the next write to the same target removes every
 * such entry whose process is no longer alive (or that has not been touched for 24 hours). With
 * {@link #deleteOnShutdown} a normal JVM exit, SIGTERM, SIGINT (Ctrl-C) or SIGHUP also deletes the entries in
 * flight.
 *
 * <p><b>Permissions.</b> A new target gets the permissions of any new file (the process's umask decides, as
 * for {@code Files.createFile}); a replaced target keeps the POSIX permissions it had.
 *
 * <p><b>Errors.</b> Every failure names the target. A path the user cannot write (a missing or non-directory
 * parent, no permission, a read-only file system, a name too long, a directory where a file should go) is an
 * {@link InputException}: the command line reports it as bad input (exit status 2). Running out of space or
 * any other failure while writing is a plain {@link IOException} ({@code "cannot write PATH: reason"}, exit
 * status 1).
 */
public final class AtomicFiles {

    /** Writes bytes to a stream. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the whole content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private static final AtomicBoolean HOOK = new AtomicBoolean();

    /** How often a directory replacement retries when other processes replace the same directory meanwhile. */
    private static final int SWAP_ATTEMPTS = 32;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically with {@code writer}: the target either keeps its old content (or stays
     * absent) or holds everything {@code writer} wrote. Stale temporary files of {@code target} left by killed
     * processes are removed first.
     *
     * @throws InputException when the target's directory is missing or cannot be written, or the target is a
     *     directory (see the class comment)
     * @throws IOException when writing fails part-way (a full disk, for example); the message names the target
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (abs.getFileName() == null) {
            throw new InputException(target + ": cannot write, give a file name");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(target + ": cannot write, directory " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new InputException(target + ": cannot write, it is a directory; give a file name");
        }
        TempFiles.removeStale(abs);
        TempFiles.Created created;
        try {
            created = TempFiles.createFile(abs);
        } catch (IOException e) {
            throw failure(target, e);
        }
        Path tmp = created.path();
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(created.out(), 1 << 16)) {
                writer.write(out);
            } catch (InputException e) {
                throw e;
            } catch (IOException e) {
                throw failure(target, e);
            }
            keepPermissions(abs, tmp);
            try {
                move(tmp, abs);
            } catch (IOException e) {
                throw failure(target, e);
            }
            done = true;
        } finally {
            if (!done) {
                TempFiles.deleteTree(tmp);
            }
            TempFiles.release(tmp);
        }
    }

    /**
     * Writes the directory {@code target} as a whole: the files named by the keys of {@code files} (plain names,
     * no separators), each written by its {@link Writer}, go into a temporary directory beside {@code target},
     * which then replaces {@code target}. Afterwards {@code target} holds exactly these files, all from this
     * call; a failure part-way leaves {@code target} as it was.
     *
     * <p>An existing {@code target} must be a directory holding nothing but files with these names (an earlier
     * result of the same writer, or nothing): it is set aside, the new directory renamed into its place, and the
     * old one deleted. That is two renames, so another process may find {@code target} missing for an instant.
     * When several processes write the same {@code target} at once, the last rename wins and the directory
     * holds the complete set of one of them, never a mixture. Missing parent directories are created. A symbolic
     * link to a directory stays: the directory it names is replaced.
     *
     * @throws InputException if {@code target} exists and is not a directory, holds other entries, or cannot be
     *     created (see the class comment)
     * @throws IOException when writing fails part-way; the message names the file
     * @throws IllegalArgumentException if a key is not a plain file name
     */
    public static void writeDirectory(Path target, Map<String, Writer> files) throws IOException {
        for (String name : files.keySet()) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                    || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a plain file name: '" + name + "'");
            }
        }
        Path abs = target.toAbsolutePath();
        if (abs.getFileName() == null || abs.getFileName().toString().equals(".")
                || abs.getFileName().toString().equals("..")) {
            throw new InputException(target + ": cannot replace this directory as a whole; give a directory name");
        }
        if (Files.isSymbolicLink(abs) && Files.isDirectory(abs)) {
            // a link to a directory: replace the directory it names, keep the link
            abs = abs.toRealPath();
        }
        checkDirectoryTarget(abs, files.keySet());
        Path parent = abs.getParent();
        createDirectories(parent);
        TempFiles.removeStale(abs);
        Path tmp;
        try {
            tmp = TempFiles.createDirectory(abs);
        } catch (IOException e) {
            throw failure(target, e);
        }
        boolean done = false;
        try {
            keepPermissions(abs, tmp);
            for (Map.Entry<String, Writer> f : files.entrySet()) {
                Path file = tmp.resolve(f.getKey());
                try (OutputStream out = new BufferedOutputStream(TempFiles.createInside(file), 1 << 16)) {
                    f.getValue().write(out);
                } catch (InputException e) {
                    throw e;
                } catch (IOException e) {
                    throw failure(target.resolve(f.getKey()), e);
                }
                keepPermissions(abs.resolve(f.getKey()), file);
            }
            swapIn(target, tmp, abs, files.keySet());
            done = true;
        } finally {
            if (!done) {
                TempFiles.deleteTree(tmp);
            }
            TempFiles.release(tmp);
        }
    }

    /**
     * Checks, before any work is done, that {@link #writeDirectory} could replace {@code target} with files of
     * these names: it is absent, or a directory (or a link to one) holding only such files.
     *
     * @throws InputException naming the path and what is wrong
     */
    public static void checkDirectoryTarget(Path target, Set<String> names) throws IOException {
        // one look at the path: another writer may be swapping its directory in (target missing for an instant),
        // and two separate tests (exists, then isDirectory) would see "exists" and then "not a directory"
        java.nio.file.attribute.BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(target, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException e) {
            // absent, or unreachable (a file where a parent should be): as Files.exists, nothing to check here;
            // creating the directory later reports it
            return;
        }
        if (!attrs.isDirectory()) {
            throw new InputException(target + ": exists and is not a directory");
        }
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!names.contains(name) || Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw failure(target, e);
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            throw new InputException(target + ": the directory holds other files (" + String.join(", ",
                    foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3 ? ", ..." : "")
                    + ") and would be replaced as a whole; give a new or empty directory");
        }
    }

    /** Renames {@code tmp} to {@code abs}, first setting aside (and then deleting) what is there. */
    private static void swapIn(Path target, Path tmp, Path abs, Set<String> names) throws IOException {
        for (int attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
            try {
                // rename(2) replaces a missing or empty directory; a full one makes it fail
                move(tmp, abs);
                return;
            } catch (FileSystemException e) {
                boolean occupied = e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException
                        || String.valueOf(e.getReason()).toLowerCase(Locale.ROOT).contains("not empty")
                        || Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
                if (!occupied) {
                    throw failure(target, e);
                }
            } catch (IOException e) {
                throw failure(target, e);
            }
            checkDirectoryTarget(abs, names);
            Path aside = TempFiles.reserve(abs);
            try {
                try {
                    move(abs, aside);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    throw failure(target, e);
                }
                try {
                    move(tmp, abs);
                    return;
                } catch (IOException e) {
                    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                        // not a race with another writer: put the old directory back and give up
                        try {
                            move(aside, abs);
                        } catch (IOException restore) {
                            e.addSuppressed(restore);
                        }
                        throw failure(target, e);
                    }
                    // another process put its directory there after the old one was set aside: go round again
                }
            } finally {
                TempFiles.deleteTree(aside);
                TempFiles.release(aside);
            }
        }
        throw new IOException("cannot write " + target + ": other processes kept replacing it");
    }

    /**
     * Creates {@code dir} and its missing parents, classifying failures as {@link #write} does: a path the user
     * cannot create (a file in the way, no permission, a read-only file system) is an {@link InputException}.
     *
     * @throws InputException naming {@code dir} and the reason
     * @throws IOException for other failures (a full disk)
     */
    public static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new InputException(dir + ": cannot create the directory, a file is in the way");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new InputException(dir + ": cannot create the directory, a file is in the way", e);
            }
        } catch (IOException e) {
            throw failure("cannot create the directory ", dir, e);
        }
    }

    /**
     * Installs, once per JVM, a shutdown hook that deletes the temporary files and directories in flight when
     * the JVM exits (normally, or on SIGTERM, SIGINT or SIGHUP; SIGKILL cannot be caught: the next write to the
     * same target removes what it leaves). Off unless called: the command line calls it; an application that
     * prefers to manage its own shutdown may leave it. Once the hook has run, new writes fail.
     */
    public static void deleteOnShutdown() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFiles.deleteAll(true), "xcorr-temp-cleanup"));
        }
    }

    /**
     * Whether {@code e}, raised while creating or writing {@code path}, is the path's fault (the user chose a
     * place that cannot be written) rather than the system's (a full disk, a failing device).
     */
    static boolean isPathProblem(IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || e instanceof FileAlreadyExistsException) {
            return true;
        }
        if (e instanceof FileSystemException f) {
            String r = f.getReason() == null ? "" : f.getReason().toLowerCase(Locale.ROOT);
            return r.contains("read-only file system") || r.contains("permission denied")
                    || r.contains("operation not permitted") || r.contains("not a directory")
                    || r.contains("is a directory") || r.contains("file name too long");
        }
        return false;
    }

    /** The exception to throw for {@code e} raised while writing {@code target}. */
    static IOException failure(Path target, IOException e) {
        return failure("cannot write ", target, e);
    }

    private static IOException failure(String what, Path path, IOException e) {
        if (e instanceof InputException) {
            return e;
        }
        String reason = reason(e);
        if (isPathProblem(e)) {
            return new InputException(path + ": " + what.trim() + " (" + reason + ")", e);
        }
        return new IOException(what + path + ": " + reason, e);
    }

    /**
     * The most specific reason in {@code e}'s chain: the innermost message, so that ImageIO's "I/O error writing
     * PNG file!" gives way to the "No space left on device" it wraps; a file-system exception's reason without
     * its file names (the temporary name means nothing to the user).
     */
    static String reason(Throwable e) {
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String r = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
            if (r != null && !r.isBlank()) {
                reason = r;
            } else if (reason == null) {
                reason = t.getClass().getSimpleName().replace("Exception", " error");
            }
        }
        return reason;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Gives {@code tmp} the POSIX permissions of {@code existing}, if that exists; best effort. */
    private static void keepPermissions(Path existing, Path tmp) {
        try {
            PosixFileAttributeView from = Files.getFileAttributeView(existing, PosixFileAttributeView.class);
            PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (from == null || to == null || !Files.exists(existing)) {
                return;
            }
            Set<PosixFilePermission> p = from.readAttributes().permissions();
            to.setPermissions(p);
        } catch (IOException | RuntimeException e) {
            // the target vanished meanwhile, or the file system has no such permissions: the umask's stay
        }
    }
}
