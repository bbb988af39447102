package org.xcorr.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.awt.Rectangle;
import java.util.List;
import java.util.Objects;
import org.xcorr.array.NdArray;

/**
 * Conversion between ImageJ images ({@link ImageProcessor}, {@link ImageStack}, {@link ImagePlus}) and xcorr's
 * {@link NdArray}: the one place where pixels cross between the two.
 *
 * <h2>Axis order</h2>
 * A plane of {@code width × height} pixels becomes a 2-D array of shape {@code [height, width]} (row-major:
 * element {@code (y, x)} is ImageJ's pixel {@code (x, y)}); a stack of {@code n} planes becomes a 3-D array
 * {@code [n, height, width]}. xcorr reports per-axis results in axis order, so a 2-D shift {@code [dy, dx]}
 * is ImageJ's {@code (dx, dy)} read backwards.
 *
 * <h2>Copies</h2>
 * {@link NdArray} holds {@code double} values, ImageJ holds {@code byte}, {@code short}, {@code float} or
 * packed RGB {@code int}: every conversion in either direction therefore allocates and copies; no view is
 * possible. Each conversion copies exactly once (the array is built with {@link NdArray#wrap}, not
 * {@link NdArray#of}, so no second copy is made), and a region of interest is copied alone, not the whole plane.
 * A virtual stack's planes are read one at a time by the caller ({@link #toArray(ImageProcessor)} per plane),
 * so converting frame by frame never holds the whole stack.
 *
 * <h2>Values</h2>
 * The raw pixel values are used: unsigned 8- and 16-bit values ({@code 0..255}, {@code 0..65535}), 32-bit
 * values as stored. A density calibration function (ImageJ's {@code Calibration.getCValue}, for example the
 * offset of signed 16-bit images) is not applied; NCC is invariant to such linear maps and registration shifts
 * do not depend on them. RGB pixels become grey with ImageJ's own conversion
 * ({@link ImageProcessor#convertToFloatProcessor()}), which follows <i>Edit › Options › Conversions</i>
 * (unweighted {@code (r+g+b)/3} by default, or the weighted luminance when that option is set).
 *
 * <h2>Calibration</h2>
 * Arrays carry no units; outputs get the calibration of the image they were computed from through
 * {@link #toImage(String, NdArray, Calibration)}, so pixel size and unit are kept.
 */
public final class ImageArrays {

    private ImageArrays() {
    }

    /**
     * The plane as a 2-D array {@code [height, width]} of its raw values (a copy; see the class comment).
     *
     * @param ip an 8-, 16- or 32-bit or RGB processor
     * @return a new array
     */
    public static NdArray toArray(ImageProcessor ip) {
        Objects.requireNonNull(ip, "ip");
        return toArray(ip, new Rectangle(0, 0, ip.getWidth(), ip.getHeight()));
    }

