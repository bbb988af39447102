package org.xcorr.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.xcorr.cli.batch.RowRunner;

/**
 * A batch row's cells that are Hadoop paths, made local on the executor that runs the row. The row runner runs the
 * subcommands, which open their files with {@code java.nio}; a cell such as {@code file:///data/a.npy},
 * {@code hdfs://nn/run7/a.npy} or {@code s3a://bucket/a.npy} is therefore turned into a local path first, on the
 * executor (the files never pass through the driver):
 * <ul>
 *   <li>{@code file:} is the local path it names (a file system every executor mounts);</li>
 *   <li>any other scheme is read through Hadoop's {@link FileSystem} (the executor needs the scheme's connector,
 *       {@code hadoop-aws} for {@code s3a}, as for any Spark job): a cell naming an existing file or folder is
 *       copied to a temporary folder of the row, and a cell naming nothing yet is an output path there; after the
 *       row, every such path that the row created or changed is copied back, and the temporary folder deleted.</li>
 * </ul>
 * The result row shows the cells as written, and its status and printed fields name the Hadoop paths, not the
 * temporary copies, so the table is the one the same row with local paths gives. A cell that is not a path is never rewritten: only cells
 * that start with {@code file:/} or {@code SCHEME://} (two letters at least, so {@code C:\} stays a path) are.
 * The user's columns ({@code _name}), {@code id} and {@code op} are left alone.
 */
final class HadoopCells implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern URI = Pattern.compile("^(?:file:/|[A-Za-z][A-Za-z0-9+.-]+://).*");

    /**
     * The driver's Hadoop settings that differ from Hadoop's defaults ({@code spark.hadoop.*}, the driver's site
     * files: connectors, credential providers), for the executors' file systems; only these travel in the tasks, a
     * few entries, not the ~1,000 defaults every executor has already.
     */
    private final Map<String, String> settings;

    private transient Configuration conf;

    /** Cells read with the Hadoop settings of {@code conf} (the driver's; a Configuration is not serializable). */
    HadoopCells(Configuration conf) {
        Configuration defaults = new Configuration();
        Map<String, String> s = new HashMap<>();
        for (Map.Entry<String, String> e : conf) {
            if (!e.getValue().equals(defaults.getRaw(e.getKey()))) {
                s.put(e.getKey(), e.getValue());
            }
        }
        this.settings = s;
    }

    /** Whether {@code cell} is a Hadoop path (see the class comment). */
    static boolean isUri(String cell) {
        return URI.matcher(cell.strip()).matches();
    }

    /** Whether any cell of {@code rows} needs this class (so that the common case ships nothing). */
    static boolean anyUri(List<String> header, List<List<String>> rows) {
        for (List<String> r : rows) {
            for (int c = 0; c < r.size() && c < header.size(); c++) {
                if (passed(header.get(c)) && isUri(r.get(c))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean passed(String column) {
        String n = column.strip().toLowerCase(java.util.Locale.ROOT);
        return !RowRunner.RESERVED.contains(n) && !RowRunner.isUserColumn(column);
    }

    private Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration();
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    /**
     * Runs one row with its Hadoop paths made local (see the class comment).
     *
     * @throws IOException when a remote file cannot be copied (the caller makes it the row's status)
     */
    Map<String, Object> run(RowRunner runner, List<String> header, List<String> values, String baseDir, String id)
            throws IOException {
        List<String> local = new ArrayList<>(values);
        Map<String, String> names = new HashMap<>();
        List<Staged> staged = new ArrayList<>();
        Path tmp = null;
        try {
            for (int c = 0; c < values.size() && c < header.size(); c++) {
                String cell = values.get(c).strip();
                if (!passed(header.get(c)) || !isUri(cell)) {
                    continue;
                }
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(cell);
                FileSystem fs = p.getFileSystem(conf());
                if ("file".equals(fs.getScheme())) {
                    String path = Path.of(fs.makeQualified(p).toUri()).toString();
                    local.set(c, path);
                    names.put(path, cell);
                    continue;
                }
                if (tmp == null) {
                    tmp = Files.createTempDirectory("xcorr-row");
                }
                // one folder per cell: two cells may end in the same file name
                Path copy = Files.createDirectory(tmp.resolve(Integer.toString(c))).resolve(p.getName());
                FileStatus before = fs.exists(p) ? fs.getFileStatus(p) : null;
                if (before != null) {
                    fs.copyToLocalFile(false, p, new org.apache.hadoop.fs.Path(copy.toUri()), true);
                }
                staged.add(new Staged(fs, p, copy, before == null ? null : fingerprint(copy)));
                local.set(c, copy.toString());
                names.put(copy.toString(), cell);
            }
            Map<String, Object> row = runner.run(header, local, baseDir, id);
            // the cells as written, the messages naming them
            for (int c = 0; c < header.size() && c < values.size(); c++) {
                if (!header.get(c).strip().equalsIgnoreCase("id")) {
                    row.put(header.get(c).strip(), values.get(c));
                }
            }
            // the status and the printed fields (an output's path) name the Hadoop paths, not the local copies
            for (Map.Entry<String, Object> f : row.entrySet()) {
                if (f.getValue() instanceof String s) {
                    for (Map.Entry<String, String> e : names.entrySet()) {
                        s = s.replace(e.getKey(), e.getValue());
                    }
                    f.setValue(s);
                }
            }
            for (Staged s : staged) {
                if (Files.exists(s.copy) && !fingerprint(s.copy).equals(s.fingerprint)) {
                    s.fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(s.copy.toUri()), s.path);
                }
            }
            return row;
        } finally {
            if (tmp != null) {
                try (Stream<Path> all = Files.walk(tmp)) {
                    for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Sizes and modification times of a file or of a folder's files: what tells that the row wrote there. */
    private static String fingerprint(Path p) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : (Iterable<Path>) all.sorted()::iterator) {
                if (Files.isRegularFile(f)) {
                    b.append(p.relativize(f)).append(':').append(Files.size(f)).append(':')
                            .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** A remote path and its local copy; {@code fingerprint} null when it did not exist before the row. */
    private record Staged(FileSystem fs, org.apache.hadoop.fs.Path path, Path copy, String fingerprint) {
    }
}
