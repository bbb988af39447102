package org.xcorr.io;

import java.util.Locale;

/**
 * The numeric type of the samples of a stack file, for writing a stack back in its input's type: 8/16/32-bit
 * unsigned and signed integers, 32/64-bit floats.
 */
public enum SampleType {
    /** Unsigned 8-bit, 0..255. */
    UINT8(1, 0, 255, false),
    /** Signed 8-bit, -128..127. */
    INT8(1, -128, 127, false),
    /** Unsigned 16-bit, 0..65535. */
    UINT16(2, 0, 65535, false),
    /** Signed 16-bit, -32768..32767. */
    INT16(2, -32768, 32767, false),
    /** Unsigned 32-bit, 0..4294967295. */
    UINT32(4, 0, 4294967295.0, false),
    /** Signed 32-bit. */
    INT32(4, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    /** IEEE 754 single precision. */
    FLOAT32(4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true),
    /** IEEE 754 double precision. */
    FLOAT64(8, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);

    private final int bytes;
    private final double min;
    private final double max;
    private final boolean floating;

    SampleType(int bytes, double min, double max, boolean floating) {
        this.bytes = bytes;
        this.min = min;
        this.max = max;
        this.floating = floating;
    }

    /** Bytes per sample. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return floating;
    }

    /** The lower-case name, as NumPy spells it ({@code uint16}, {@code float32}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value as stored in this type: integers rounded to the nearest (ties to even), floats as they are
     * ({@code FLOAT32} rounded to float).
     *
     * @throws IllegalArgumentException when an integer type cannot hold the value (NaN, infinite, out of range)
     */
    double convert(double v) {
        if (floating) {
            return this == FLOAT32 ? (float) v : v;
        }
        double r = Math.rint(v);
        if (!(r >= min && r <= max)) {
            throw new IllegalArgumentException("value " + v + " does not fit " + label() + " (" + (long) min + ".."
                    + (long) max + ")");
        }
        return r;
    }

    /** TIFF BitsPerSample. */
    int tiffBits() {
        return bytes * 8;
    }

    /** TIFF SampleFormat: 1 unsigned, 2 signed, 3 float. */
    int tiffFormat() {
        if (floating) {
            return 3;
        }
        return (this == INT8 || this == INT16 || this == INT32) ? 2 : 1;
    }

    /** The NumPy dtype string, little-endian. */
    String npyDescr() {
        switch (this) {
            case UINT8:
                return "|u1";
            case INT8:
                return "|i1";
            case UINT16:
                return "<u2";
            case INT16:
                return "<i2";
            case UINT32:
                return "<u4";
            case INT32:
                return "<i4";
            case FLOAT32:
                return "<f4";
            default:
                return "<f8";
        }
    }

    /** The type of TIFF samples, or null when it is none of these. */
    static SampleType ofTiff(int bits, int format) {
        for (SampleType t : values()) {
            if (t.tiffBits() == bits && t.tiffFormat() == format) {
                return t;
            }
        }
        return null;
    }
}
