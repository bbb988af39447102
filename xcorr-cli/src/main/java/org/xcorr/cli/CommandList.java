package org.xcorr.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Commands:" section of {@code xcorr --help}: every command with the whole first sentence of its
 * description. picocli's default shows only the description's first line, which the commands wrap mid-sentence
 * (their {@code --help} pages keep the line breaks); this renderer joins the lines and cuts at the first full
 * stop followed by a space, so {@code scipy.signal.correlate} and {@code e.g. x} do not end a sentence.
 */
final class CommandList implements CommandLine.IHelpSectionRenderer {

    private static final int NAME_WIDTH = 14;

    /** A full stop, question or exclamation mark followed by a space, not in "e.g.", "i.e.", "vs." or "cf.". */
    private static final java.util.regex.Pattern SENTENCE_END =
            java.util.regex.Pattern.compile("(?<!\\be\\.g|\\bi\\.e|\\bvs|\\bcf)[.!?](?= )");

    @Override
    public String render(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(NAME_WIDTH, 2, Column.Overflow.SPAN),
                new Column(width - NAME_WIDTH, 1, Column.Overflow.WRAP));
        for (Map.Entry<String, Help> e : subcommands.entrySet()) {
            UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            if (usage.hidden()) {
                continue;
            }
            table.addRowValues(e.getKey(), firstSentence(usage));
        }
        return table.toString();
    }

    /** The first sentence of the command's header, or else of its description, lines joined by spaces. */
    static String firstSentence(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        String text = String.join(" ", lines).replaceAll("\\s+", " ").trim();
        java.util.regex.Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.end()) : text;
    }
}
