package org.xcorr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcorr.io.InputException;
import org.xcorr.io.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to one line on stderr and an exit status: 2 for bad input (library
 * {@link IllegalArgumentException}s, {@link InputException}s, unknown or malformed options), 1 for anything
 * else. A stack trace is printed only with {@code --verbose}.
 */
final class Errors {

    /** Exit status for success. */
    static final int OK = 0;
    /** Exit status for a failure that is not the input's fault (I/O, internal). */
    static final int FAILURE = 1;
    /** Exit status for bad input. */
    static final int BAD_INPUT = 2;

    /** A camelCase identifier such as {@code templateRadius}: how the library names its parameters. */
    private static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b");

    private Errors() {
    }

    /** Failures while a command runs: bad input (exit 2) or anything else (exit 1). */
    static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
            PrintWriter err = cl.getErr();
            boolean badInput = ex instanceof IllegalArgumentException || ex instanceof InputException;
            String msg = oneLine(ex);
            if (ex instanceof IllegalArgumentException) {
                msg = optionNames(msg, cl.getCommandSpec());
            }
            err.println(prefix(cl) + (badInput ? "" : "error: ") + msg);
            if (verbose(parsed)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return badInput ? BAD_INPUT : FAILURE;
        }
    }

    /** Malformed command lines (unknown option, bad value, missing argument): always exit 2. */
    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            String unknown = UnknownArguments.message(ex);
            err.println(prefix(cl) + (unknown != null ? unknown : oneLine(ex)
                    + " (see 'xcorr " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help')"));
            for (String a : args) {
                if (a.equals("--verbose")) {
                    ex.printStackTrace(err);
                }
            }
            err.flush();
            return BAD_INPUT;
        }
    }

    private static String prefix(CommandLine cl) {
        return cl.getParent() == null ? "xcorr: " : "xcorr " + cl.getCommandName() + ": ";
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message with the library's camelCase parameter names replaced by the command's option names
     * ({@code templateRadius} becomes {@code --template-radius}), so the user reads what they typed. A word is
     * replaced when an option's field has that name or the option is its kebab-case form; others stay.
     */
    static String optionNames(String message, CommandSpec spec) {
        Matcher m = CAMEL_CASE.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String option = optionFor(m.group(), spec);
            m.appendReplacement(b, Matcher.quoteReplacement(option == null ? m.group() : option));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String optionFor(String word, CommandSpec spec) {
        String kebab = "--" + word.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        for (OptionSpec o : spec.options()) {
            if (o.userObject() instanceof Field f && f.getName().equals(word) || o.longestName().equals(kebab)) {
                return o.longestName();
            }
        }
        return null;
    }

    /** The message collapsed to one line; the exception's class name when it has no message. */
    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName().replace("Exception", " error");
        }
        if (ex instanceof IOException && !(ex instanceof InputException)) {
            m = "I/O failure: " + m;
        }
        // names and arguments may hold control characters: never let them reach the terminal raw
        return Messages.printable(m.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim());
    }

    /**
     * Reports an {@link OutOfMemoryError} that escaped a command as one line (a stack trace only with
     * {@code --verbose}) and returns exit status 1: the heap was too small for the computation. Inputs too large
     * to read are reported earlier, by {@link #inputTooLarge}, as bad input.
     */
    static int outOfMemory(CommandLine root, OutOfMemoryError e) {
        ParseResult parsed = root.getParseResult();
        CommandLine cl = root;
        if (parsed != null && parsed.subcommand() != null) {
            cl = parsed.subcommand().commandSpec().commandLine();
        }
        PrintWriter err = cl.getErr();
        String what = cl.getParent() == null ? "the command" : cl.getCommandName();
        err.println(prefix(cl) + "error: out of memory: " + memoryAdvice(what + " needs", e));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /**
     * The bad-input error for an input that does not fit in memory: names the file, its size and the heap, and
     * says how to raise the heap.
     */
    static InputException inputTooLarge(java.nio.file.Path path, OutOfMemoryError e) {
        String size = "";
        try {
            size = " (" + mib(java.nio.file.Files.size(path)) + " on disk)";
        } catch (IOException | RuntimeException ignored) {
            // the size is a courtesy
        }
        return new InputException(path + size + ": too large to read into memory: "
                + memoryAdvice("reading it needs", e), e);
    }

    /** What ran out and what to do, for {@code what} ("ncc needs", "reading it needs"). */
    private static String memoryAdvice(String what, OutOfMemoryError e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("native thread")) {
            return "the system refused to start another thread; use fewer --threads";
        }
        if (m.contains("array size")) {
            return what + " an array larger than Java allows (2^31 - 1 elements); use smaller inputs";
        }
        return what + " more than the " + mib(Runtime.getRuntime().maxMemory()) + " Java heap; give Java more"
                + " memory with XCORR_JAVA_OPTS=-Xmx<size> (for example XCORR_JAVA_OPTS=-Xmx8g), or use smaller inputs";
    }

    private static String mib(long bytes) {
        return bytes >= 10L << 30 ? (bytes >> 30) + " GiB" : ((bytes + (1 << 19)) >> 20) + " MiB";
    }
}
