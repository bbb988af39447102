package org.xcorr.io;

/**
 * Makes text from files and file names safe to print: every message an {@link InputException} carries goes
 * through {@link #printable(String)}, so a crafted file (a {@code .npy} dtype string holding a terminal escape
 * sequence, a file name with a newline) can neither change the user's terminal nor split an error into
 * several lines.
 */
public final class Messages {

    private Messages() {
    }

    /**
     * {@code text} as one printable line: C0 controls (U+0000..U+001F, tab and newline included), DEL
     * (U+007F), C1 controls (U+0080..U+009F), the Unicode line and paragraph separators (U+2028, U+2029) and the
     * bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069, which can make text display in
     * another order than it is) are replaced by escapes: {@code \n}, {@code \r}, {@code \t}, {@code \e} for
     * ESC, and {@code \xHH} or {@code \}{@code uHHHH} for the rest. Everything else, including other non-ASCII
     * letters, is kept. Null gives "null".
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (escape != null) {
                    sb.append(escape);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static String escape(char c) {
        if (c >= 0x20 && c < 0x7f || c > 0x9f && c != 0x2028 && c != 0x2029 && !(c >= 0x202a && c <= 0x202e)
                && !(c >= 0x2066 && c <= 0x2069)) {
            return null;
        }
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case 0x1b:
                return "\\e";
            default:
                return c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        }
    }
}
