package org.xcorr.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of a single command that runs longer than {@value #DELAY_MILLIS} ms on a terminal:
 * {@code ncc  running  elapsed 0:04}, redrawn in place twice a second on stderr.
 *
 * <p>A single command is one item, so there is no done/total, rate or remaining time to show (the commands that
 * work through many items, {@code align}, {@code apply-shifts}, {@code batch} and {@code track} with a points file
 * or a stack, draw a {@link ProgressLine} instead and are left alone here). The line appears only when the JVM has
 * a console, never in scripts, pipes or tests, and never for a command that ends within the delay, so quick runs
 * print exactly what they printed before. It is erased before the command writes anything else: the streams
 * from {@link #guard} stop the heartbeat on their first byte, so a result or an error never shares a line with it.
 */
final class Heartbeat implements AutoCloseable {

    /** How long a command runs before the line appears. */
    static final long DELAY_MILLIS = 2000;

    private static final long PERIOD_MILLIS = 500;

    /** Commands that draw their own {@link ProgressLine} (or print on their own) and get no heartbeat. */
    private static final Set<String> OWN_PROGRESS = Set.of("align", "apply-shifts", "batch", "demo", "help");

    private final PrintStream err;
    private final String label;
    private final LongSupplier clock;
    private final long start;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;
    private int lastLength;
    private boolean stopped;

    private Heartbeat(PrintStream err, String label, LongSupplier clock, boolean enabled) {
        this.err = err;
        this.label = label;
        this.clock = clock;
        this.start = clock.getAsLong();
        if (enabled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "xcorr-heartbeat");
                t.setDaemon(true);
                return t;
            });
            task = timer.scheduleAtFixedRate(this::draw, DELAY_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
            task = null;
        }
    }

    /**
     * A heartbeat for the command line {@code args} on {@code err}: enabled when the JVM has a console, the
     * command is a single-item one and {@code --quiet}, {@code --help} and {@code --version} are absent.
     */
    static Heartbeat forTerminal(PrintStream err, String... args) {
        String command = commandName(args);
        boolean enabled = System.console() != null && command != null && !OWN_PROGRESS.contains(command)
                && !isPointsOrStackTrack(command, args) && !hasAny(args, "--quiet", "--help", "-h", "--version", "-V");
        return new Heartbeat(err, command == null ? "xcorr" : command, System::nanoTime, enabled);
    }

    /** A heartbeat that draws from the start, on a given clock (tests). */
    static Heartbeat forTest(PrintStream err, String label, LongSupplier clock) {
        return new Heartbeat(err, label, clock, false);
    }

    /** The first argument that is not an option: the subcommand's name, or null. */
    static String commandName(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static boolean isPointsOrStackTrack(String command, String... args) {
        return command.equals("track") && (hasAny(args, "--points") || argsStartWith(args, "--points="));
    }

    private static boolean hasAny(String[] args, String... names) {
        for (String a : args) {
            for (String n : names) {
                if (a.equals(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean argsStartWith(String[] args, String prefix) {
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The text of the line after {@code elapsedNanos} (no carriage return). */
    static String format(String label, long elapsedNanos) {
        return label + "  running  elapsed " + ProgressLine.clockTime(elapsedNanos / 1e9);
    }

    /** Draws the line now (the timer calls this; tests call it with their clock). */
    synchronized void draw() {
        if (stopped) {
            return;
        }
        String text = format(label, clock.getAsLong() - start);
        StringBuilder b = new StringBuilder().append('\r').append(text);
        for (int i = text.length(); i < lastLength; i++) {
            b.append(' ');
        }
        err.print(b);
        err.flush();
        lastLength = text.length();
    }

    /** Stops the heartbeat and erases its line, if one was drawn; idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (task != null) {
            task.cancel(false);
            timer.shutdownNow();
        }
        if (lastLength > 0) {
            err.print('\r' + " ".repeat(lastLength) + '\r');
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code out} as a stream that stops this heartbeat (erasing its line) before its first byte is written. */
    PrintStream guard(PrintStream out) {
        return new PrintStream(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                stop();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stop();
                out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
