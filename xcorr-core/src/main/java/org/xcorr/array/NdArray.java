package org.xcorr.array;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable N-D array of doubles (1-D, 2-D or 3-D), real or complex, stored row-major (C order)
 * exactly as NumPy stores a C-contiguous array.
 *
 * <p>Axis order follows NumPy: in 2-D, axis 0 is y (rows) and axis 1 is x (columns); in 3-D the axes
 * are (z, y, x). The last axis is contiguous in memory: element {@code (i0, i1, i2)} of a 3-D array
 * of shape {@code (n0, n1, n2)} lives at flat index {@code (i0 * n1 + i1) * n2 + i2}.
 *
 * <p>Factories come in two kinds, and their names say which: {@code of...} copies the data it is given,
 * so later changes to the caller's array do not show through; {@code wrap...} keeps a reference to the
 * caller's array (no copy) and the caller promises not to modify it afterwards. The {@code backing...}
 * accessors hand out the stored arrays without copying, for kernels that must not pay for a copy; they
 * must be treated as read-only. Everything else returns copies.
 *
 * <p>A complex array has a real part and an imaginary part of equal length. A real array has no
 * imaginary part ({@link #isComplex()} is false and {@link #backingImag()} is {@code null}).
 *
 * <p><b>Size.</b> The array type's factories, accessors and views, most of the file javadoc; nothing here
 * computes, so there is nothing to split out.
 */
public final class NdArray {

    /** Largest rank this library handles. */
    public static final int MAX_RANK = 3;

    private final int[] shape;
    private final double[] re;
    private final double[] im;

    private NdArray(int[] shape, double[] re, double[] im) {
        this.shape = shape;
        this.re = re;
        this.im = im;
    }

    // ---------------------------------------------------------------- factories

    /** A real array that copies {@code data}; {@code data.length} must equal the product of {@code shape}. */
    public static NdArray of(double[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = checkShape(shape, data.length, "data");
        return new NdArray(s, data.clone(), null);
    }

    /** A real array that wraps {@code data} without copying; the caller must not modify it afterwards. */
    public static NdArray wrap(double[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = checkShape(shape, data.length, "data");
        return new NdArray(s, data, null);
    }

    /** A complex array that copies {@code real} and {@code imag}. */
    public static NdArray ofComplex(double[] real, double[] imag, int... shape) {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(imag, "imag");
        int[] s = checkShape(shape, real.length, "real");
        checkShape(shape, imag.length, "imag");
        return new NdArray(s, real.clone(), imag.clone());
    }

    /** A complex array that wraps {@code real} and {@code imag} without copying. */
    public static NdArray wrapComplex(double[] real, double[] imag, int... shape) {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(imag, "imag");
        int[] s = checkShape(shape, real.length, "real");
        checkShape(shape, imag.length, "imag");
        return new NdArray(s, real, imag);
    }

    /** A real array converted from single precision values (copies). */
    public static NdArray of(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = checkShape(shape, data.length, "data");
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return new NdArray(s, d, null);
    }

    /** A 1-D real array (copies). */
    public static NdArray of1d(double... data) {
        return of(data, data.length);
    }

    /** A 2-D real array from rows (copies); every row must have the same length. */
    public static NdArray of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows: array is empty (0 rows)");
        }
        int w = rows[0].length;
        double[] d = new double[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length != w) {
                throw new IllegalArgumentException("rows: row " + y + " has length " + rows[y].length
                        + " but row 0 has length " + w);
            }
            System.arraycopy(rows[y], 0, d, y * w, w);
        }
        return of2(d, rows.length, w);
    }

    /** A 3-D real array from planes of rows (copies); every plane and row must have the same size. */
    public static NdArray of(double[][][] planes) {
        Objects.requireNonNull(planes, "planes");
        if (planes.length == 0 || planes[0].length == 0) {
            throw new IllegalArgumentException("planes: array is empty");
        }
        int h = planes[0].length;
        int w = planes[0][0].length;
        double[] d = new double[planes.length * h * w];
        for (int z = 0; z < planes.length; z++) {
            if (planes[z].length != h) {
                throw new IllegalArgumentException("planes: plane " + z + " has " + planes[z].length
                        + " rows but plane 0 has " + h);
            }
            for (int y = 0; y < h; y++) {
                if (planes[z][y].length != w) {
                    throw new IllegalArgumentException("planes: row " + y + " of plane " + z + " has length "
                            + planes[z][y].length + " but should have " + w);
                }
                System.arraycopy(planes[z][y], 0, d, (z * h + y) * w, w);
            }
        }
        return new NdArray(checkShape(new int[] {planes.length, h, w}, d.length, "planes"), d, null);
    }

    private static NdArray of2(double[] d, int h, int w) {
        return new NdArray(checkShape(new int[] {h, w}, d.length, "rows"), d, null);
    }

    /** A real array of zeros. */
    public static NdArray zeros(int... shape) {
        int[] s = checkShape(shape, -1, "shape");
        return new NdArray(s, new double[sizeOf(s)], null);
    }

    // ---------------------------------------------------------------- shape

    /** Number of axes (1, 2 or 3). */
    public int rank() {
        return shape.length;
    }

    /** The shape, one length per axis in axis order (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Length of one axis. */
    public int shape(int axis) {
        return shape[axis];
    }

    /** Total number of elements. */
    public int size() {
        return re.length;
    }

    /** Whether the array has an imaginary part. */
    public boolean isComplex() {
        return im != null;
    }

    /** The shape written as NumPy users read it, e.g. {@code 30x60}. */
    public String shapeString() {
        return shapeString(shape);
    }

    /** {@code 30x60} for {@code [30, 60]}. */
    public static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append('x');
            }
            b.append(shape[i]);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- element access

    /** Real part at a multi-index given in axis order. */
    public double get(int... index) {
        return re[flatIndex(index)];
    }

    /** Imaginary part at a multi-index (0 for a real array). */
    public double getImag(int... index) {
        return im == null ? 0.0 : im[flatIndex(index)];
    }

    /** Real part at (row, column) of a 2-D array. */
    public double get(int row, int col) {
        if (shape.length != 2) {
            throw new IllegalStateException("get(row, col) needs a 2-D array, this one is " + shapeString());
        }
        if (row < 0 || row >= shape[0] || col < 0 || col >= shape[1]) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + shapeString());
        }
        return re[row * shape[1] + col];
    }

    /** Row-major flat index of a multi-index. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " axes, array has " + shape.length);
        }
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside " + shapeString());
            }
            f = f * shape[a] + index[a];
        }
        return f;
    }

    // ---------------------------------------------------------------- data

    /** A copy of the real part, row-major. */
    public double[] toArray() {
        return re.clone();
    }

    /** A copy of the imaginary part, or {@code null} for a real array. */
    public double[] toImagArray() {
        return im == null ? null : im.clone();
    }

    /**
     * The stored real part, not a copy: read-only by contract. For kernels that would otherwise copy
     * large inputs just to read them.
     */
    public double[] backingReal() {
        return re;
    }

    /** The stored imaginary part, not a copy (read-only by contract), or {@code null} for a real array. */
    public double[] backingImag() {
        return im;
    }

    /** A 2-D copy as rows; only for 2-D arrays. */
    public double[][] toRows() {
        if (shape.length != 2) {
            throw new IllegalStateException("toRows() needs a 2-D array, this one is " + shapeString());
        }
        double[][] rows = new double[shape[0]][];
        for (int y = 0; y < shape[0]; y++) {
            rows[y] = Arrays.copyOfRange(re, y * shape[1], (y + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * Plane {@code index} along axis 0: for a 3-D array {@code (n0, n1, n2)} the 2-D array {@code (n1, n2)} at
     * {@code [index, :, :]}, for a 2-D array the 1-D row {@code [index, :]} (a frame of a time-lapse stored with
     * time first, a slice of a volume). Costs one contiguous copy of the plane and nothing more: an
     * {@code NdArray} always owns its storage from index 0 (kernels rely on {@link #backingReal()} being
     * exactly the array), so a view with an offset would force a copy on every kernel call instead.
     *
     * @throws IllegalStateException for a 1-D array
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, shape(0))}
     */
    public NdArray plane(int index) {
        if (shape.length < 2) {
            throw new IllegalStateException("plane(index) needs a 2-D or 3-D array, this one is " + shapeString());
        }
        if (index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("plane " + index + " is outside " + shapeString());
        }
        int[] s = Arrays.copyOfRange(shape, 1, shape.length);
        int n = sizeOf(s);
        int from = index * n;
        return new NdArray(s, Arrays.copyOfRange(re, from, from + n),
                im == null ? null : Arrays.copyOfRange(im, from, from + n));
    }

    /**
     * The box {@code [from, to)} per axis (a region of interest, a patch), as a new array of shape
     * {@code to - from}; copies the box's rows, one {@code arraycopy} per row.
     *
     * @param from first index per axis (inclusive), {@code 0 <= from[a] < to[a]}
     * @param to   end index per axis (exclusive), {@code to[a] <= shape(a)}
     * @throws IllegalArgumentException if the box is empty, has the wrong number of axes or leaves the array
     */
    public NdArray subBox(int[] from, int[] to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.length != shape.length || to.length != shape.length) {
            throw new IllegalArgumentException("box " + Arrays.toString(from) + ".." + Arrays.toString(to)
                    + " must have one index per axis of " + shapeString());
        }
        int[] s = new int[shape.length];
        for (int a = 0; a < shape.length; a++) {
            if (from[a] < 0 || to[a] > shape[a] || from[a] >= to[a]) {
                throw new IllegalArgumentException("box " + Arrays.toString(from) + ".." + Arrays.toString(to)
                        + " is empty or outside " + shapeString() + " on axis " + a);
            }
            s[a] = to[a] - from[a];
        }
        double[] r = new double[sizeOf(s)];
        double[] i = im == null ? null : new double[r.length];
        int rowLength = s[s.length - 1];
        int rows = r.length / rowLength;
        int[] idx = new int[shape.length];
        for (int row = 0; row < rows; row++) {
            // multi-index of this row's first element in the source
            int rem = row;
            for (int a = shape.length - 2; a >= 0; a--) {
                idx[a] = from[a] + rem % s[a];
                rem /= s[a];
            }
            idx[shape.length - 1] = from[shape.length - 1];
            int src = 0;
            for (int a = 0; a < shape.length; a++) {
                src = src * shape[a] + idx[a];
            }
            System.arraycopy(re, src, r, row * rowLength, rowLength);
            if (i != null) {
                System.arraycopy(im, src, i, row * rowLength, rowLength);
            }
        }
        return new NdArray(s, r, i);
    }

    /** The real part as a real array (this array if it is real). */
    public NdArray real() {
        return im == null ? this : new NdArray(shape, re, null);
    }

    /** Same data, another shape of the same size (shares storage; both are immutable). */
    public NdArray reshape(int... newShape) {
        int[] s = checkShape(newShape, re.length, "newShape");
        return new NdArray(s, re, im);
    }

    /**
     * Checks every value is finite and throws {@link IllegalArgumentException} naming {@code what}
     * and the first offending index otherwise.
     */
    public NdArray requireFinite(String what) {
        checkFinite(re, what);
        if (im != null) {
            checkFinite(im, what);
        }
        return this;
    }

    private void checkFinite(double[] d, String what) {
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(what + " contains " + (Double.isNaN(d[i]) ? "NaN" : "infinity")
                        + " at index " + Arrays.toString(unravel(i)) + "; values must be finite");
            }
        }
    }

    /** Multi-index of a flat row-major index. */
    public int[] unravel(int flat) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }

    /** Most elements of one array (the JVM's limit for {@code new double[n]}, with its header margin). */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /**
     * Product of the lengths in {@code shape}.
     *
     * @throws IllegalArgumentException "... too large" when the product exceeds {@link #MAX_SIZE} (never a
     *                                  silently wrapped int)
     */
    public static int sizeOf(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > MAX_SIZE || n < 0) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " is too large: more than "
                        + MAX_SIZE + " elements in one array");
            }
        }
        return (int) n;
    }

    /**
     * {@code n} as an int array length, for sizes derived from shapes (padded, output, work arrays).
     *
     * @param what names the array in the message, e.g. {@code "ncc output 70000x70000"}
     * @throws IllegalArgumentException "WHAT is too large: N elements, more than ... in one array" when
     *                                  {@code n} exceeds {@link #MAX_SIZE} or is negative (an overflowed product)
     */
    public static int checkedSize(long n, String what) {
        if (n < 0 || n > MAX_SIZE) {
            throw new IllegalArgumentException(what + " is too large: " + (n < 0 ? "over 2^63" : Long.toString(n))
                    + " elements, more than " + MAX_SIZE + " in one array");
        }
        return (int) n;
    }

    private static int[] checkShape(int[] shape, int length, String what) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length < 1 || shape.length > MAX_RANK) {
            throw new IllegalArgumentException("shape must have 1 to " + MAX_RANK + " axes, got " + shape.length);
        }
        long n = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new IllegalArgumentException((shape[a] == 0 ? "array is empty: " : "negative length: ")
                        + "axis " + a + " of shape " + shapeString(shape) + " has length " + shape[a]);
            }
            n *= shape[a];
            if (n > MAX_SIZE) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " has more than 2^31 elements");
            }
        }
        if (length >= 0 && n != length) {
            throw new IllegalArgumentException(what + " has " + length + " values but shape "
                    + shapeString(shape) + " needs " + n);
        }
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdArray)) {
            return false;
        }
        NdArray other = (NdArray) o;
        return Arrays.equals(shape, other.shape) && Arrays.equals(re, other.re) && Arrays.equals(im, other.im);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(re)) + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        return "NdArray[" + shapeString() + (im != null ? ", complex" : "") + "]";
    }
}
