package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code org.xcorr.fft.f32} sources must be exactly what {@link Float32Generator} makes of the
 * current {@code org.xcorr.fft} sources (surefire runs in the module directory).
 */
class Float32GeneratorTest {

    private static final Path SOURCE = Path.of("src/main/java/org/xcorr/fft");
    private static final String HOW = "; regenerate with: java -cp xcorr-core/target/test-classes "
            + "org.xcorr.fft.Float32Generator (after mvn -pl xcorr-core test-compile)";

    @Test
    void committedSourcesAreInSyncWithTheGenerator() throws IOException {
        Map<String, String> generated = Float32Generator.generate(SOURCE);
        Path target = SOURCE.resolve("f32");
        Set<String> committed;
        try (var files = Files.list(target)) {
            committed = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(generated.keySet()), committed, "files of org.xcorr.fft.f32" + HOW);
        for (Map.Entry<String, String> e : generated.entrySet()) {
            String onDisk = Files.readString(target.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertEquals(e.getValue(), onDisk, "f32/" + e.getKey() + " is out of sync with org.xcorr.fft" + HOW);
        }
    }

    @Test
    void translationLeavesNoDoubleArithmeticOutsideTheDocumentedExceptions() {
        Map<String, String> generated = Float32Generator.generate(SOURCE);
        for (Map.Entry<String, String> e : generated.entrySet()) {
            String text = e.getValue();
            assertTrue(text.startsWith(Float32Generator.HEADER), e.getKey() + " lacks the generated header");
            assertTrue(text.contains("package org.xcorr.fft.f32;"), e.getKey());
            for (String line : text.split("\n")) {
                String code = line.trim();
                if (code.startsWith("*") || code.startsWith("/") || code.startsWith("double angle =")) {
                    continue;
                }
                if (e.getKey().equals("BluesteinFft.java") && (code.startsWith("double[] k")
                        || code.startsWith("double scale = 1.0 / m;"))) {
                    continue; // the kernel spectrum, computed once in double
                }
                assertFalse(code.matches(".*\\bdouble\\b.*"), e.getKey() + ": " + line);
                assertFalse(code.contains("DoubleVector"), e.getKey() + ": " + line);
                assertFalse(code.matches(".*(?<![\\w.])\\d+\\.\\d+(?![\\w.]).*") && !code.contains("Math."),
                        e.getKey() + " has a double literal: " + line);
            }
        }
    }

    @Test
    void aRuleThatNoLongerMatchesFailsLoudly() {
        String changed = "package org.xcorr.fft;\n\ninterface LineFft {\n    int INPUT_PAD = 4;\n}\n";
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Float32Generator.translate("LineFft", changed));
        assertTrue(e.getMessage().contains("LineFft"), e.getMessage());
    }
}
