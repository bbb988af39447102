package org.xcorr.io.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.Pictures;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Shift;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;
import org.xcorr.track.Track;
import org.xcorr.track.TrackOptions;
import org.xcorr.track.Tracker;

/** Issue 17 §3: what the debug pictures must show, checked on their pixels (after looking at them). */
class DebugPicturesTest {

    private static final int OUTLINE = 0xff3030;

    private static NdArray noise(Random rnd, int... shape) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return NdArray.wrap(v, shape);
    }

    private static NdArray crop2d(NdArray a, int y0, int x0, int h, int w) {
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = a.get(y0 + y, x0 + x);
            }
        }
        return NdArray.wrap(out, h, w);
    }

    @TempDir
    Path tmp;

    /** Before: image.png was the bare image; the outline was only in the report. */
    @Test
    void imagePngCarriesTheOutlineAtTheFoundOffset() throws IOException {
        NdArray image = noise(new Random(5), 40, 56);
        NdArray template = crop2d(image, 12, 30, 9, 11);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        DebugReport.write(tmp, template, image, r);
        BufferedImage png = ImageIO.read(tmp.resolve(DebugReport.IMAGE_PNG).toFile());
        int s = Pictures.autoScale(40, 56);
        int red = 0;
        // the top edge of the box: y = 12·s, x from 30·s to 41·s
        for (int x = 30 * s + 2; x < 41 * s - 2; x++) {
            for (int dy = -1; dy <= 1; dy++) {
                red += (png.getRGB(x, 12 * s + dy) & 0xffffff) == OUTLINE ? 1 : 0;
            }
        }
        assertTrue(red >= 11 * s - 4, "outline pixels on the top edge: " + red);
        assertNull(DebugReport.edgeWarning(template, image, r));
        String html = Files.readString(tmp.resolve(DebugReport.REPORT_HTML));
        assertTrue(!html.contains("hangs over the image's edge"), "no warning for a match inside");
    }

    @Test
    void reportWarnsWhenTheMatchHangsOverAnEdge() throws IOException {
        NdArray image = noise(new Random(6), 40, 56);
        // the template's left 4 columns lie outside the image: only its right part is in it
        double[] t = new double[9 * 11];
        for (int y = 0; y < 9; y++) {
            for (int x = 4; x < 11; x++) {
                t[y * 11 + x] = image.get(20 + y, x - 4);
            }
        }
        NdArray template = NdArray.wrap(t, 9, 11);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        assertEquals(-4, r.integerOffset(template.shape())[1]);
        DebugReport.write(tmp, template, image, r);
        String html = Files.readString(tmp.resolve(DebugReport.REPORT_HTML));
        assertTrue(html.contains("Partial placement: the match hangs over the image's edge (axis 1: 4 px before the"
                + " first pixel); only 63.6% of the template lies inside"),
                html.substring(0, Math.min(3000, html.length())));
        assertTrue(html.contains("0.6364 (partial placement)"), "the overlap row");
        String json = Files.readString(tmp.resolve(DebugReport.DATA_JSON));
        assertTrue(json.contains("\"overlap_fraction\": 0.6363636363636364") && json.contains("\"edge\": false"), json);
    }

    /**
     * Issue 14 §1: the report flags a match on the border of the placements searched, and its runner-up comes
     * only from placements with at least the minimum overlap.
     */
    @Test
    void reportFlagsTheSearchEdgeAndItsRunnerUpKeepsTheMinimumOverlap() throws IOException {
        NdArray image = noise(new Random(8), 40, 56);
        double[] t = new double[9 * 11];
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 11; x++) {
                t[y * 11 + x] = image.get(20 + y, 30 + x);
            }
        }
        NdArray template = NdArray.wrap(t, 9, 11);
        Offset bounded = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1).withMaxShift(20, 30)
                .withMinOverlap(0.5));
        assertArrayEquals(new int[] {20, 30}, bounded.integerOffset(template.shape()));
        assertTrue(bounded.edge());
        int[] second = bounded.quality().secondPeak();
        assertTrue(second != null && bounded.placements().overlap(second) >= 0.5, bounded.toString());
        DebugReport.write(tmp, template, image, bounded);
        String html = Files.readString(tmp.resolve(DebugReport.REPORT_HTML));
        assertTrue(html.contains("Edge of the search: the match lies on the border of the placements searched"
                + " (overlap at least 50.0% of the template, |offset| at most [20, 30])"), html);
        String json = Files.readString(tmp.resolve(DebugReport.DATA_JSON));
        assertTrue(json.contains("\"edge\": true") && json.contains("\"max_shift\": [20, 30]"), json);
    }

    @Test
    void registrationDirectoryShowsTheAlignedOverlay() throws IOException {
        NdArray reference = noise(new Random(7), 48, 64);
        NdArray moving = Shift.shift(reference, 3, -5);
        Registration r = PhaseCorrelation.register(reference, moving,
                RegistrationOptions.defaults().withKeepSurface(true).withThreads(1));
        RegistrationReport.write(tmp, reference, moving, r);
        for (String f : RegistrationReport.FILES) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
        }
        BufferedImage overlay = ImageIO.read(tmp.resolve(RegistrationReport.OVERLAY_PNG).toFile());
        int grey = 0;
        int n = overlay.getWidth() * overlay.getHeight();
        for (int y = 0; y < overlay.getHeight(); y++) {
            for (int x = 0; x < overlay.getWidth(); x++) {
                int rgb = overlay.getRGB(x, y);
                grey += Math.abs((rgb >> 16 & 0xff) - (rgb >> 8 & 0xff)) <= 2 ? 1 : 0;
            }
        }
        assertTrue(grey > 0.99 * n, "aligned exactly: grey everywhere, " + grey + " of " + n);
        // unaligned (moving drawn as if aligned) would be coloured: the overlay of the raw pair is not grey
        BufferedImage raw = RegistrationReport.overlay(reference, moving);
        int rawGrey = 0;
        for (int y = 0; y < raw.getHeight(); y++) {
            for (int x = 0; x < raw.getWidth(); x++) {
                int rgb = raw.getRGB(x, y);
                rawGrey += Math.abs((rgb >> 16 & 0xff) - (rgb >> 8 & 0xff)) <= 2 ? 1 : 0;
            }
        }
        assertTrue(rawGrey < 0.2 * n, "misaligned pair is coloured: " + rawGrey + " of " + n);
        assertTrue(Files.readString(tmp.resolve(RegistrationReport.DATA_JSON)).startsWith("{\"shift\": [-3.0, 5.0]"));
    }

    @Test
    void trackDirectoryOutlinesThePatchInTheRegion() throws IOException {
        NdArray a = noise(new Random(8), 80, 90);
        NdArray b = Shift.shift(a, 2, 3);
        Track t = Tracker.track(a, b, new int[] {40, 45}, new int[] {40, 45},
                TrackOptions.defaults().withTemplateRadius(8).withImageRadius(20));
        TrackReport.write(tmp, a, b, t);
        String json = Files.readString(tmp.resolve(DebugReport.DATA_JSON));
        assertTrue(json.contains("\"template_shape\": [17, 17]") && json.contains("\"image_shape\": [41, 41]"), json);
        assertTrue(json.contains("\"offset\": [14.0, 15.0]"), "patch at region start + radius diff + motion: " + json);
    }
}
