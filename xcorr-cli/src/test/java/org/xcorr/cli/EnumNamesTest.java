package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcorr.correlate.Mode;
import org.xcorr.match.MatchMethod;
import org.xcorr.ncc.Padding;

/**
 * The command-line spellings of the library's enums live in the CLI ({@link EnumNames}); the enums themselves
 * ({@code Mode}, {@code Padding}, {@code MatchMethod}) no longer parse command-line text or name themselves for it.
 */
class EnumNamesTest {

    @Test
    void everyConstantReadsBackFromItsSpellingInAnyCase() {
        for (Class<? extends Enum<?>> type : List.of(Mode.class, Padding.class, MatchMethod.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                String name = EnumNames.name(e);
                assertEquals(e, parse(type, name), name);
                assertEquals(e, parse(type, " " + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), name);
            }
        }
        assertEquals("ccoeff-normed", EnumNames.name(MatchMethod.CCOEFF_NORMED));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Enum<?> parse(Class<? extends Enum<?>> type, String value) {
        return EnumNames.parse((Class) type, value, "value");
    }

    @Test
    void aBadValueIsOneLineListingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnumNames.parse(Mode.class, "fulll", "mode"));
        assertEquals("unknown mode 'fulll'; expected full, same, valid or circular", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnumNames.parse(Padding.class, null, "padding"));
        assertEquals("unknown padding 'null'; expected zero, mean or overlap", e.getMessage());
    }

    @Test
    void theCoreEnumsCarryNoCommandLineParsing() {
        for (Class<?> type : List.of(Mode.class, Padding.class, MatchMethod.class)) {
            assertThrows(NoSuchMethodException.class, () -> type.getMethod("parse", String.class), type.getName());
        }
        assertThrows(NoSuchMethodException.class, () -> MatchMethod.class.getMethod("cliName"));
    }
}
