package org.xcorr.cli;

import java.util.Locale;

/**
 * The command-line spellings of the library's enums, kept here so the library's types carry no command-line text:
 * a constant is written as its name in lower case with hyphens ({@code CCOEFF_NORMED} → {@code ccoeff-normed}) and
 * read back in any case, with hyphens or underscores. A bad value is one line naming what was expected.
 */
public final class EnumNames {

    private EnumNames() {
    }

    /** The command-line spelling of {@code constant}, for example {@code ccoeff-normed}. */
    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} spelled {@code value}.
     *
     * @param what the option's subject in the error message, for example {@code mode}
     * @throws IllegalArgumentException "unknown mode 'x'; expected full, same, valid or circular"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        String n = value == null ? "" : value.trim().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "'; expected " + choices(type));
    }

    /** The spellings of every constant of {@code type}: "full, same, valid or circular". */
    static String choices(Class<? extends Enum<?>> type) {
        Enum<?>[] all = type.getEnumConstants();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(name(all[i]));
        }
        return b.toString();
    }
}
