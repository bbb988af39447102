package org.xcorr.cli.batch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcorr.cli.table.JsonReader;
import org.xcorr.cli.table.Table;
import org.xcorr.io.InputException;

/**
 * The record of finished rows of a batch, kept while it runs: one JSON object per line, appended in the order rows
 * finish, each line written with one write call as soon as its row is done. A killed batch therefore loses only
 * the rows that were running; {@code --resume} reads the journal back to skip the rows already done. (Written to
 * the operating system, not forced to the disk: a process kill loses nothing written, a power cut may.)
 *
 * <p>A kill in the middle of a write can leave a last line without its line break; {@link #read} ignores such a
 * torn line and {@link #open} cuts it off before appending.
 */
public final class Journal implements Closeable {

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The journal of a batch writing {@code output}: {@code output} with {@code .journal} added. */
    public static Path of(Path output) {
        return output.resolveSibling(output.getFileName() + ".journal");
    }

    /**
     * Opens {@code file} for appending rows: keeps its complete lines when {@code keep} (a resumed batch), else
     * starts it empty. A torn last line is cut off.
     */
    public static Journal open(Path file, boolean keep) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InputException(file + ": cannot write the batch journal (" + e.getClass().getSimpleName() + ")",
                    e);
        }
        long end = keep ? completeLength(ch) : 0;
        ch.truncate(end);
        ch.position(end);
        return new Journal(file, ch);
    }

    /** The length of the file up to and including its last line break. */
    private static long completeLength(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer b = ByteBuffer.allocate(1);
        for (long p = size - 1; p >= 0; p--) {
            b.clear();
            ch.read(b, p);
            if (b.get(0) == '\n') {
                return p + 1;
            }
        }
        return 0;
    }

    /** Appends one finished row (thread-safe; one write call). */
    public synchronized void append(Map<String, ?> row) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((Table.json(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Closes the journal; the file stays. */
    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Closes and deletes the journal (once the final table is written). */
    public synchronized void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    /**
     * The rows recorded in {@code file}, by id; when a row was recorded more than once (it failed, then ran again
     * on resume), the last record counts. Lines that are not JSON objects with an {@code id} (a torn last line)
     * are skipped.
     */
    public static Map<String, Map<String, Object>> read(Path file) throws IOException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        // decoded leniently: a torn last line may end inside a character
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> row;
            try {
                row = JsonReader.object(line);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Object id = row.get("id");
            if (id != null) {
                rows.remove(id.toString());
                rows.put(id.toString(), row);
            }
        }
        return rows;
    }
}
