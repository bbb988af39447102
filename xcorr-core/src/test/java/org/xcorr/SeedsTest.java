package org.xcorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every jqwik property of the core module takes its seed from {@link Seeds} (surefire runs in the module directory). */
class SeedsTest {

    private static final Pattern PROPERTY = Pattern.compile("(?m)^\\s*@Property\\b(\\([^)]*\\))?");

    @Test
    void everyPropertyIsSeededFromSeeds() throws IOException {
        List<String> unseeded = new ArrayList<>();
        int properties = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = PROPERTY.matcher(text);
                while (m.find()) {
                    properties++;
                    String args = m.group(1) == null ? "" : m.group(1);
                    if (!args.matches(".*\\bseed\\s*=\\s*Seeds\\.[A-Z_]+.*")) {
                        unseeded.add(file.getFileName() + ": " + m.group().trim());
                    }
                }
            }
        }
        assertTrue(properties > 0, "no @Property found under src/test/java");
        assertEquals(List.of(), unseeded, "properties without a seed from org.xcorr.Seeds");
    }
}
