package org.xcorr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xcorr.array.NdArray;

/**
 * Reads and writes arrays by file extension: the one entry point the command line uses.
 *
 * <table>
 *   <caption>Formats by extension (case-insensitive)</caption>
 *   <tr><th>extension</th><th>read</th><th>write</th></tr>
 *   <tr><td>{@code .npy}</td><td>every NumPy numeric dtype, real or complex ({@link Npy})</td>
 *       <td>float64, or complex128 for complex arrays</td></tr>
 *   <tr><td>{@code .tif .tiff}</td><td>8/16/32-bit integer, 16/32/64-bit float, grey or colour; several
 *       equal pages as 3-D ({@link Images})</td><td>float32 grey, one page per plane ({@link Tiff})</td></tr>
 *   <tr><td>{@code .png}</td><td>8/16-bit grey or colour ({@link Images})</td>
 *       <td>viridis colour-mapped picture, min to max, with a colour bar labelled with the range
 *       ({@link MapPicture#writeLinear})</td></tr>
 *   <tr><td>{@code .jpg .jpeg .bmp .gif}</td><td>grey or colour ({@link Images})</td><td>no</td></tr>
 * </table>
 *
 * <p>Every read first checks the file's header against {@link ReadLimits} (declared pixels, the heap), so
 * a decompression bomb or an absurd declared size fails in one line before anything is decoded;
 * {@link #probe} makes those checks alone, for a caller that wants to validate several inputs before reading
 * any. Colour images are read as BT.601 luminance (see {@link Images}). Complex arrays can only be written as
 * {@code .npy}. Every write is atomic ({@link AtomicFiles}): a failure leaves no file, not even a partial
 * one, and an existing file at the target is replaced only by a complete new one.
 */
public final class ArrayFiles {

    private ArrayFiles() {
    }

    /**
     * Reads an array from {@code path}, choosing the format by its extension, with the default
     * {@link ReadLimits}.
     *
     * @throws InputException naming the file when it is missing, unreadable, has an unsupported extension, is
     *     corrupt, truncated or of an unsupported type, or is too large
     */
    public static NdArray read(Path path) throws IOException {
        return read(path, ReadLimits.defaults(), Grey.BT601);
    }

    /**
     * {@link #read(Path)} with colour images converted to grey by {@code grey} ({@link Grey}: BT.601 by default,
     * BT.709 as scikit-image, or one channel).
     *
     * @throws InputException as {@link #read(Path)}
     */
    public static NdArray read(Path path, Grey grey) throws IOException {
        return read(path, ReadLimits.defaults(), grey);
    }

    /**
     * Reads an array from {@code path}, choosing the format by its extension; the header is checked against
     * {@code limits} before anything is decoded.
     *
     * @throws InputException naming the file when it is missing, unreadable, has an unsupported extension, is
     *     corrupt, truncated or of an unsupported type, or declares more than {@code limits} or the heap allow
     */
    public static NdArray read(Path path, ReadLimits limits) throws IOException {
        return read(path, limits, Grey.BT601);
    }

    /**
     * {@link #read(Path, ReadLimits)} with colour images converted to grey by {@code grey} ({@link Grey}); the
     * conversion does not apply to {@code .npy} files, which are read as stored.
     *
     * @throws InputException as {@link #read(Path, ReadLimits)}
     */
    public static NdArray read(Path path, ReadLimits limits, Grey grey) throws IOException {
        return isNpy(path) ? Npy.read(path, limits) : Images.read(path, limits, grey);
    }

    /**
     * The shape {@code path} declares, read from its header without decoding the data, after every check that
     * {@link #read(Path, ReadLimits)} makes before decoding: the file exists, its extension, its header, a
     * supported type, the declared size against {@code limits} and the heap. Cheap (a few hundred bytes read;
     * for a TIFF, its directories), so a command with several inputs can check all of them before paying for
     * decoding any.
     *
     * @throws InputException naming the file for anything {@link #read(Path, ReadLimits)} would refuse before
     *     decoding
     */
    public static int[] probe(Path path, ReadLimits limits) throws IOException {
        return isNpy(path) ? Npy.probe(path, limits) : Images.probe(path, limits);
    }

    /** Checks existence and extension; true for {@code .npy}, false for the image formats. */
    private static boolean isNpy(Path path) throws InputException {
        if (!Files.exists(path)) {
            throw new InputException(path + ": file not found");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InputException(path + ": not a readable file");
        }
        String ext = extension(path);
        switch (ext) {
            case "npy":
                return true;
            case "png":
            case "jpg":
            case "jpeg":
            case "bmp":
            case "gif":
            case "tif":
            case "tiff":
                return false;
            default:
                throw new InputException(path + ": unsupported input extension '." + ext
                        + "' (expected .npy, .png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff)");
        }
    }

    /**
     * Writes {@code array} to {@code path}, choosing the format by its extension; atomic.
     *
     * @throws InputException for an unsupported extension, a complex array to a format other than
     *     {@code .npy}, or a write failure (a missing directory, for example)
     */
    public static void write(Path path, NdArray array) throws IOException {
        String ext = extension(path);
        switch (ext) {
            case "npy":
                Npy.write(path, array);
                return;
            case "tif":
            case "tiff":
                Tiff.write(path, array);
                return;
            case "png":
                MapPicture.writeLinear(path, array, ColorMap.VIRIDIS, Double.NaN, Double.NaN);
                return;
            default:
                checkWritable(path);
                throw new InputException(path + ": unsupported output extension '." + ext
                        + "' (expected .npy, .tif, .tiff or .png)");
        }
    }

    /**
     * Checks, before any work is done, that {@link #write} could write {@code path}: a supported output
     * extension, an existing directory, and not a directory itself. Lets a command fail fast instead of after a
     * long computation; the write itself is still atomic.
     *
     * @throws InputException naming the path and what is wrong
     */
    public static void checkWritable(Path path) throws InputException {
        if (path.toString().isEmpty()) {
            throw new InputException("the output path is empty; give a file name");
        }
        if (Files.isDirectory(path)) {
            throw new InputException(path + ": cannot write, it is a directory; give a file name");
        }
        String ext = extension(path);
        if (!ext.equals("npy") && !ext.equals("tif") && !ext.equals("tiff") && !ext.equals("png")) {
            throw new InputException(path + ": unsupported output extension "
                    + (ext.isEmpty() ? "(none)" : "'." + ext + "'") + " (expected .npy, .tif, .tiff or .png)");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(path + ": cannot write, directory " + dir + " does not exist");
        }
    }

    /** Lower-case extension without the dot, or "" when there is none. */
    public static String extension(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
