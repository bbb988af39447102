package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.xcorr.array.NdArray;
import org.xcorr.register.Normalization;
import org.xcorr.register.Window;
import org.xcorr.shift.Interpolation;
import org.xcorr.stack.AlignmentOptions;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.Fill;
import org.xcorr.stack.FrameShift;
import org.xcorr.stack.Reference;
import org.xcorr.stack.StackAlignment;

/**
 * <i>Plugins › xcorr › Align Stack</i>: drift correction. Every frame of the current stack is registered to a
 * reference by cross-correlation, plain or phase-normalized ({@link StackAlignment#align}; Guizar-Sicairos, Thurman &amp; Fienup 2008,
 * doi:10.1364/OL.33.000156, for the {@code 1/upsample} sub-pixel precision), and the frames are shifted by the
 * shifts found ({@link StackAlignment#shiftFrame}).
 *
 * <h2>Frames</h2>
 * A hyperstack's frames are its time points, a plain stack's frames its slices. The drift is estimated on the
 * current channel (and z-slice) only; the aligned image shifts every plane of a time point by that time point's
 * shift, so all channels and slices move together. Frames are read one at a time as the registration needs
 * them, so a virtual stack is never loaded whole for the estimate (the aligned stack, a new 32-bit image in
 * memory, reads every plane once more; leave {@code aligned} off for a stack larger than memory).
 *
 * <h2>Parameters (macro keys)</h2>
 * <ul>
 *   <li>{@code reference}: {@code first} (default), {@code previous} (shifts accumulated frame to frame: errors
 *       grow as a random walk), or {@code mean} of the first {@code reference_frames} frames (default 10)</li>
 *   <li>{@code upsample}: precision {@code 1/upsample} pixel (default 20)</li>
 *   <li>{@code max_shift}: the largest shift searched on each axis, in pixels; 0 (default) searches all</li>
 *   <li>{@code window}: {@code hann} (default) or {@code none}: apodisation before the transform, so that the
 *       frame edges, which do not move with the content, do not pull the shifts towards 0</li>
 *   <li>{@code normalization}: {@code none} (default: plain cross-correlation, robust on noisy images with small
 *       features) or {@code phase} (phase correlation; with {@code window=none} exactly
 *       {@code xcorr register}'s result); the defaults are {@code xcorr align}'s, see
 *       {@link AlignmentOptions#defaults()}</li>
 *   <li>a rectangle selection limits the estimate to that region (the shifts apply to whole frames)</li>
 *   <li>{@code interpolation}: {@code fourier} (default, as the command line), {@code linear} or
 *       {@code cubic}; {@code fill}: {@code zero} (default), {@code nan} or {@code edge}, the value where a
 *       shifted frame has no data</li>
 *   <li>{@code aligned}: make the aligned stack; {@code plot}: draw the drift (both on in the dialog; in a
 *       macro a checkbox is on only when its key is named, ImageJ's rule)</li>
 * </ul>
 *
 * <h2>Outputs</h2>
 * The Results table has the columns of {@code xcorr align}'s CSV, one row per frame: {@code frame} (counting
 * from 1 as ImageJ's slider does; the CSV counts from 0), {@code dy}, {@code dx} (the shift that, applied to
 * the frame, aligns it with the reference: {@code xcorr register}'s sign, 0 for the reference frame),
 * {@code error}, {@code peak_value} (phase-correlation peak height in [0, 1]: near 1 for a clean translation,
 * near 0 for no match) and {@code status} ({@code ok} or why the frame has no shift). The drift plot shows
 * {@code dy} and {@code dx} against the frame. The aligned stack (32-bit, same dimensions and calibration) is
 * titled "... aligned"; a frame whose alignment failed is copied unshifted.
 *
 * <p>Macro: {@code run("Align Stack", "reference=first upsample=100");} (the table only), or
 * {@code run("Align Stack", "reference=mean reference_frames=5 upsample=100 aligned plot");}.
 */
public final class AlignStack extends Command {

    private static final String[] REFERENCE = {"first", "previous", "mean"};
    private static final String[] WINDOW = {"hann", "none"};
    private static final String[] NORMALIZATION = {"none", "phase"};
    private static final String[] INTERPOLATION = {"fourier", "linear", "cubic"};
    private static final String[] FILL = {"zero", "nan", "edge"};

    private AlignmentResult last;

    /** The command, for ImageJ's menu. */
    public AlignStack() {
        super("Align Stack");
    }

    /** The library's result of the last run, or null. */
    public AlignmentResult alignment() {
        return last;
    }

