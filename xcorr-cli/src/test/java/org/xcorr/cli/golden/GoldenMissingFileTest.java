package org.xcorr.cli.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xcorr.io.InputException;

/**
 * bad-13 at the reader: a missing input file is an {@link InputException} that names the file. (The library-level
 * golden tests live next to the library, in xcorr-core; {@link GoldenCliTest} runs every case through the CLI.)
 */
class GoldenMissingFileTest {

    @Test
    void bad13MissingTemplateIsAnInputError() {
        GoldenCase c = GoldenCase.all("bad-13").findFirst().orElseThrow();
        InputException e = assertThrows(InputException.class, () -> c.input("template"));
        assertTrue(e.getMessage().contains("template.npy"), e.getMessage());
    }
}
