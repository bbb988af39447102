package org.xcorr.io.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcorr.array.NdArray;
import org.xcorr.io.InputException;
import org.xcorr.io.Pictures;
import org.xcorr.track.Offset;
import org.xcorr.track.OffsetOptions;
import org.xcorr.track.Offsets;

class DebugReportTest {

    @Test
    void writesEveryFileAndASelfContainedPage(@TempDir Path tmp) throws IOException {
        NdArray image = noise(new Random(41), 40, 56);
        NdArray template = crop2d(image, 12, 30, 9, 11);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        Path dir = tmp.resolve("new/debug");
        DebugReport.write(dir, template, image, r);

        for (String f : new String[] {"template.png", "image.png", "cross_correlation.png"}) {
            BufferedImage png = ImageIO.read(dir.resolve(f).toFile());
            assertNotNull(png, f + " is not a readable PNG");
            assertTrue(Math.max(png.getWidth(), png.getHeight()) >= Pictures.MIN_LONG_SIDE, f + " too small");
        }
        String json = Files.readString(dir.resolve("cross_correlation_data.json"));
        assertTrue(json.contains("\"peak\": [20.0, 40.0]"), json);
        assertTrue(json.contains("\"offset\": [12.0, 30.0]"), json);
        assertTrue(json.matches("(?s).*\"peak_magnitude\": (1\\.0|0\\.99999999\\d*).*"), json);
        assertTrue(json.contains("\"peak_to_sidelobe\": ") && json.contains("\"second_peak_ratio\": "), json);

        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
                || html.contains("<link"), "the page must not load anything");
        List<BufferedImage> inlined = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/png;base64,"), "not inlined: " + src.substring(0, 40));
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img);
            inlined.add(img);
        }
        assertEquals(3, inlined.size(), "template, image with outline, surface");
        assertTrue(html.contains("Clear match"), "a planted exact match is clear");
        assertTrue(html.contains("[12, 30]"), "offset shown");
    }

    @Test
    void overlayDrawsTheTemplateOutlineAtTheOffset() {
        NdArray image = noise(new Random(42), 40, 56);
        NdArray template = crop2d(image, 12, 30, 9, 11);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        BufferedImage overlay = DebugReport.overlay(template, image, r);
        int scale = Pictures.autoScale(40, 56);
        assertEquals(56 * scale, overlay.getWidth());
        // the outline's colour on the middle of the top edge, and the grey image well inside the box
        int top = overlay.getRGB((30 * scale + (30 + 11) * scale) / 2, 12 * scale) & 0xffffff;
        assertTrue(isRed(top), String.format("top edge %06x", top));
        int left = overlay.getRGB(30 * scale, (12 * scale + 21 * scale) / 2) & 0xffffff;
        assertTrue(isRed(left), String.format("left edge %06x", left));
        int inside = overlay.getRGB(35 * scale + scale / 2, 16 * scale + scale / 2) & 0xffffff;
        assertTrue(((inside >> 16) & 0xff) == (inside & 0xff), String.format("inside is grey %06x", inside));
    }

    @Test
    void oneAndThreeDimensionalResultsAreDrawnToo(@TempDir Path tmp) throws IOException {
        NdArray line = noise(new Random(43), 120);
        NdArray piece = NdArray.of(java.util.Arrays.copyOfRange(line.backingReal(), 50, 80), 30);
        Offset r1 = Offsets.offset(piece, line, OffsetOptions.defaults().withThreads(1));
        DebugReport.write(tmp.resolve("one"), piece, line, r1);
        assertTrue(Files.readString(tmp.resolve("one/report.html")).contains("[50]"));

        NdArray volume = noise(new Random(44), 9, 12, 10);
        double[] t = new double[4 * 5 * 3];
        int k = 0;
        for (int z = 2; z < 6; z++) {
            for (int y = 3; y < 8; y++) {
                for (int x = 4; x < 7; x++) {
                    t[k++] = volume.get(z, y, x);
                }
            }
        }
        NdArray block = NdArray.wrap(t, 4, 5, 3);
        Offset r3 = Offsets.offset(block, volume, OffsetOptions.defaults().withThreads(1));
        DebugReport.write(tmp.resolve("three"), block, volume, r3);
        String html = Files.readString(tmp.resolve("three/report.html"));
        assertTrue(html.contains("[2, 3, 4]") && html.contains("3-D"), "3-D offset and note shown");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsAnInputError(@TempDir Path tmp) throws IOException {
        NdArray image = noise(new Random(45), 20, 20);
        NdArray template = crop2d(image, 2, 3, 5, 5);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        assertThrows(InputException.class, () -> DebugReport.write(file, template, image, r));
    }

    @Test
    void verdictFollowsTheNumbers() {
        NdArray noise = noise(new Random(46), 30, 30);
        NdArray unrelated = noise(new Random(47), 6, 6);
        Offset r = Offsets.offset(unrelated, noise, OffsetOptions.defaults().withThreads(1));
        String v = DebugReport.verdict(r);
        assertFalse(v.startsWith("clear"), "noise against noise is not a clear match: " + v);
    }

    /**
     * Bug: report.html re-read template.png from the directory after writing it, so a symbolic link swapped in
     * meanwhile got its target embedded in the page. The page is now built from the pictures in memory.
     */
    @Test
    void bug_theReportNeverEmbedsAFileSwappedIntoTheDirectory(@TempDir Path tmp) throws Exception {
        NdArray image = noise(new Random(48), 24, 30);
        NdArray template = crop2d(image, 5, 6, 6, 7);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "png", bytes);
        byte[] secret = bytes.toByteArray();
        Path secretFile = Files.write(tmp.resolve("secret.png"), secret);
        String secretBase64 = Base64.getEncoder().encodeToString(secret);
        Path dir = tmp.resolve("dbg");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Path link = dir.resolve("template.png");
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, secretFile);
                } catch (IOException | UnsupportedOperationException e) {
                    Thread.onSpinWait();
                }
            }
        });
        swapper.start();
        try {
            for (int run = 0; run < 12; run++) {
                DebugReport.write(dir, template, image, r);
                String html = Files.readString(dir.resolve("report.html"));
                assertFalse(html.contains(secretBase64), "run " + run + ": a file from the directory was embedded");
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
    }

    /** Bug: two runs sharing one debug directory mixed their files. The page always matches its pictures. */
    @Test
    void bug_concurrentReportsToOneDirectoryNeverMix(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("dbg");
        NdArray[] images = {noise(new Random(50), 30, 40), noise(new Random(51), 36, 28)};
        NdArray[] templates = {crop2d(images[0], 3, 4, 8, 9), crop2d(images[1], 10, 2, 5, 6)};
        Offset[] results = new Offset[2];
        for (int k = 0; k < 2; k++) {
            results[k] = Offsets.offset(templates[k], images[k], OffsetOptions.defaults().withThreads(1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> runs = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    int which = k;
                    runs.add(pool.submit(() -> {
                        start.await();
                        DebugReport.write(dir, templates[which], images[which], results[which]);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : runs) {
                    f.get(60, TimeUnit.SECONDS);
                }
                String html = Files.readString(dir.resolve("report.html"));
                String json = Files.readString(dir.resolve("cross_correlation_data.json"));
                for (String png : new String[] {"template.png", "cross_correlation.png"}) {
                    String embedded = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(png)));
                    assertTrue(html.contains(embedded), "round " + round + ": " + png + " is not the page's");
                }
                String shape = html.contains("8x9 / 30x40") ? "[8, 9]" : "[5, 6]";
                assertTrue(json.contains("\"template_shape\": " + shape), "round " + round + ": json from the other run");
                assertEquals(List.of("dbg"), listing(tmp), "round " + round + ": temporaries left");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDirectoryHoldingOtherFilesIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        NdArray image = noise(new Random(52), 20, 20);
        NdArray template = crop2d(image, 2, 3, 5, 5);
        Offset r = Offsets.offset(template, image, OffsetOptions.defaults().withThreads(1));
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        InputException e = assertThrows(InputException.class, () -> DebugReport.write(tmp, template, image, r));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals(List.of("notes.txt"), listing(tmp));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 100 && (rgb & 0xff) < 100;
    }

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
}
