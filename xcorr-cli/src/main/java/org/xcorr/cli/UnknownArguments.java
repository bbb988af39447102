package org.xcorr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One line for an argument the command does not know: {@code unknown option '--tempalte'; did you mean
 * '--template'?}, or {@code unknown command 'corelate'; did you mean 'correlate'?}.
 *
 * <p>Why not picocli's own message: picocli reports a missing required option before an unknown one (so
 * {@code --tempalte} read as "missing --template"), and its suggestions span several lines. The closest known
 * name is the one at the smallest optimal-string-alignment distance (Levenshtein plus transposition of
 * neighbours), accepted when at most a third of the longer name's letters differ (at least 1, at most 3), or
 * a known name that starts with what was typed.
 */
final class UnknownArguments {

    private UnknownArguments() {
    }

    /**
     * The message for the first unknown argument of the command that failed to parse, or null when every
     * argument was recognised (the failure is something else, such as a bad value).
     */
    static String message(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        if (cl == null || cl.getUnmatchedArguments().isEmpty()) {
            return null;
        }
        CommandSpec spec = cl.getCommandSpec();
        String arg = cl.getUnmatchedArguments().get(0);
        if (looksLikeOption(arg)) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> known = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    known.addAll(List.of(o.names()));
                }
            }
            return "unknown option '" + name + "'" + hint(name, known, cl);
        }
        if (cl.getParent() == null && !spec.subcommands().isEmpty()) {
            return "unknown command '" + arg + "'" + hint(arg, new ArrayList<>(spec.subcommands().keySet()), cl);
        }
        return null;
    }

    private static String hint(String typed, List<String> known, CommandLine cl) {
        String guess = closest(typed, known);
        if (guess != null) {
            return "; did you mean '" + guess + "'?";
        }
        return " (see 'xcorr " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help')";
    }

    /** {@code -x}, {@code --word}: not a negative number such as {@code -1.5,2}. */
    static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && (Character.isLetter(arg.charAt(1))
                || arg.length() > 2 && arg.charAt(1) == '-' && Character.isLetter(arg.charAt(2)));
    }

    /** The known name closest to {@code typed} (see the class comment), or null when none is close. */
    static String closest(String typed, List<String> known) {
        String t = strip(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String n = strip(k);
            if (n.length() < 2 && t.length() > 2) {
                continue; // single-letter aliases (-o, -h) are never what a long misspelling meant
            }
            int d = distance(t, n);
            int allowed = Math.min(3, Math.max(1, Math.max(t.length(), n.length()) / 3));
            boolean prefix = t.length() >= 3 && n.startsWith(t);
            if ((d <= allowed || prefix) && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String strip(String name) {
        return name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
