package org.xcorr.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.table.Table;
import org.xcorr.io.InputException;
import org.xcorr.io.ShiftTable;
import org.xcorr.stack.AlignmentResult;

/**
 * The driver's files as Hadoop paths ({@code file://}, {@code hdfs://}, {@code s3a://} with the connector, or a
 * plain path of the default file system): the manifest it reads and the tables it writes. Local paths go through
 * the same {@code java.nio} code as the local {@code xcorr batch} (atomic writes); other file systems through
 * Hadoop's {@link FileSystem}, written under a temporary name and renamed.
 */
final class HadoopFiles {

    private HadoopFiles() {
    }

    /** {@code path} as a local file when its file system is the local one, else null. */
    static Path local(String path, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf);
        if (!"file".equals(fs.getScheme())) {
            return null;
        }
        return Path.of(fs.makeQualified(p).toUri());
    }

    /**
     * Reads and checks a manifest with {@link Manifest#read} (the local batch's reader: same checks, same
     * messages). A manifest on a remote file system is copied to a local temporary file first; its relative paths
     * are then left as written (there is no local folder to resolve them against).
     */
    static Manifest manifest(String path, Configuration conf) throws IOException {
        Path local = local(path, conf);
        if (local != null) {
            return Manifest.read(local);
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        Path tmp = Files.createTempFile("xcorr-manifest", ".csv");
        try {
            try (InputStream in = p.getFileSystem(conf).open(p)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.FileNotFoundException e) {
                throw new InputException(path + ": no such file");
            }
            Manifest m;
            try {
                m = Manifest.read(tmp);
            } catch (InputException e) {
                throw new InputException(e.getMessage().replace(tmp.toString(), path));
            }
            return new Manifest(m.header(), m.rows(), null);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a table with {@link Table#write} (the local batch's writer: same columns, same number formatting), in
     * the format of the path's extension ({@code .csv}, {@code .jsonl}, {@code .json}).
     */
    static void writeTable(String path, Configuration conf, List<String> columns, List<? extends Map<String, ?>> rows)
            throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        Table.Format format = Table.Format.of(Path.of(p.getName()));
        Path local = local(path, conf);
        if (local != null) {
            Table.write(local, columns, rows);
            return;
        }
        FileSystem fs = p.getFileSystem(conf);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(p.getParent(), "." + p.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            Table.write(out, format, columns, rows);
        }
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
            throw new IOException(path + ": cannot rename " + tmp + " to it");
        }
    }

    /** Checks a shift table's path before any work, as {@code xcorr align} does (extension; a local folder). */
    static void checkShiftTable(String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        Path local = local(path, new Configuration());
        if (local != null) {
            ShiftTable.checkWritable(local);
            return;
        }
        String ext = org.xcorr.io.ArrayFiles.extension(Path.of(p.getName()));
        if (!ext.equals("csv") && !ext.equals("json") && !ext.equals("jsonl")) {
            throw new InputException(path + ": the shift table is written as .csv, .json or .jsonl, not "
                    + (ext.isEmpty() ? "a file without extension" : "." + ext));
        }
    }

    /** Writes a shift table with the local {@code xcorr align}'s writer ({@link ShiftTable}), format by extension. */
    static void writeShiftTable(String path, Configuration conf, AlignmentResult result) throws IOException {
        Path local = local(path, conf);
        if (local != null) {
            ShiftTable.write(local, result);
            return;
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        byte[] bytes = ShiftTable.format(Path.of(p.getName()), result).getBytes(StandardCharsets.UTF_8);
        FileSystem fs = p.getFileSystem(conf);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(p.getParent(), "." + p.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
            throw new IOException(path + ": cannot rename " + tmp + " to it");
        }
    }
}
