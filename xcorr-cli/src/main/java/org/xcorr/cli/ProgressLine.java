package org.xcorr.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.xcorr.concurrent.ProgressListener;

/**
 * A one-line progress display on a terminal: {@code align  120/200  60%  14.2 frames/s  elapsed 0:08
 * remaining 0:05}, redrawn in place with a carriage return at most {@value #REDRAWS_PER_SECOND} times a second
 * and finished with a newline by {@link #close()}.
 *
 * <p>It draws only when enabled: {@link #forTerminal} enables it when the JVM has a console (Java 17's test for
 * "stdin and stdout are a terminal"; stderr is where the line goes) and {@code --quiet} was not given, so
 * scripts, pipes and tests see nothing. It implements the library's {@link ProgressListener}, so any long
 * operation that reports progress can drive it; it never cancels.
 *
 * <p>Why not a library such as {@code me.tongfei:progressbar}: it pulls in JLine 3 (a terminal library larger
 * than this whole CLI) to learn the terminal width, and draws from a thread of its own; a single line of
 * counts, rate and times needs neither, and this class is thread-safe with one lock and no thread.
 */
public final class ProgressLine implements ProgressListener, AutoCloseable {

    /** Upper bound on redraws per second, so that the terminal is not flooded by fast items. */
    public static final int REDRAWS_PER_SECOND = 10;

    private static final long REDRAW_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;

    private final PrintWriter out;
    private final String label;
    private final String unit;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private long done;
    private long total;
    private int lastLength;
    private boolean drawn;
    private boolean closed;

    /**
     * A progress line.
     *
     * @param out     where to draw (stderr)
     * @param label   the operation, shown first ({@code "align"})
     * @param unit    what is counted, plural ({@code "frames"})
     * @param enabled whether to draw at all
     * @param clock   nanosecond clock ({@code System::nanoTime}; tests pass their own)
     */
    public ProgressLine(PrintStream out, String label, String unit, boolean enabled, LongSupplier clock) {
        this(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), label, unit, enabled, clock);
    }

    /** The same on a writer (a picocli command's {@code getErr()}). */
    public ProgressLine(PrintWriter out, String label, String unit, boolean enabled, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.enabled = enabled;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /**
     * A progress line on {@code out} (stderr), drawn only when the JVM has a console and {@code quiet} is false.
     */
    public static ProgressLine forTerminal(PrintStream out, String label, String unit, boolean quiet) {
        return new ProgressLine(out, label, unit, !quiet && System.console() != null, System::nanoTime);
    }

    /** {@link #forTerminal(PrintStream, String, String, boolean)} on a writer (a command's {@code getErr()}). */
    public static ProgressLine forTerminal(PrintWriter out, String label, String unit, boolean quiet) {
        return new ProgressLine(out, label, unit, !quiet && System.console() != null, System::nanoTime);
    }

    /** Whether this line draws anything. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized boolean progress(long done, long total) {
        if (!enabled || closed) {
            return true;
        }
        // reports may arrive out of order from several threads: keep the largest
        this.done = Math.max(this.done, done);
        this.total = total;
        long now = clock.getAsLong();
        if (this.done >= total || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            draw(now);
        }
        return true;
    }

    /** Draws the final state and ends the line with a newline (only if something was drawn). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (enabled && drawn) {
            draw(clock.getAsLong());
            out.print('\n');
            out.flush();
        }
        closed = true;
    }

    /** The text of the line for the given counts and elapsed nanoseconds (no carriage return). */
    static String format(String label, String unit, long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder();
        b.append(label).append("  ").append(done).append('/').append(total);
        if (total > 0) {
            b.append(String.format(Locale.ROOT, "  %3d%%", (int) (100 * done / total)));
        }
        b.append(String.format(Locale.ROOT, "  %.1f %s/s", rate, unit));
        b.append("  elapsed ").append(clockTime(seconds));
        b.append("  remaining ");
        if (done >= total) {
            b.append("0:00");
        } else if (done == 0 || rate == 0) {
            b.append("?");
        } else {
            b.append(clockTime((total - done) / rate));
        }
        return b.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void draw(long now) {
        String text = format(label, unit, done, total, now - start);
        StringBuilder b = new StringBuilder(text.length() + 8).append('\r').append(text);
        // a shorter line than the last one must blank the tail the last one left
        for (int i = text.length(); i < lastLength; i++) {
            b.append(' ');
        }
        out.print(b);
        out.flush();
        lastLength = text.length();
        lastDraw = now;
        drawn = true;
    }
}
