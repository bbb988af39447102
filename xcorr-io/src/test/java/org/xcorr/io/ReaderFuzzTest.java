package org.xcorr.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xcorr.array.NdArray;

/**
 * Jazzer fuzz tests of the four readers (.npy, PNG, TIFF, JPEG; PNG twice, once with its CRCs made right). The property: every input either reads, giving
 * an array within the limits, or throws {@link InputException} with a one-line printable message naming the
 * file, within {@value #SECONDS} seconds and the test JVM's heap; never another exception or error, never a
 * hang. {@link ArrayFiles#probe} must refuse nothing that {@link ArrayFiles#read} accepts.
 *
 * <p>Under {@code mvn verify} each method first replays its seed corpus (src/test/resources/org/xcorr/io/
 * ReaderFuzzTestInputs/METHOD: tiny valid files and the hostile ones of {@link HostileInputTest}) as ordinary
 * tests (Jazzer's regression mode), then the {@code fuzz-readers} surefire execution of this module's pom fuzzes
 * {@link #anyReader} for a few seconds ({@code JAZZER_FUZZ=1}). The nested classes are entry points for Jazzer's
 * own command line, for long runs (README, "Fuzzing the readers").
 */
class ReaderFuzzTest {

    /** The per-input time bound; a read of a file of a few kilobytes takes milliseconds. */
    static final int SECONDS = 10;
    /** A pixel limit that keeps every accepted input small (32 MiB as doubles). */
    static final ReadLimits LIMITS = ReadLimits.defaults().withMaxPixels(1 << 22);

    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzzed-reader");
        t.setDaemon(true);
        return t;
    });
    private static Path dir;

    @FuzzTest(maxDuration = "5s")
    void npy(byte[] data) {
        check(data, "npy");
    }

    @FuzzTest(maxDuration = "5s")
    void png(byte[] data) {
        check(data, "png");
    }

    /**
     * PNG with every chunk's CRC made right first ({@link PngEncoder#fixCrcs}): almost every mutation of a PNG
     * breaks a CRC, which {@link PngReader} refuses at once, so this target is the one that reaches its chunk
     * walk, inflation, filters and sample conversion.
     */
    @FuzzTest(maxDuration = "5s")
    void pngBehindCrc(byte[] data) {
        checkPngAgainstImageIo(PngEncoder.fixCrcs(data));
    }

    /**
     * {@link #check}, then, when the file reads, the differential property of {@link PngReader}: ImageIO's path
     * reads it too and gives the same array, bit for bit. (ImageIO may accept what PngReader refuses: unknown
     * critical chunks. Not the other way round.)
     */
    static void checkPngAgainstImageIo(byte[] data) {
        check(data, "png");
        Path f = file("png");
        NdArray fast;
        try {
            fast = ArrayFiles.read(f, LIMITS);
        } catch (IOException e) {
            return;
        }
        NdArray slow;
        try {
            slow = Images.readWithImageIo(f, LIMITS, Grey.BT601);
        } catch (IOException e) {
            throw new AssertionError("PngReader read a file that ImageIO refuses (" + e.getMessage() + ")", e);
        }
        if (!java.util.Arrays.equals(fast.shape(), slow.shape())
                || !java.util.Arrays.equals(fast.backingReal(), slow.backingReal())) {
            throw new AssertionError("PngReader and ImageIO differ on a " + fast.shapeString() + " PNG");
        }
    }

    @FuzzTest(maxDuration = "5s")
    void tiff(byte[] data) {
        check(data, "tif");
    }

    @FuzzTest(maxDuration = "5s")
    void jpeg(byte[] data) {
        check(data, "jpg");
    }

    /**
     * All four readers in one target: the first byte picks the format, the rest is the file. Jazzer fuzzes one
     * test per JVM, so {@code mvn verify} fuzzes this one (one JVM instead of four); the per-format tests above
     * replay their corpora and serve long runs.
     */
    @FuzzTest(maxDuration = "8s")
    void anyReader(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String ext = EXTENSIONS[(data[0] & 0xff) % EXTENSIONS.length];
        byte[] file = java.util.Arrays.copyOfRange(data, 1, data.length);
        // The high bit of a PNG's selector byte makes its CRCs right, as pngBehindCrc does.
        check(ext.equals("png") && data[0] < 0 ? PngEncoder.fixCrcs(file) : file, ext);
    }

    private static final String[] EXTENSIONS = {"npy", "png", "tif", "jpg"};

    /** Writes {@code data} to a file with extension {@code ext}, reads it, and checks the property. */
    static void check(byte[] data, String ext) {
        Path file = file(ext);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Future<String> outcome = READER.submit(() -> outcome(file));
        try {
            String refused = outcome.get(SECONDS, TimeUnit.SECONDS);
            if (refused != null) {
                throw new AssertionError(refused);
            }
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("reading " + data.length + " bytes as ." + ext + " took more than " + SECONDS
                    + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("reading " + data.length + " bytes as ." + ext + " threw " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Null when the property holds, else what is wrong; anything but an InputException propagates. */
    private static String outcome(Path file) throws IOException {
        boolean probed;
        try {
            ArrayFiles.probe(file, LIMITS);
            probed = true;
        } catch (InputException e) {
            String bad = badMessage(e, file);
            if (bad != null) {
                return bad;
            }
            probed = false;
        }
        NdArray a;
        try {
            a = ArrayFiles.read(file, LIMITS);
        } catch (InputException e) {
            return badMessage(e, file);
        }
        if (!probed) {
            return "probe refused a file that read accepts: " + a.shapeString();
        }
        if (a.size() < 1 || a.size() > LIMITS.maxPixels() && !file.toString().endsWith(".npy")) {
            return "read an array of " + a.size() + " elements, outside 1.." + LIMITS.maxPixels();
        }
        return null;
    }

    private static String badMessage(InputException e, Path file) {
        String m = e.getMessage();
        if (m == null || !m.startsWith(file.toString())) {
            return "message does not name the file: " + m;
        }
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029) {
                return "message holds control character U+" + Integer.toHexString(c) + ": " + m;
            }
        }
        return null;
    }

    private static synchronized Path file(String ext) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("xcorr-fuzz");
                dir.toFile().deleteOnExit();
            }
            Path f = dir.resolve("input." + ext);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entry point for Jazzer's command line: the .npy reader. */
    public static final class Npy {
        private Npy() {
        }

        /** One fuzzer input. */
        public static void fuzzerTestOneInput(byte[] data) {
            check(data, "npy");
        }
    }

    /** Entry point for Jazzer's command line: the PNG reader. */
    public static final class Png {
        private Png() {
        }

        /** One fuzzer input. */
        public static void fuzzerTestOneInput(byte[] data) {
            check(data, "png");
        }
    }

    /** Entry point for Jazzer's command line: the PNG reader, CRCs made right first. */
    public static final class PngBehindCrc {
        private PngBehindCrc() {
        }

        /** One fuzzer input. */
        public static void fuzzerTestOneInput(byte[] data) {
            checkPngAgainstImageIo(PngEncoder.fixCrcs(data));
        }
    }

    /** Entry point for Jazzer's command line: the TIFF reader. */
    public static final class Tiff {
        private Tiff() {
        }

        /** One fuzzer input. */
        public static void fuzzerTestOneInput(byte[] data) {
            check(data, "tif");
        }
    }

    /** Entry point for Jazzer's command line: the JPEG reader. */
    public static final class Jpeg {
        private Jpeg() {
        }

        /** One fuzzer input. */
        public static void fuzzerTestOneInput(byte[] data) {
            check(data, "jpg");
        }
    }
}
