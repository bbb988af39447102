package org.xcorr.io;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * How large an input the readers accept, checked from the file's header <em>before</em> anything is decoded, so
 * that a small compressed file declaring a huge image (a decompression bomb) fails at once with one line instead
 * of exhausting the heap.
 *
 * <p>Two bounds apply:
 * <ul>
 *   <li><b>{@code maxPixels}</b>: an image (PNG, JPEG, BMP, GIF, TIFF; all pages of a TIFF together) may
 *       declare at most this many pixels. Default {@value #DEFAULT_MAX_PIXELS} (2<sup>28</sup>, a 16384 x 16384
 *       image, 2 GiB as doubles). {@code .npy} files are not subject to it: their data are stored uncompressed,
 *       so the declared size is checked against the file's length instead and cannot exceed what the file
 *       holds.</li>
 *   <li><b>the heap actually available</b>: for every format, the memory the read needs (the {@code double[]}
 *       result, plus the decoder's own image for compressed formats) must fit in
 *       {@code Runtime.maxMemory()} minus the heap in use (live data after the last garbage collection where the
 *       JVM reports it, so collectable garbage is not counted).</li>
 * </ul>
 * Both failures are {@link InputException}s naming the file, the declared size and how to raise the bound
 * ({@code --max-pixels} on the command line, {@link #withMaxPixels} in the library, or a larger heap:
 * {@code -Xmx}, for the {@code xcorr} launcher through {@code XCORR_JAVA_OPTS}).
 *
 * @param maxPixels the most pixels an image may declare; at least 1
 */
public record ReadLimits(long maxPixels) {

    /** The default pixel limit, 2<sup>28</sup> = 268,435,456 (16384 x 16384). */
    public static final long DEFAULT_MAX_PIXELS = 1L << 28;

    /** The largest element count a Java array (and so an {@code NdArray}) can hold on common JVMs. */
    public static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Validates the limit. */
    public ReadLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
        }
    }

    /** The defaults: {@link #DEFAULT_MAX_PIXELS}, and the heap check. */
    public static ReadLimits defaults() {
        return new ReadLimits(DEFAULT_MAX_PIXELS);
    }

    /** These limits with another pixel limit. */
    public ReadLimits withMaxPixels(long pixels) {
        return new ReadLimits(pixels);
    }

    /**
     * Checks an image's declared size against {@link #maxPixels()}, the {@code NdArray} capacity and the heap.
     *
     * @param name the file, for the message
     * @param what what declares the size, e.g. "PNG image 30000x30000"
     * @param pixels the declared pixel count (all pages)
     * @param decoderBytes bytes the decoder needs besides the {@code double[]} result (its own raster)
     */
    void checkImage(String name, String what, long pixels, long decoderBytes) throws InputException {
        if (pixels > maxPixels) {
            throw new InputException(name + ": " + what + " declares " + count(pixels) + " pixels, more than the"
                    + " limit of " + count(maxPixels) + "; if the file is genuine, raise the limit (--max-pixels N,"
                    + " or ReadLimits.withMaxPixels in the library) and give Java enough memory (-Xmx, e.g."
                    + " XCORR_JAVA_OPTS=-Xmx16g)");
        }
        checkElements(name, what, pixels);
        checkHeap(name, what, saturatedAdd(saturatedMultiply(pixels, Double.BYTES), decoderBytes));
    }

    /**
     * Checks that {@code elements} fit in one {@code NdArray}.
     *
     * @throws InputException naming the file and the count when they do not
     */
    static void checkElements(String name, String what, long elements) throws InputException {
        if (elements > MAX_ARRAY_ELEMENTS) {
            throw new InputException(name + ": " + what + " is too large: " + count(elements)
                    + " elements, an array holds at most " + count(MAX_ARRAY_ELEMENTS));
        }
    }

    /**
     * Checks that {@code bytes} more can be allocated on the heap.
     *
     * @throws InputException naming the file, the need and the free heap when they cannot
     */
    static void checkHeap(String name, String what, long bytes) throws InputException {
        Runtime rt = Runtime.getRuntime();
        if (bytes <= rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) {
            // availableHeap() is never less than this bound; asking the memory-pool beans loads JMX, tens of
            // milliseconds of a one-shot run, so they are asked only when the cheap bound says no.
            return;
        }
        long available = availableHeap();
        if (bytes > available) {
            throw new InputException(name + ": " + what + " is too large for the memory Java may use: reading"
                    + " it needs about " + size(bytes) + ", " + size(Math.max(0, available)) + " of the "
                    + size(Runtime.getRuntime().maxMemory()) + " heap is free; give Java more memory (-Xmx, e.g."
                    + " XCORR_JAVA_OPTS=-Xmx" + Math.max(1, (bytes * 2 >> 30) + 1) + "g)");
        }
    }

    /**
     * The heap that can still be allocated: {@code maxMemory} minus the heap in use. "In use" is the smaller of
     * the current use and the use after the last collection of each heap pool, so garbage waiting to be
     * collected does not cause a false refusal; this errs towards letting a read try.
     */
    static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long afterGc = 0;
        boolean known = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage u = pool.getCollectionUsage();
            if (u != null) {
                afterGc += u.getUsed();
                known = true;
            }
        }
        return rt.maxMemory() - (known ? Math.min(used, afterGc) : used);
    }

    static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** A count with thousands separators: 900,000,000. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes in MiB/GiB, one decimal. */
    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