    @Override
    void execute() {
        last = null;
        ImagePlus imp = currentImage();
        Frames frames = new Frames(imp);
        if (frames.count() < 2) {
            throw new IllegalArgumentException(imp.getTitle() + " has one frame; Align Stack needs a stack or a"
                    + " hyperstack with time points");
        }
        CommandDialog d = new CommandDialog(name());
        d.addChoice("Reference", REFERENCE, "first");
        d.addNumber("Reference_frames", 10, 0);
        d.addNumber("Upsample", 20, 0);
        d.addNumber("Max_shift", 0, 1);
        d.addChoice("Window", WINDOW, "hann");
        d.addChoice("Normalization", NORMALIZATION, "none");
        d.addChoice("Interpolation", INTERPOLATION, "fourier");
        d.addChoice("Fill", FILL, "zero");
        d.addCheckbox("Aligned stack", true);
        d.addCheckbox("Plot drift", true);
        Rectangle roi = FindTemplate.isRectangle(imp.getRoi()) ? FindTemplate.rectangleOrWhole(imp) : null;
        if (roi != null) {
            d.addMessage("Estimating on the selection " + roi.width + "x" + roi.height + " at (" + roi.x + ", "
                    + roi.y + ")");
        }
        if (!d.show()) {
            return;
        }
        String referenceKind = d.nextChoice();
        int referenceFrames = d.nextInt(1, Integer.MAX_VALUE);
        int upsample = d.nextInt(1, 1_000_000);
        double maxShift = d.nextNumber();
        Window window = Window.parse(d.nextChoice());
        Normalization normalization = Normalization.parse(d.nextChoice());
        Interpolation interpolation = Interpolation.valueOf(d.nextChoice().toUpperCase(Locale.ROOT));
        Fill fill = Fill.parse(d.nextChoice());
        boolean makeAligned = d.nextBoolean();
        boolean plot = d.nextBoolean();
        if (!(maxShift >= 0) || Double.isInfinite(maxShift)) {
            throw new IllegalArgumentException("max_shift must be 0 (no bound) or a positive number of pixels, got "
                    + maxShift);
        }

        AlignmentOptions options = AlignmentOptions.defaults()
                .withReference(Reference.parse(referenceKind, referenceFrames))
                .withUpsampleFactor(upsample)
                .withWindow(window)
                .withNormalization(normalization)
                .withMaxShift(maxShift > 0 ? new double[] {maxShift, maxShift} : null)
                .withRoi(roi == null ? null : new int[] {roi.y, roi.x, roi.y + roi.height, roi.x + roi.width});
        IJ.showStatus(name() + ": registering " + frames.count() + " frames");
        AlignmentResult result = StackAlignment.align(frames, options, new ImageJProgress());
        last = result;

        ResultsTable rt = newResults();
        for (FrameShift f : result.frames()) {
            double[] s = f.shift();
            rt.incrementCounter();
            rt.addValue("frame", f.frame() + 1);
            rt.addValue("dy", s[0]);
            rt.addValue("dx", s[1]);
            rt.addValue("error", f.error());
            rt.addValue("peak_value", f.peakValue());
            rt.addValue("status", f.status());
        }
        showResults();
        if (plot) {
            showImage(driftPlot(imp.getTitle(), result));
        }
        if (makeAligned) {
            IJ.showStatus(name() + ": shifting");
            showImage(aligned(imp, frames, result, interpolation, fill, options.threads()));
        }
        IJ.showStatus(String.format(Locale.ROOT, "%s: %d frames, %d failed", name(), frames.count(),
                result.failedCount()));
    }

    /** The drift plot: dy and dx (pixels) against the frame number. */
    private static ImagePlus driftPlot(String title, AlignmentResult result) {
        int n = result.frames().size();
        double[] frame = new double[n];
        double[] dy = new double[n];
        double[] dx = new double[n];
        for (FrameShift f : result.frames()) {
            frame[f.frame()] = f.frame() + 1;
            dy[f.frame()] = f.shift()[0];
            dx[f.frame()] = f.shift()[1];
        }
        Plot plot = new Plot("Drift of " + title, "frame", "shift (pixels)");
        plot.setColor(Color.BLUE);
        plot.add("line", frame, dy);
        plot.setColor(Color.RED);
        plot.add("line", frame, dx);
        plot.setColor(Color.BLACK);
        plot.addLegend("dy\tdx");
        return plot.getImagePlus();
    }

    /**
     * Every plane of {@code imp} shifted by its frame's shift, in a new 32-bit image of the same dimensions
     * and calibration; planes of frames whose alignment failed are copied unshifted.
     */
    private static ImagePlus aligned(ImagePlus imp, Frames frames, AlignmentResult result,
            Interpolation interpolation, Fill fill, int threads) {
        ImageStack in = imp.getStack();
        int planes = in.getSize();
        ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
        ImageJProgress progress = new ImageJProgress();
        for (int index = 1; index <= planes; index++) {
            int[] position = imp.convertIndexToPosition(index);
            int frame = (frames.timeAxis() ? position[2] : position[1]) - 1;
            FrameShift shift = result.frames().get(frame);
            NdArray plane = ImageArrays.toArray(in.getProcessor(index));
            NdArray moved = shift.ok()
                    ? StackAlignment.shiftFrame(plane, shift.shift(), interpolation, fill, threads, "plane " + index)
                    : plane;
            out.addSlice(in.getSliceLabel(index), ImageArrays.toProcessor(moved));
            if (!progress.progress(index, planes)) {
                throw new CancellationException("Align Stack cancelled while shifting plane " + index);
            }
        }
        ImagePlus aligned = new ImagePlus(imp.getShortTitle() + " aligned", out);
        aligned.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
        if (imp.isHyperStack()) {
            aligned.setOpenAsHyperStack(true);
        }
        aligned.setCalibration(imp.getCalibration().copy());
        aligned.resetDisplayRange();
        return aligned;
    }
}
