package org.xcorr.register;

import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.xcorr.array.NdArray;
import org.xcorr.shift.Warp;

/**
 * Measures {@link SimilarityRegistration} on exact synthetic warps (not a test: a main, run by hand; the
 * README's table comes from it). Args: [scene.png] [crop size].
 */
public final class SimilarityAccuracy {

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

    static NdArray centre(NdArray scene, int n) {
        int ny = scene.shape()[0];
        int nx = scene.shape()[1];
        return DisambiguationTest.crop(scene, (ny - n) / 2, (nx - n) / 2, n, n);
    }

    static NdArray png(String path) throws Exception {
        BufferedImage img = ImageIO.read(new File(path));
        double[] v = new double[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                v[y * img.getWidth() + x] = img.getRaster().getSample(x, y, 0);
            }
        }
        return NdArray.wrap(v, img.getHeight(), img.getWidth());
    }

    public static void main(String[] args) throws Exception {
        NdArray scene = args.length > 0 ? png(args[0]) : Fixtures.smoothRandom(new int[] {512, 512}, 2, 1);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        NdArray ref = centre(scene, n);
        double[][] cases = {{0, 1}, {5, 1}, {-30, 1.1}, {90, 1}, {135, 0.8}, {-170, 1.25}, {180, 1}, {45, 0.5},
            {-60, 2}, {20, 0.7}, {-100, 1.5}};
        System.out.println("| rotation° | scale | shift | Δrotation° | Δscale % | Δshift px | overlap NCC |");
        for (double[] c : cases) {
            double[] t0 = {3.3, -7.6};
            NdArray mov = centre(Warp.similarity(scene, c[0], c[1], t0, Warp.Resampling.CUBIC, 0, 1), n);
            SimilarityRegistration.Result r = SimilarityRegistration.register(ref, mov,
                    new SimilarityRegistration.Options(SimilarityRegistration.Transform.SIMILARITY, true, 2));
            double[] e = expected(c[0], c[1], t0);
            double dr = Math.abs(SimilarityRegistration.wrapDegrees(r.rotationDeg() - e[0]));
            double ds = Math.abs(r.scale() / e[1] - 1) * 100;
            double dt = Math.hypot(r.shift()[0] - e[2], r.shift()[1] - e[3]);
            System.out.println(String.format(Locale.ROOT, "| %.0f | %.2f | [3.3, -7.6] | %.4f | %.4f | %.4f | %.5f |",
                    c[0], c[1], dr, ds, dt, r.overlapNcc()));
        }
    }
}
