package org.xcorr.io;

/**
 * Makes text safe to show on a terminal: file names, arguments and bytes read from files may hold control
 * characters (an escape sequence that retitles the window or rewrites the screen, a bell, a carriage return that
 * hides what came before), so messages show them as visible escapes instead.
 */
public final class Messages {

    private Messages() {
    }

    /**
     * {@code text} with every control character written as an escape: C0 controls (U+0000–U+001F) and DEL as
     * {@code \xNN} ({@code \n}, {@code \r}, {@code \t} as such), C1 controls (U+0080–U+009F), the line and
     * paragraph separators (U+2028, U+2029) and the bidirectional overrides and isolates (U+202A–U+202E,
     * U+2066–U+2069, which can make a name read differently from what it is) as {@code \}{@code uNNNN}. Unpaired
     * surrogates (a file name that is not valid UTF-16) become {@code \}{@code uNNNN} too. Everything else,
     * backslashes included, is kept, so applying it twice changes nothing.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = escape(text, i);
            if (esc == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            b.append(esc);
        }
        return b == null ? text : b.toString();
    }

    private static String escape(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)) {
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null
                    : String.format("\\u%04x", (int) c);
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