    /**
     * A rectangle of the plane as a 2-D array {@code [r.height, r.width]} (a copy of that rectangle only).
     *
     * @param ip an 8-, 16- or 32-bit or RGB processor
     * @param r  the rectangle in pixel coordinates, inside the plane and not empty
     * @return a new array; element {@code (y, x)} is pixel {@code (r.x + x, r.y + y)}
     * @throws IllegalArgumentException if the rectangle is empty or not inside the plane
     */
    public static NdArray toArray(ImageProcessor ip, Rectangle r) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(r, "r");
        int w = ip.getWidth();
        int h = ip.getHeight();
        if (r.width < 1 || r.height < 1 || r.x < 0 || r.y < 0 || r.x + r.width > w || r.y + r.height > h) {
            throw new IllegalArgumentException("rectangle " + r.width + "x" + r.height + " at (" + r.x + ", " + r.y
                    + ") is not inside the " + w + "x" + h + " image");
        }
        double[] out = new double[r.width * r.height];
        Object pixels = ip.getPixels();
        if (ip instanceof ByteProcessor) {
            byte[] p = (byte[]) pixels;
            for (int y = 0; y < r.height; y++) {
                int src = (r.y + y) * w + r.x;
                int dst = y * r.width;
                for (int x = 0; x < r.width; x++) {
                    out[dst + x] = p[src + x] & 0xff;
                }
            }
        } else if (ip instanceof ShortProcessor) {
            short[] p = (short[]) pixels;
            for (int y = 0; y < r.height; y++) {
                int src = (r.y + y) * w + r.x;
                int dst = y * r.width;
                for (int x = 0; x < r.width; x++) {
                    out[dst + x] = p[src + x] & 0xffff;
                }
            }
        } else if (ip instanceof FloatProcessor) {
            float[] p = (float[]) pixels;
            for (int y = 0; y < r.height; y++) {
                int src = (r.y + y) * w + r.x;
                int dst = y * r.width;
                for (int x = 0; x < r.width; x++) {
                    out[dst + x] = p[src + x];
                }
            }
        } else if (ip instanceof ColorProcessor) {
            // One grey conversion, ImageJ's, so the result matches what the user sees with Image > Type > 32-bit.
            return toArray(ip.convertToFloatProcessor(), r);
        } else {
            throw new IllegalArgumentException("unsupported image type " + ip.getClass().getSimpleName()
                    + "; expected 8-bit, 16-bit, 32-bit or RGB");
        }
        return NdArray.wrap(out, r.height, r.width);
    }

    /**
     * The stack as a 3-D array {@code [size, height, width]} (a copy; every plane is read, so for a virtual
     * stack every plane is loaded once).
     *
     * @param stack a non-empty stack
     * @return a new array; element {@code (k, y, x)} is pixel {@code (x, y)} of plane {@code k + 1}
     */
    public static NdArray toArray(ImageStack stack) {
        Objects.requireNonNull(stack, "stack");
        int n = stack.getSize();
        if (n < 1) {
            throw new IllegalArgumentException("the stack is empty");
        }
        int w = stack.getWidth();
        int h = stack.getHeight();
        int plane = w * h;
        double[] out = new double[n * plane];
        for (int k = 0; k < n; k++) {
            System.arraycopy(toArray(stack.getProcessor(k + 1)).backingReal(), 0, out, k * plane, plane);
        }
        return NdArray.wrap(out, n, h, w);
    }

    /**
     * A 2-D array as a 32-bit plane (a copy, rounded to {@code float}).
     *
     * @param a a real 2-D array {@code [height, width]}
     * @return a new processor, display range set to the data's range
     * @throws IllegalArgumentException if {@code a} is not 2-D or is complex
     */
    public static FloatProcessor toProcessor(NdArray a) {
        Objects.requireNonNull(a, "a");
        if (a.rank() != 2 || a.isComplex()) {
            throw new IllegalArgumentException("an image plane needs a real 2-D array, got "
                    + (a.isComplex() ? "a complex " : "") + a.shapeString());
        }
        int h = a.shape(0);
        int w = a.shape(1);
        double[] src = a.backingReal();
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) src[i];
        }
        FloatProcessor fp = new FloatProcessor(w, h, out);
        fp.resetMinAndMax();
        return fp;
    }

    /**
     * A 2-D array as a 32-bit image, or a 3-D array {@code [n, height, width]} as a 32-bit stack of {@code n}
     * planes (a copy).
     *
     * @param title       the image title
     * @param a           a real 2-D or 3-D array
     * @param calibration the calibration to give the image (copied), or {@code null} for none
     * @return a new image, not shown
     */
    public static ImagePlus toImage(String title, NdArray a, Calibration calibration) {
        Objects.requireNonNull(a, "a");
        ImagePlus imp;
        if (a.rank() == 2) {
            imp = new ImagePlus(title, toProcessor(a));
        } else if (a.rank() == 3 && !a.isComplex()) {
            int n = a.shape(0);
            int h = a.shape(1);
            int w = a.shape(2);
            ImageStack stack = new ImageStack(w, h);
            double[] src = a.backingReal();
            for (int k = 0; k < n; k++) {
                float[] plane = new float[w * h];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = (float) src[k * plane.length + i];
                }
                stack.addSlice(null, plane);
            }
            imp = new ImagePlus(title, stack);
            imp.resetDisplayRange();
        } else {
            throw new IllegalArgumentException("an image needs a real 2-D or 3-D array, got "
                    + (a.isComplex() ? "a complex " : "") + a.shapeString());
        }
        if (calibration != null) {
            imp.setCalibration(calibration.copy());
        }
        return imp;
    }

    /**
     * The given 2-D planes as one 32-bit stack, in order (a copy of each).
     *
     * @param title       the image title
     * @param planes      real 2-D arrays of one shape, at least one
     * @param calibration the calibration to give the image (copied), or {@code null}
     * @return a new image, not shown
     */
    public static ImagePlus toImage(String title, List<NdArray> planes, Calibration calibration) {
        Objects.requireNonNull(planes, "planes");
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("no planes to make an image of");
        }
        NdArray first = planes.get(0);
        FloatProcessor p0 = toProcessor(first);
        ImageStack stack = new ImageStack(p0.getWidth(), p0.getHeight());
        stack.addSlice(null, p0);
        for (int k = 1; k < planes.size(); k++) {
            NdArray p = planes.get(k);
            if (!java.util.Arrays.equals(p.shape(), first.shape())) {
                throw new IllegalArgumentException("plane " + (k + 1) + " is " + p.shapeString() + " but plane 1 is "
                        + first.shapeString() + "; a stack needs planes of one shape");
            }
            stack.addSlice(null, toProcessor(p));
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.resetDisplayRange();
        if (calibration != null) {
            imp.setCalibration(calibration.copy());
        }
        return imp;
    }
}
