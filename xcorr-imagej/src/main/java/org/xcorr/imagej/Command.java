package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;

/**
 * What every xcorr command shares: reading its parameters, running, and showing the outcome the ImageJ way.
 *
 * <p>A bad parameter or input (the library's {@link IllegalArgumentException}) becomes one {@code IJ.error}
 * line titled with the command's name, which also aborts a running macro; Esc ({@link CancellationException}
 * from the library or the command's own loop) ends the command with "cancelled" in the status bar. Results go
 * to the system "Results" table, cleared first, so a macro reads them with {@code getResult("dx", row)};
 * that table and the new images are also kept in {@link #results()} and {@link #outputs()} for scripts and
 * tests.
 */
public abstract class Command implements PlugIn {

    private final String name;
    private ResultsTable results;
    private final java.util.List<ImagePlus> outputs = new java.util.ArrayList<>();
    private String error;
    private boolean cancelled;

    /** A command shown to the user as {@code name} (its menu entry). */
    Command(String name) {
        this.name = name;
    }

    /**
     * Runs the command on the current image with its dialog or, in a macro, with the macro's options.
     *
     * @param arg unused (the menu passes an empty string)
     */
    @Override
    public final void run(String arg) {
        results = null;
        outputs.clear();
        error = null;
        cancelled = false;
        try {
            execute();
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            IJ.error(name, error);
        } catch (CancellationException e) {
            cancelled = true;
            IJ.showStatus(name + ": cancelled");
        } finally {
            IJ.showProgress(1.0);
        }
    }

    /** Reads the parameters, computes, shows the results; throws for bad input (see the class comment). */
    abstract void execute();

    /** The command's name, as in the menu. */
    public final String name() {
        return name;
    }

    /** The results of the last run (the system "Results" table), or null when it failed before any. */
    public final ResultsTable results() {
        return results;
    }

    /** The images the last run created, in the order they were shown. */
    public final java.util.List<ImagePlus> outputs() {
        return java.util.List.copyOf(outputs);
    }

    /** The error message of the last run, or null when it succeeded. */
    public final String error() {
        return error;
    }

    /** Whether the last run was cancelled with Esc. */
    public final boolean wasCancelled() {
        return cancelled;
    }

    /** The current image; throws when none is open. */
    static ImagePlus currentImage() {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            throw new IllegalArgumentException("no image is open");
        }
        return imp;
    }

    /** The system Results table, cleared, to be filled by this run. */
    final ResultsTable newResults() {
        ResultsTable rt = ResultsTable.getResultsTable();
        if (rt == null) {
            rt = new ResultsTable();
        }
        rt.reset();
        results = rt;
        return rt;
    }

    /** Shows the filled Results table (nothing on a headless JVM, where tables cannot be shown). */
    final void showResults() {
        if (results != null) {
            results.show("Results");
        }
    }

    /**
     * Shows a new image: a window, or in batch mode and headless macros ImageJ's invisible image list.
     * On a headless JVM outside a macro the image is only kept in {@link #outputs()}.
     */
    final void showImage(ImagePlus imp) {
        outputs.add(imp);
        if (!GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode() || IJ.isMacro()) {
            imp.show();
        }
    }
}
