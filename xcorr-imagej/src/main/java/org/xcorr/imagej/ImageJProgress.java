package org.xcorr.imagej;

import ij.IJ;
import java.util.concurrent.atomic.AtomicLong;
import org.xcorr.concurrent.ProgressListener;

/**
 * The library's {@link ProgressListener} shown on ImageJ's progress bar ({@link IJ#showProgress(double)}),
 * cancelled by the Esc key ({@link IJ#escapePressed()}).
 *
 * <p>Reports may arrive from several worker threads and out of order; the bar shows the largest {@code done}
 * seen, so it never moves backwards. When Esc has been pressed, {@link #progress} returns {@code false}: the
 * library operation stops starting new items and throws {@link java.util.concurrent.CancellationException},
 * which the commands catch and report as "cancelled" in the status bar.
 */
public final class ImageJProgress implements ProgressListener {

    private final AtomicLong shown = new AtomicLong(-1);

    /** A listener for one operation. */
    public ImageJProgress() {
    }

    /**
     * Shows {@code done / total} on the progress bar (the largest {@code done} so far) and asks whether to go on.
     *
     * @return {@code false} once Esc has been pressed, {@code true} otherwise
     */
    @Override
    public boolean progress(long done, long total) {
        long max = shown.accumulateAndGet(done, Math::max);
        if (max == done && total > 0) {
            // the fraction form: a full bar (done == total) is erased, as ImageJ's own commands end
            IJ.showProgress((double) done / total);
        }
        return !IJ.escapePressed();
    }

    /** Whether Esc has been pressed since ImageJ last reset it (the commands' own loops check this too). */
    public static boolean cancelled() {
        return IJ.escapePressed();
    }
}
