package org.xcorr.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.xcorr.io.AtomicFiles;
import org.xcorr.stack.AlignmentOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xcorr} command: a thin layer that parses arguments, reads files, calls the library and writes
 * results. Exit status: 0 success, 2 bad input (a missing or corrupt file, non-finite values, wrong shapes,
 * an unknown option, an output place that cannot be written, an input too large for the heap), 1 any other
 * failure (for example a full disk, or a computation that runs out of memory).
 */
@Command(name = "xcorr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Cross-correlation, normalized cross-correlation, template matching and registration.",
        footer = {"%nInputs are arguments in the order of the operation: correlate A B; ncc, match, offset TEMPLATE"
                + " IMAGE (or --template T --image I); register REFERENCE MOVING; local-ncc, similarity A B; shift IN.",
            "Results: one JSON object on stdout. Run 'xcorr COMMAND --help' for a command's options."},
        subcommands = {
            CommandLine.HelpCommand.class,
            CorrelateCommand.class,
            NccCommand.class,
            MatchCommand.class,
            RegisterCommand.class,
            LocalNccCommand.class,
            ShiftCommand.class,
            SimilarityCommand.class,
            OffsetCommand.class,
            TrackCommand.class,
            AlignCommand.class,
            ApplyShiftsCommand.class,
            BatchCommand.class,
            DemoCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // SIGTERM, SIGINT and SIGHUP run the shutdown hooks: delete the temporary files of a write in flight
        AtomicFiles.deleteOnShutdown();
        // a command still running after 2 s on a terminal shows that it is (erased before any output)
        int status;
        try (Heartbeat heartbeat = Heartbeat.forTerminal(System.err, args)) {
            status = execute(heartbeat.guard(System.out), heartbeat.guard(System.err), args);
        }
        System.exit(status);
    }

    /** Runs the command line with the given streams and returns the exit status (for tests and embedding). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = args.length > 0 ? commandLineFor(args[0]) : null;
        if (cl == null) {
            cl = commandLine();
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; the big arrays are unreachable by now, so there is room to report
            return Errors.outOfMemory(cl, e);
        }
    }

    /**
     * The alignment options {@code xcorr align} runs with, from a parse of its command line ({@code align} and its
     * words, as {@link #commandLine()} parses them), for frames of {@code rank} axes and {@code threads} threads:
     * every option but {@code --mask}, assembled by the command itself. For xcorr-spark's long-stack mode, whose
     * table must be the local command's bit for bit.
     *
     * @throws IllegalArgumentException with the command's one-line message for a value it refuses, or when the
     *                                  parse is not of {@code align}
     */
    public static AlignmentOptions alignment(CommandLine.ParseResult parsed, int rank, int threads) {
        return alignCommand(parsed).options(rank, threads);
    }

    /**
     * The planes per volume of a parse of {@code xcorr align} ({@code --frames-are volumes --depth Z}), 0 for
     * images or a stack's own third axis: the argument of {@code Stacks.open}.
     *
     * @throws IllegalArgumentException as the command, for an unknown {@code --frames-are} or a bad {@code --depth}
     */
    public static int alignPlanesPerVolume(CommandLine.ParseResult parsed) {
        return alignCommand(parsed).stack.planesPerVolume();
    }

    private static AlignCommand alignCommand(CommandLine.ParseResult parsed) {
        if (parsed.subcommand() == null || !(parsed.subcommand().commandSpec().userObject() instanceof AlignCommand)) {
            throw new IllegalArgumentException("not a parse of xcorr align");
        }
        return (AlignCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors.ExecutionHandler());
        cl.setParameterExceptionHandler(new Errors.ParameterHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(new CheckedExecution());
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        return cl;
    }

    /**
     * A command line holding only the subcommand {@code name}, configured as {@link #commandLine()}, or null when
     * {@code name} is not exactly a subcommand's name (help, an option, a typo: those need every subcommand's
     * model). Building all fourteen models (picocli reflects over every option; its classes are Java 5 class files
     * that no CDS or AOT cache can hold) cost 0.3 s of CPU of a one-shot run; one model costs a fraction.
     */
    static CommandLine commandLineFor(String name) {
        if (name.equals("help")) {
            return null;
        }
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command == null || !command.name().equals(name)) {
                continue;
            }
            Object instance;
            try {
                instance = CommandLine.defaultFactory().create(c);
            } catch (Exception e) {
                return null;
            }
            CommandLine cl = new CommandLine(CommandLine.Model.CommandSpec.create().name("xcorr"));
            cl.addSubcommand(name, new CommandLine(instance));
            // set after adding the subcommand: picocli applies these to the subcommands present at the time
            cl.setExecutionExceptionHandler(new Errors.ExecutionHandler());
            cl.setParameterExceptionHandler(new Errors.ParameterHandler());
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            cl.setExecutionStrategy(new CheckedExecution());
            return cl;
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
