package org.xcorr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * picocli's usual "run the last subcommand" strategy, preceded by the {@link InputCheck}s of that subcommand and
 * its mixins. A failed check becomes a {@link CommandLine.ParameterException}, so it is reported as a malformed
 * command line (one line on stderr, exit 2) before any file is read.
 */
final class CheckedExecution implements CommandLine.IExecutionStrategy {

    private final CommandLine.IExecutionStrategy next = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parsed) {
        ParseResult last = parsed;
        boolean help = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            help |= p.isUsageHelpRequested() || p.isVersionHelpRequested();
            last = p;
        }
        org.xcorr.io.Grey grey = org.xcorr.io.Grey.BT601;
        if (!help) {
            CommandSpec spec = last.commandSpec();
            check(spec, spec.userObject());
            for (CommandSpec mixin : spec.mixins().values()) {
                check(spec, mixin.userObject());
                if (mixin.userObject() instanceof CommonOptions) {
                    grey = ((CommonOptions) mixin.userObject()).grey;
                }
            }
        }
        return ReadSettings.with(grey, () -> next.execute(parsed));
    }

    private static void check(CommandSpec spec, Object target) {
        if (target instanceof InputCheck) {
            try {
                ((InputCheck) target).check(spec.name());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }
}
