package org.xcorr.register;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.xcorr.array.NdArray;

/**
 * Measures {@link SimilarityRegistration} over a grid of rotations × scales × sub-pixel shifts on exact views of
 * band-limited scenes ({@link ExactScene}): a synthetic sum of plane waves generated in code and, when given, a
 * shipped image. Not a test: a main, run by hand; the README's table comes from it.
 *
 * <p>Args: {@code [image.png ...] [--size N] [--verbose]}. Prints, per scene and per scale, the largest error of each
 * parameter over the rotations, and lists every case that failed (rotation off by more than 1°).
 */
public final class SimilarityAccuracy {

    /** Rotations of the grid, degrees (both ends of the ±180° range and the quarter turns included). */
    static final double[] ROTATIONS = {-180, -135, -90, -60, -17.5, 0, 2.5, 30, 45, 90, 120, 150, 179};
    /** Scales of the grid. */
    static final double[] SCALES = {0.4, 0.5, 0.6, 0.75, 1, 1.3, 1.6, 2, 2.5};

    private SimilarityAccuracy() {
    }

    /** The expected answer (θ, s, dy, dx) for moving = scene warped by (θ0, s0, t0). */
    static double[] expected(double theta0, double s0, double[] t0) {
        double th = Math.toRadians(-theta0);
        double tx = t0[1];
        double ty = t0[0];
        double ex = -(Math.cos(th) * tx - Math.sin(th) * ty) / s0;
        double ey = -(Math.sin(th) * tx + Math.cos(th) * ty) / s0;
        return new double[] {SimilarityRegistration.wrapDegrees(-theta0), 1 / s0, ey, ex};
    }

    /** {|Δθ|°, |Δs|/s %, |Δshift| px (Euclidean)} of {@code r} against {@link #expected}. */
    static double[] errors(SimilarityRegistration.Result r, double theta0, double s0, double[] t0) {
        double[] e = expected(theta0, s0, t0);
        return new double[] {Math.abs(SimilarityRegistration.wrapDegrees(r.rotationDeg() - e[0])),
            Math.abs(r.scale() / e[1] - 1) * 100, Math.hypot(r.shift()[0] - e[2], r.shift()[1] - e[3])};
    }

    static NdArray centre(NdArray scene, int n) {
        int ny = scene.shape()[0];
        int nx = scene.shape()[1];
        return DisambiguationTest.crop(scene, (ny - n) / 2, (nx - n) / 2, n, n);
    }

    static NdArray png(String path) throws Exception {
        BufferedImage img = ImageIO.read(new File(path));
        if (img == null) {
            throw new IllegalArgumentException("not an image: " + path);
        }
        double[] v = new double[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                v[y * img.getWidth() + x] = img.getRaster().getSample(x, y, 0);
            }
        }
        return NdArray.wrap(v, img.getHeight(), img.getWidth());
    }

    public static void main(String[] args) throws Exception {
        int n = 128;
        boolean verbose = false;
        List<String> names = new ArrayList<>();
        List<ExactScene> scenes = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--size")) {
                n = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--verbose")) {
                verbose = true;
            } else {
                files.add(args[i]);
            }
        }
        names.add("plane waves (400, f ≤ 0.2)");
        scenes.add(ExactScene.cosines(400, 0.2, 7));
        int cells = (int) Math.round(0.001 * 9 * n * n);
        names.add("Gaussian cells (" + cells + " over " + 3 * n + "², σ 3–9, no noise)");
        scenes.add(ExactScene.cells(cells, 3 * n, 3));
        for (String f : files) {
            names.add(new File(f).getName());
            scenes.add(ExactScene.sampled(png(f)));
        }
        for (int k = 0; k < scenes.size(); k++) {
            ExactScene scene = scenes.get(k);
            Random rnd = new Random(42);
            NdArray ref = scene.view(n, 0, 1, new double[] {0, 0});
            System.out.println("\n" + names.get(k) + ", " + n + "x" + n + " views: max |Δθ|° / |Δs| % / |Δshift| px over θ ∈ "
                    + java.util.Arrays.toString(ROTATIONS) + ", shifts uniform in ±6 px; a failure is |Δθ| > 1°");
            System.out.println("| scale | max Δθ° | max Δs % | max Δshift px | min overlap NCC | failures |");
            System.out.println("|---|---|---|---|---|---|");
            List<String> failures = new ArrayList<>();
            long start = System.nanoTime();
            int runs = 0;
            for (double s0 : SCALES) {
                double[] worst = new double[3];
                double minNcc = 1;
                int failed = 0;
                for (double theta0 : ROTATIONS) {
                    double[] t0 = {Math.round((rnd.nextDouble() * 12 - 6) * 100) / 100.0,
                        Math.round((rnd.nextDouble() * 12 - 6) * 100) / 100.0};
                    NdArray mov = scene.view(n, theta0, s0, t0);
                    SimilarityRegistration.Result r = SimilarityRegistration.register(ref, mov,
                            new SimilarityRegistration.Options(SimilarityRegistration.Transform.SIMILARITY, true, 2));
                    runs++;
                    double[] e = errors(r, theta0, s0, t0);
                    String line = String.format(Locale.ROOT, "θ %.1f s %.2f t [%.2f, %.2f]: Δθ %.4f Δs %.4f%% "
                            + "Δt %.4f ncc %.5f", theta0, s0, t0[0], t0[1], e[0], e[1], e[2], r.overlapNcc());
                    if (verbose) {
                        System.out.println(line);
                    }
                    if (e[0] > 1) {
                        failed++;
                        failures.add(line);
                        continue;
                    }
                    for (int j = 0; j < 3; j++) {
                        worst[j] = Math.max(worst[j], e[j]);
                    }
                    minNcc = Math.min(minNcc, r.overlapNcc());
                }
                System.out.println(String.format(Locale.ROOT, "| %.2f | %.4f | %.4f | %.4f | %.4f | %d of %d |", s0,
                        worst[0], worst[1], worst[2], minNcc, failed, ROTATIONS.length));
            }
            for (String f : failures) {
                System.out.println("failed: " + f);
            }
            System.out.println(String.format(Locale.ROOT, "%d registrations, %.0f ms each", runs,
                    (System.nanoTime() - start) / 1e6 / runs));
        }
    }
}
