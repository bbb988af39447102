package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A one-shot run builds only the model of the command it runs ({@link Main#commandLineFor}, issue 16: the
 * fourteen models cost 0.1-0.2 s of CPU per run). It must parse, help and fail exactly as the full command line.
 */
class LazyCommandLineTest {

    @Test
    void everySubcommandAloneHasTheSameUsageAndErrorsAsInTheFullCommandLine() {
        Map<String, CommandLine> all = Main.commandLine().getSubcommands();
        for (String name : all.keySet()) {
            if (name.equals("help")) {
                assertNull(Main.commandLineFor(name), "help lists every command: it needs the full model");
                continue;
            }
            CommandLine lazy = Main.commandLineFor(name);
            assertNotNull(lazy, name);
            assertEquals(1, lazy.getSubcommands().size(), name);
            assertEquals(all.get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
                    lazy.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF), name);
            // (demo without arguments would run the demo: only its failures and help are compared)
            String[][] cases = name.equals("demo") ? new String[][] {{name, "--no-such-option"}, {name, "--help"}}
                    : new String[][] {{name}, {name, "--no-such-option"}, {name, "--help"},
                        {name, "a.npy", "b.npy", "c.npy", "d.npy", "-o"}};
            for (String[] args : cases) {
                assertEquals(run(Main.commandLine(), args), run(lazy, args), String.join(" ", args));
            }
        }
    }

    @Test
    void anythingButAnExactCommandNameUsesTheFullCommandLine() {
        for (String first : new String[] {"--help", "-V", "nccc", "NCC", "", "help"}) {
            assertNull(Main.commandLineFor(first), first);
        }
    }

    /** Exit status, stdout and stderr of one run. */
    private static String run(CommandLine cl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute(args);
        return rc + "\n" + out.toString(StandardCharsets.UTF_8) + "\n" + err.toString(StandardCharsets.UTF_8);
    }
}
