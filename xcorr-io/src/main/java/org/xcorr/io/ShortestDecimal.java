package org.xcorr.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal text that reads back as the same {@code double}, formatted as Python's {@code repr}
 * (and so Python's {@code json}) writes floats: {@code 0.002}, {@code -3.28}, {@code 1e-05}, {@code 1.5e+16},
 * {@code 3.0}.
 *
 * <p>Why not {@link Double#toString(double)}: up to JDK 18 it does not always give the shortest digits
 * (JDK-4511638, fixed in JDK 19: {@code 2.0E-3} is fine but, for example, {@code 1.0E23} printed as
 * {@code 1.0000000000000001E23} and {@code 2.82879384806159E17} with three extra digits), and its format switches
 * to scientific notation below 1e-3, where JSON readers and people expect {@code 0.0005}.
 *
 * <p>How: for {@code p = 1, 2, …, 17} significant digits, the decimal nearest to the double (and, at the
 * asymmetric rounding interval of a power of two, the one on the other side) is tried; the first that
 * {@link Double#parseDouble} maps back to the same double is the answer. 17 digits always round-trip, so the
 * loop ends. Cost: a few {@link BigDecimal} operations per number, negligible next to writing the number.
 *
 * <p>Format (Python's {@code float_repr_style = 'short'}): with decimal exponent {@code e} (the value is
 * {@code d.ddd × 10^e}), plain notation when {@code -4 <= e < 16}, with at least one digit after the point
 * ({@code 3.0}); otherwise {@code d.ddde±XX} with a two-digit minimum exponent ({@code 1e-05},
 * {@code 1.2345e+20}). Negative zero is {@code -0.0}. NaN and infinities have no JSON form: they are
 * rejected here, and {@link Json} writes them as {@code null}.
 */
public final class ShortestDecimal {

    private ShortestDecimal() {
    }

    /**
     * The shortest round-tripping text of {@code value} in Python's {@code repr} format (see the class
     * comment).
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String toString(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("no decimal form for " + value);
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
        }
        BigDecimal shortest = shortestDigits(value);
        return format(shortest.signum() < 0, shortest.unscaledValue().abs().toString(),
                shortest.precision() - shortest.scale() - 1);
    }

    /** The shortest decimal that parses back to {@code value}, as a BigDecimal with no trailing zeros. */
    static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int p = 1; p < 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest.stripTrailingZeros();
            }
            // next to a power of two the interval that rounds to value is narrower on one side, so the nearest
            // p-digit decimal can miss while the one on the other side still rounds back
            BigDecimal other = exact.round(new MathContext(p,
                    nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING));
            if (other.doubleValue() == value) {
                return other.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Python repr layout of {@code 0.digits × 10^(exponent+1)} (digits has no trailing zeros). */
    private static String format(boolean negative, String digits, int exponent) {
        StringBuilder b = new StringBuilder(digits.length() + 8);
        if (negative) {
            b.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent < 0) {
                b.append("0.");
                for (int i = -1; i > exponent; i--) {
                    b.append('0');
                }
                b.append(digits);
            } else if (digits.length() <= exponent + 1) {
                b.append(digits);
                for (int i = digits.length(); i <= exponent; i++) {
                    b.append('0');
                }
                b.append(".0");
            } else {
                b.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
            return b.toString();
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            b.append('0');
        }
        return b.append(e).toString();
    }
}
