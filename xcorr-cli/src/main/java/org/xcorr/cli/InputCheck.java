package org.xcorr.cli;

/**
 * A command or mixin whose options are checked together once parsing is done and before the command runs
 * ({@link CheckedExecution}): for rules picocli cannot express, such as "arguments or named options, not
 * both". A failure is reported like any malformed command line (one line, exit 2).
 */
interface InputCheck {

    /**
     * Checks (and may settle) the parsed values.
     *
     * @param command the subcommand's name, for messages
     * @throws IllegalArgumentException with a one-line message naming the options
     */
    void check(String command);
}
