package org.xcorr.fft;

import java.util.Arrays;
import org.xcorr.concurrent.Parallel;

/**
 * Circular cross-correlation of one real 2-D tile of {@code rows × cols} samples (1-D: one row) with a real
 * kernel, as one fused pipeline that never holds a padded copy of the input, of the kernel or of the result:
 * <pre>  out[y, x] = Σ_{m, n} in[(y + m) mod rows, (x + n) mod cols] · kernel[m, n]
 *             = irfft2(rfft2(in) · conj(rfft2(kernel)))[y, x]</pre>
 * <ol>
 *   <li>the real row transforms of the tile read each row from a {@link RowSource} (which copies it out of the
 *       caller's image, shifted, wrapped or cut short, into a small staging buffer); rows from {@code dataRows}
 *       on are zero and cost no transform (the zero padding of an overlap-save tile is pruned);</li>
 *   <li>for each block of adjacent spectrum columns, while the block is in cache: the forward column
 *       transform, the product with the conjugate kernel spectrum of those columns, and the inverse column
 *       transform;</li>
 *   <li>the inverse real row transforms, only of the rows the caller keeps, handed to a {@link RowSink} that
 *       writes them straight into the output.</li>
 * </ol>
 * Only the tile's half spectrum ({@link #spectrumSize()} complex values, caller-owned and reusable) is held in
 * between. The kernel is a {@link Kernel}: either its whole spectrum, stored column block by column block so
 * that step 2 reads it sequentially (for a kernel used on many tiles), or only the half spectra of its own
 * rows, whose column transforms step 2 then computes per block (for a single use: a fraction of the memory
 * and no pass over a whole padded spectrum).
 *
 * <p>Same conventions as {@link RealFft#correlate}: the product per bin is {@code (xr·sr + xi·si) +
 * i(xi·sr − xr·si)}, the inverse divides by {@code rows·cols}. Rows are transformed in batches and columns in
 * blocks fixed by the shape, never by the thread count, so results are bit-identical for any number of threads.
 * Immutable and thread-safe; scratch lives in the caller's arrays and the thread's workspace.
 */
public final class FusedTile {

    /** Supplies the rows of the tile. */
    @FunctionalInterface
    public interface RowSource {
        /**
         * Copies row {@code row} of the tile ({@code cols} samples) into {@code dst[offset, offset + cols)}, or
         * returns {@code false}, writing nothing, when the row is all zero.
         */
        boolean load(int row, double[] dst, int offset);
    }

    /** Receives the rows of the correlation the caller keeps. */
    @FunctionalInterface
    public interface RowSink {
        /**
         * Row {@code index} of the kept rows (tile row {@code (firstRow + index) mod rows}) is in
         * {@code src[offset, offset + cols)}; valid during the call only.
         */
        void store(int index, double[] src, int offset);
    }

    /** A kernel's conjugate-ready spectrum for this tile shape (see {@link #prepare}). Immutable. */
    public final class Kernel {
        private final double[] re;
        private final double[] im;
        /** Whole spectrum, column-block-major; otherwise the half spectra of the kernel's own rows. */
        private final boolean whole;
        private final int kernelRows;

        private Kernel(double[] re, double[] im, boolean whole, int kernelRows) {
            this.re = re;
            this.im = im;
            this.whole = whole;
            this.kernelRows = kernelRows;
        }

        /** Doubles held (real and imaginary parts). */
        public long footprint() {
            return 2L * re.length;
        }
    }

    private final int rows;
    private final int cols;
    private final int h;
    private final int lanes;
    private final int blocks;
    private final LineFft columnFft;

