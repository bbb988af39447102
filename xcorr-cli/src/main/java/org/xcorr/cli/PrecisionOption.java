package org.xcorr.cli;

import org.xcorr.ncc.Precision;
import picocli.CommandLine.Option;

/**
 * {@code --precision double|float}: only on the commands where it changes the computation ({@code ncc}, whose
 * FFT cross term can run in single precision, {@link Precision#FLOAT}); every other command computes in
 * double and so does not offer the option.
 */
final class PrecisionOption {

    @Option(names = "--precision", paramLabel = "P", converter = Converter.class,
            description = "double (default) or float: float runs the FFT cross term in single precision (faster;"
                    + " max error vs double about 1e-5 on natural images, larger on nearly flat windows).")
    Precision precision = Precision.DOUBLE;

    /** The requested precision. */
    Precision precision() {
        return precision;
    }

    /** double or float, any case. */
    static final class Converter extends ParsingConverter<Precision> {
        @Override
        Precision parse(String value) {
            return EnumNames.parse(Precision.class, value, "precision");
        }
    }
}
