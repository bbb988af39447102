package org.xcorr.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xcorr.cli.table.Csv;
import org.xcorr.cli.table.JsonReader;
import org.xcorr.cli.table.Table;
import org.xcorr.concurrent.Parallel;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.io.Stacks;

/**
 * Runs the rows of a manifest in parallel in this JVM and returns the result table in id order.
 *
 * <p><b>Order.</b> Rows run on {@code jobs} threads, each taking the next row not yet started, so they finish in
 * an order that depends on timing. Each finished row goes to the {@link Journal} at once (completion order: what
 * makes a kill cheap), and the result list is put in <i>natural id order</i> ({@link #ID_ORDER}: digit runs
 * compare as numbers, so {@code 2 < 10} and {@code r2 < r10}) only at the end, so the final table is the same
 * whatever the timing and the number of jobs. The caller writes it atomically.
 *
 * <p><b>Resume.</b> {@link #reusable} picks, from the rows of an earlier run (its journal, or its final table),
 * those that can be kept: status {@code ok} and every manifest cell unchanged. Only the other rows run again
 * (failed rows too: their input may have been fixed).
 */
public final class BatchRun {

    /** Natural order of ids: runs of digits compare as numbers, the rest as text; ties by the text itself. */
    public static final Comparator<String> ID_ORDER = BatchRun::compareNatural;

    private BatchRun() {
    }

    /**
     * Runs every row of {@code manifest} not in {@code done}.
     *
     * @param manifest the manifest
     * @param runner   runs one row
     * @param jobs     rows run at once, at least 1
     * @param done     result rows kept from an earlier run, by id (not run again)
     * @param journal  where each finished row is appended, or null
     * @param progress told after each row (total: the rows that run); {@code false} stops starting rows
     * @return every row's result, kept and new, in {@link #ID_ORDER}
     * @throws IOException           when the journal cannot be written
     * @throws CancellationException when {@code progress} asked to stop
     */
    public static List<Map<String, Object>> run(Manifest manifest, RowRunner runner, int jobs,
            Map<String, Map<String, Object>> done, Journal journal, ProgressListener progress) throws IOException {
        Parallel.checkThreads(jobs);
        List<Manifest.Row> rows = manifest.rows();
        List<Map<String, Object>> results = new ArrayList<>(rows.size());
        List<Manifest.Row> pending = new ArrayList<>();
        for (Manifest.Row r : rows) {
            if (!done.containsKey(r.id())) {
                pending.add(r);
            }
        }
        List<Map<String, Object>> fresh = new ArrayList<>(java.util.Collections.nCopies(pending.size(), null));
        AtomicInteger next = new AtomicInteger();
        AtomicLong finished = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        int n = pending.size();
        int workers = Math.max(1, Math.min(jobs, n));
        try {
            Parallel.forRange(workers, workers, (from, to) -> {
                for (int i = next.getAndIncrement(); i < n && !stop.get(); i = next.getAndIncrement()) {
                    Manifest.Row r = pending.get(i);
                    Map<String, Object> result = runner.run(manifest.header(), r.values(), manifest.baseDir(), r.id());
                    synchronized (fresh) {
                        fresh.set(i, result);
                    }
                    if (journal != null) {
                        try {
                            journal.append(result);
                        } catch (IOException e) {
                            stop.set(true);
                            throw new UncheckedIOException(e);
                        }
                    }
                    if (!progress.progress(finished.incrementAndGet(), n)) {
                        stop.set(true);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (stop.get()) {
            throw new CancellationException("batch stopped after " + finished.get() + " of " + n + " rows");
        }
        for (Manifest.Row r : rows) {
            Map<String, Object> kept = done.get(r.id());
            if (kept != null) {
                results.add(kept);
            }
        }
        synchronized (fresh) {
            results.addAll(fresh);
        }
        results.sort(Comparator.comparing(m -> Objects.toString(m.get("id")), ID_ORDER));
        return results;
    }

    /**
     * The rows of an earlier run that need not run again: status {@code ok}, an id of the manifest, and every
     * manifest cell equal to the one recorded.
     */
    public static Map<String, Map<String, Object>> reusable(Manifest manifest, Map<String, Map<String, Object>> earlier) {
        Map<String, Map<String, Object>> keep = new LinkedHashMap<>();
        for (Manifest.Row r : manifest.rows()) {
            Map<String, Object> old = earlier.get(r.id());
            if (old == null || !RowRunner.OK.equals(old.get("status"))) {
                continue;
            }
            boolean same = true;
            List<String> header = manifest.header();
            for (int c = 0; c < header.size() && same; c++) {
                String column = header.get(c).strip();
                if (!column.equalsIgnoreCase("id")) {
                    same = r.values().get(c).equals(Objects.toString(old.get(column), ""));
                }
            }
            if (same) {
                keep.put(r.id(), old);
            }
        }
        return keep;
    }

    /**
     * The rows of a finished batch's table ({@code .csv}, {@code .jsonl} or {@code .json}), by id; for
     * {@code --resume} when there is no journal. CSV cells come back as text, which writes back unchanged.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> readTable(Path table) throws IOException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        switch (Table.Format.of(table)) {
            case CSV -> {
                List<Csv.Record> records = Csv.read(table);
                if (!records.isEmpty()) {
                    List<String> header = records.get(0).fields();
                    for (Csv.Record rec : records.subList(1, records.size())) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (int c = 0; c < header.size(); c++) {
                            m.put(header.get(c), c < rec.fields().size() ? rec.fields().get(c) : "");
                        }
                        list.add(m);
                    }
                }
            }
            case JSONL -> {
                for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        list.add(JsonReader.object(line));
                    }
                }
            }
            case JSON -> {
                Object v = JsonReader.parse(Files.readString(table, StandardCharsets.UTF_8));
                if (v instanceof List<?> l) {
                    for (Object o : l) {
                        if (o instanceof Map) {
                            list.add((Map<String, Object>) o);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        for (Map<String, Object> m : list) {
            if (m.get("id") != null) {
                rows.put(m.get("id").toString(), m);
            }
        }
        return rows;
    }

    /**
     * The columns of the result table: {@code id}, the manifest's columns in order, the result fields in the order
     * first seen (rows in id order), then {@code status} and {@code seconds}. With {@code flat} the rows are taken
     * as {@link Table#flatten flattened} (CSV).
     */
    public static List<String> columns(Manifest manifest, List<? extends Map<String, ?>> rows, boolean flat) {
        Set<String> cols = new LinkedHashSet<>();
        cols.add("id");
        for (String h : manifest.header()) {
            if (!h.strip().equalsIgnoreCase("id")) {
                cols.add(h.strip());
            }
        }
        Set<String> results = new LinkedHashSet<>();
        for (Map<String, ?> r : rows) {
            results.addAll(flat ? Table.flatten(r).keySet() : r.keySet());
        }
        results.removeAll(cols);
        results.remove("status");
        results.remove("seconds");
        cols.addAll(results);
        cols.add("status");
        cols.add("seconds");
        return new ArrayList<>(cols);
    }

    /** Natural order (the stack readers' file order: {@code r2} before {@code r10}), ties broken as text. */
    private static int compareNatural(String a, String b) {
        int c = Stacks.naturalCompare(a, b);
        return c != 0 ? c : a.compareTo(b);
    }
}
