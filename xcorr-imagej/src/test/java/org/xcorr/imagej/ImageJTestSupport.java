package org.xcorr.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.process.FloatProcessor;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the plugins the way ImageJ runs them from a macro, on the real ImageJ classes and a headless JVM:
 * images are opened in batch mode (ImageJ's list of invisible images, where {@code WindowManager} finds them
 * by title), and a command runs on a thread named {@code Run$_...} with its macro options set, which is what
 * {@code IJ.run(imp, command, options)} does before it calls the plugin's {@code run}.
 */
abstract class ImageJTestSupport {

    @BeforeEach
    void batchMode() {
        Interpreter.batchMode = true;
        IJ.resetEscape();
    }

    @AfterEach
    void closeImages() {
        int[] ids = WindowManager.getIDList();
        if (ids != null) {
            for (int id : ids) {
                ImagePlus imp = WindowManager.getImage(id);
                if (imp != null) {
                    imp.changes = false;
                    imp.close();
                }
            }
        }
        WindowManager.setTempCurrentImage(null);
        Interpreter.batchMode = false;
        IJ.resetEscape();
    }

    /** Opens {@code imp} (batch mode: no window) and makes it the current image. */
    static ImagePlus open(ImagePlus imp) {
        imp.show();
        WindowManager.setTempCurrentImage(imp);
        return imp;
    }

    /** Runs {@code command} on {@code current} with the macro {@code options}, as IJ.run does. */
    static <C extends Command> C run(C command, ImagePlus current, String options) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("Run$_" + name);
        Macro.setOptions(thread, options);
        WindowManager.setTempCurrentImage(current);
        try {
            command.run("");
        } finally {
            Macro.setOptions(thread, null);
            thread.setName(name);
        }
        return command;
    }

    /**
     * {@code n} frames of {@code width x height} in which the content moves by {@code (dx, dy)} whole pixels
     * per frame: frame {@code t} is the window of a larger textured scene starting at {@code (40 - t·dx,
     * 40 - t·dy)}, so what is at {@code (x, y)} on frame 0 is at {@code (x + t·dx, y + t·dy)} on frame t, with no
     * wrap-around.
     */
    static FloatProcessor[] movingFrames(int n, int width, int height, int dx, int dy, long seed) {
        FloatProcessor scene = smooth(width + 80, height + 80, seed);
        FloatProcessor[] frames = new FloatProcessor[n];
        for (int t = 0; t < n; t++) {
            scene.setRoi(40 - t * dx, 40 - t * dy, width, height);
            frames[t] = (FloatProcessor) scene.crop();
        }
        return frames;
    }

    /**
     * A smooth random image (white noise blurred with ImageJ's Gaussian blur, sigma 2 px, scaled to about 1000 ± 100): a textured
     * surface with one clear NCC peak per patch.
     */
    static FloatProcessor smooth(int width, int height, long seed) {
        return smooth(width, height, seed, 2.0);
    }

    /** As {@link #smooth(int, int, long)} with blur {@code sigma}. */
    static FloatProcessor smooth(int width, int height, long seed, double sigma) {
        Random random = new Random(seed);
        float[] v = new float[width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        FloatProcessor fp = new FloatProcessor(width, height, v);
        fp.blurGaussian(sigma);
        fp.multiply(100);
        fp.add(1000);
        fp.resetMinAndMax();
        return fp;
    }
}
