package org.xcorr.cli;

import java.util.function.IntSupplier;
import org.xcorr.io.Grey;

/**
 * How the running command reads its input files ({@code --grey}), available to {@link Inputs} without passing it
 * through every command. Set by {@link CheckedExecution} for the one command being run on this thread and
 * cleared afterwards, so calls of {@link Main#execute} (tests, embedding) never see each other's settings.
 */
final class ReadSettings {

    private static final ThreadLocal<Grey> GREY = ThreadLocal.withInitial(() -> Grey.BT601);

    private ReadSettings() {
    }

    /** The colour-to-grey conversion of the command running on this thread (BT.601 outside a command). */
    static Grey grey() {
        return GREY.get();
    }

    /** Runs {@code command} with {@code grey} in effect, and restores the previous setting after it. */
    static int with(Grey grey, IntSupplier command) {
        Grey previous = GREY.get();
        GREY.set(grey);
        try {
            return command.getAsInt();
        } finally {
            GREY.set(previous);
        }
    }
}
