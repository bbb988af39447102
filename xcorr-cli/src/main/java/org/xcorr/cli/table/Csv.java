package org.xcorr.cli.table;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xcorr.io.InputException;

/**
 * Comma-separated values as RFC 4180 writes them: fields separated by commas, a field holding a comma, a quote or
 * a line break enclosed in double quotes, a quote inside one doubled. Lines end with LF or CRLF; a UTF-8 byte-order
 * mark is skipped; blank lines are skipped. Every record keeps its line number for error messages.
 */
public final class Csv {

    /** One record: its fields and the (1-based) line it starts on. */
    public record Record(List<String> fields, int line) {
        /** Copies the fields. */
        public Record {
            fields = List.copyOf(fields);
        }
    }

    private Csv() {
    }

    /**
     * Reads every record of a UTF-8 CSV file.
     *
     * @throws InputException naming the file when it is missing, not UTF-8, or has an unclosed quote
     */
    public static List<Record> read(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not a UTF-8 text file", e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new InputException(file + ": is a directory; give a CSV file", e);
            }
            throw new InputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Splits CSV text into records.
     *
     * @param source the name used in error messages (a file name)
     * @throws InputException when a quoted field is not closed, or a quote is followed by something other than a
     *     comma or the line's end
     */
    public static List<Record> parse(String text, String source) throws InputException {
        List<Record> out = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean any = false;
            while (true) {
                if (i < n && text.charAt(i) == '"') {
                    any = true;
                    int quoteLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new InputException(source + " line " + quoteLine + ": a quoted field is not closed");
                        }
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < n && text.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            f.append(c);
                        }
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new InputException(source + " line " + line
                                + ": a closing quote must be followed by a comma or the end of the line");
                    }
                }
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    any = true;
                    f.append(text.charAt(i++));
                }
                fields.add(f.toString());
                f.setLength(0);
                if (i < n && text.charAt(i) == ',') {
                    any = true;
                    i++;
                    continue;
                }
                break;
            }
            if (i < n && text.charAt(i) == '\r') {
                i++;
            }
            if (i < n && text.charAt(i) == '\n') {
                i++;
            }
            line++;
            if (any) {
                out.add(new Record(fields, start));
            }
        }
        return out;
    }

    /** One CSV line (without the line break): fields joined by commas, quoted where they need it. */
    public static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                b.append(',');
            }
            String v = fields.get(k) == null ? "" : fields.get(k);
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0 || !v.equals(v.strip());
            if (quote) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.toString();
    }
}