    private FusedTile(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tile " + rows + "x" + cols + " has an empty axis");
        }
        this.rows = rows;
        this.cols = cols;
        this.h = cols / 2 + 1;
        org.xcorr.array.NdArray.checkedSize((long) rows * h, "tile spectrum " + rows + "x" + h);
        this.lanes = AxisPass.lanes(rows);
        this.blocks = (h + lanes - 1) / lanes;
        this.columnFft = rows > 1 ? LineFft.of(rows) : null;
        LineFft.of(cols % 2 == 0 ? cols / 2 : cols);
    }

    /** The pipeline for tiles of {@code rows × cols} real samples ({@code rows = 1} for 1-D). */
    public static FusedTile of(int rows, int cols) {
        return new FusedTile(rows, cols);
    }

    /** Complex values of the tile's half spectrum: {@code rows · (cols/2 + 1)}, the length of the work arrays. */
    public int spectrumSize() {
        return rows * h;
    }

    /**
     * Prepares {@code kernel} ({@code kernelRows × kernelCols}, row-major, at most the tile; zero elsewhere).
     *
     * @param whole   keep the whole spectrum ({@link #spectrumSize()} values, column-block-major): for a kernel
     *                correlated with many tiles; otherwise keep only the half spectra of the kernel's rows
     *                ({@code kernelRows · (cols/2 + 1)} values) and transform their columns per call, which costs
     *                one column transform per block more but no whole padded spectrum (a single use)
     * @param threads threads for the preparation (the result does not depend on it)
     */
    public Kernel prepare(double[] kernel, int kernelRows, int kernelCols, boolean whole, int threads) {
        if (kernelRows < 1 || kernelCols < 1 || kernelRows > rows || kernelCols > cols
                || kernel.length != kernelRows * kernelCols) {
            throw new IllegalArgumentException("kernel " + kernelRows + "x" + kernelCols + " (" + kernel.length
                    + " values) does not fit the tile " + rows + "x" + cols);
        }
        double[] rowRe = new double[kernelRows * h];
        double[] rowIm = new double[kernelRows * h];
        RealRows.forward(cols, kernelRows, kernelRows, (r, dst, offset) -> {
            System.arraycopy(kernel, r * kernelCols, dst, offset, kernelCols);
            Arrays.fill(dst, offset + kernelCols, offset + cols, 0.0);
            return true;
        }, rowRe, rowIm, threads);
        if (rows == 1) {
            // one row: its half spectrum is the whole spectrum, and block-major order is row order
            return new Kernel(rowRe, rowIm, true, 1);
        }
        if (!whole) {
            return new Kernel(rowRe, rowIm, false, kernelRows);
        }
        double[] re = new double[rows * h];
        double[] im = new double[rows * h];
        Parallel.forRange(threads, blocks, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int i0 = b * lanes;
                kernelBlock(rowRe, rowIm, kernelRows, i0, Math.min(lanes, h - i0), re, im, i0 * rows);
            }
        });
        return new Kernel(re, im, true, kernelRows);
    }

    /**
     * Spectrum columns {@code i0 .. i0+count} of the kernel from the half spectra of its {@code kernelRows} rows:
     * gathered (zero below them) into {@code dst} at {@code offset}, dense ({@code count} values per row), and
     * transformed along the columns.
     */
    private void kernelBlock(double[] rowRe, double[] rowIm, int kernelRows, int i0, int count, double[] dstRe,
            double[] dstIm, int offset) {
        for (int k = 0; k < kernelRows; k++) {
            System.arraycopy(rowRe, k * h + i0, dstRe, offset + k * count, count);
            System.arraycopy(rowIm, k * h + i0, dstIm, offset + k * count, count);
        }
        Arrays.fill(dstRe, offset + kernelRows * count, offset + rows * count, 0.0);
        Arrays.fill(dstIm, offset + kernelRows * count, offset + rows * count, 0.0);
        columnFft.transform(dstRe, dstIm, offset, count, dstRe, dstIm, offset, count, count);
    }

    /**
     * Correlates the tile given by {@code source} with {@code kernel} and hands the rows
     * {@code (firstRow + i) mod rows}, {@code i < rowCount}, of the circular result to {@code sink}.
     *
     * @param source   the tile's rows; rows {@code dataRows} and beyond are zero and never asked for
     * @param dataRows rows that may hold data (at most {@code rows})
     * @param kernel   prepared by {@link #prepare} of this pipeline
     * @param workRe   scratch of at least {@link #spectrumSize()} values (overwritten)
     * @param workIm   scratch of at least {@link #spectrumSize()} values (overwritten)
     * @param firstRow first kept row, {@code 0 <= firstRow < rows}
     * @param rowCount kept rows, {@code 0 <= rowCount <= rows}
     * @param sink     receives each kept row
     * @param threads  threads to use (the result does not depend on it)
     */
    public void correlate(RowSource source, int dataRows, Kernel kernel, double[] workRe, double[] workIm,
            int firstRow, int rowCount, RowSink sink, int threads) {
        if (workRe.length < rows * h || workIm.length < rows * h) {
            throw new IllegalArgumentException("work arrays need " + rows * h + " values");
        }
        if (firstRow < 0 || firstRow >= rows || rowCount < 0 || rowCount > rows) {
            throw new IllegalArgumentException("rows " + firstRow + "+" + rowCount + " outside a tile of " + rows);
        }
        RealRows.forward(cols, rows, Math.min(rows, dataRows), source, workRe, workIm, threads);
        columns(workRe, workIm, kernel, threads);
        RealRows.inverse(cols, rows, firstRow, rowCount, workRe, workIm, sink, 1.0 / ((double) rows * cols), threads);
    }

    /** Per block of columns: forward transform, product with the conjugate kernel, inverse transform (unscaled). */
    private void columns(double[] re, double[] im, Kernel kernel, int threads) {
        if (rows == 1) {
            Parallel.forRange(threads, h, 1 << 14, (from, to) -> multiplyConjugate(re, im, from, h, to - from, 1,
                    kernel.re, kernel.im, from, 0));
            return;
        }
        LineFft fft = columnFft;
        Parallel.forRange(threads, blocks, Math.max(1, (1 << 15) / (rows * lanes)), (from, to) -> {
            for (int b = from; b < to; b++) {
                int i0 = b * lanes;
                int count = Math.min(lanes, h - i0);
                fft.transform(re, im, i0, h, re, im, i0, h, count);
                double[] kr = kernel.re;
                double[] ki = kernel.im;
                int offset = i0 * rows;
                if (!kernel.whole) {
                    Workspace ws = Workspace.current();
                    kr = ws.array(Workspace.KERNEL_RE, rows * count);
                    ki = ws.array(Workspace.KERNEL_IM, rows * count);
                    kernelBlock(kernel.re, kernel.im, kernel.kernelRows, i0, count, kr, ki, 0);
                    offset = 0;
                }
                multiplyConjugate(re, im, i0, h, count, rows, kr, ki, offset, count);
                // inverse: the forward transform with real and imaginary parts exchanged
                fft.transform(im, re, i0, h, im, re, i0, h, count);
            }
        });
    }

    /**
     * {@code x ← x · conj(s)} on {@code lines} runs of {@code count} elements: run {@code k} of {@code x} starts at
     * {@code xOffset + k·xStride}, of {@code s} at {@code sOffset + k·sStride}.
     */
    private static void multiplyConjugate(double[] xRe, double[] xIm, int xOffset, int xStride, int count, int lines,
            double[] sRe, double[] sIm, int sOffset, int sStride) {
        for (int k = 0; k < lines; k++) {
            int x = xOffset + k * xStride;
            int s = sOffset + k * sStride;
            for (int i = 0; i < count; i++) {
                double xr = xRe[x + i];
                double xi = xIm[x + i];
                double sr = sRe[s + i];
                double si = sIm[s + i];
                xRe[x + i] = xr * sr + xi * si;
                xIm[x + i] = xi * sr - xr * si;
            }
        }
    }
}
