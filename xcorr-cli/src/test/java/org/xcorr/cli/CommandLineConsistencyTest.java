package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;
import org.xcorr.match.MatchMethod;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 17 §2: one way to name inputs, named unknown options, a complete command list, no --precision. */
class CommandLineConsistencyTest {

    @TempDir
    Path dir;

    private Path template;
    private Path image;

    private void fixtures() throws IOException {
        NdArray img = OffsetCommandTest.noise(7, 30, 36);
        image = dir.resolve("image.npy");
        template = dir.resolve("template.npy");
        ArrayFiles.write(image, img);
        ArrayFiles.write(template, OffsetCommandTest.crop2d(img, 11, 5, 8, 9));
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void misspelledOptionIsNamedWithTheClosestOneOnOneLine() throws IOException {
        fixtures();
        CliRun r = CliRun.run("ncc", "--tempalte", template.toString(), "--image", image.toString(), "-o", out("o.npy"));
        assertEquals(2, r.rc());
        assertEquals("xcorr ncc: unknown option '--tempalte'; did you mean '--template'?", r.err());
    }

    /** Before: a misspelling of an optional option was reported as the missing required -o. */
    @Test
    void unknownOptionWinsOverAMissingRequiredOne() throws IOException {
        fixtures();
        CliRun r = CliRun.run("correlate", image.toString(), template.toString(), "--mdoe=same");
        assertEquals(2, r.rc());
        assertEquals("xcorr correlate: unknown option '--mdoe'; did you mean '--mode'?", r.err());
        r = CliRun.run("register", image.toString(), image.toString(), "--upsampel", "10");
        assertEquals("xcorr register: unknown option '--upsampel'; did you mean '--upsample'?", r.err());
    }

    @Test
    void unknownOptionWithNothingCloseSaysWhereToLook() throws IOException {
        fixtures();
        CliRun r = CliRun.run("shift", image.toString(), "--by", "1,2", "--frobnicate", "-o", out("o.npy"));
        assertEquals(2, r.rc());
        assertEquals("xcorr shift: unknown option '--frobnicate' (see 'xcorr shift --help')", r.err());
    }

    @Test
    void misspelledCommandIsNamed() {
        CliRun r = CliRun.run("corelate", "a.npy", "b.npy");
        assertEquals(2, r.rc());
        assertEquals("xcorr: unknown command 'corelate'; did you mean 'correlate'?", r.err());
    }

    @Test
    void negativeNumbersAreNotTakenForOptions() {
        assertFalse(UnknownArguments.looksLikeOption("-1.5,2"));
        assertTrue(UnknownArguments.looksLikeOption("-x"));
        assertTrue(UnknownArguments.looksLikeOption("--mode"));
        assertEquals(1, UnknownArguments.distance("tempalte", "template"));
        assertEquals(null, UnknownArguments.closest("--zzz", List.of("--mode", "-o", "--output")));
    }

    /** Template first, then image, for every command that searches an image: the same result as the named form. */
    @Test
    void templateAndImageAsArgumentsGiveTheNamedResult() throws IOException {
        fixtures();
        for (String command : new String[] {"ncc", "match"}) {
            CliRun named = CliRun.run(command, "--image", image.toString(), "--template", template.toString(),
                    "-o", out(command + "-named.npy"));
            CliRun positional = CliRun.run(command, template.toString(), image.toString(),
                    "-o", out(command + "-positional.npy"));
            assertEquals(0, named.rc(), named.err());
            assertEquals(0, positional.rc(), positional.err());
            assertArrayEquals(ArrayFiles.read(dir.resolve(command + "-named.npy")).toArray(),
                    ArrayFiles.read(dir.resolve(command + "-positional.npy")).toArray(), command);
        }
        CliRun named = CliRun.run("offset", "--template", template.toString(), "--image", image.toString());
        CliRun positional = CliRun.run("offset", template.toString(), image.toString());
        assertEquals(0, positional.rc(), positional.err());
        assertEquals(named.out(), positional.out());
        assertEquals("[11,5]", positional.json().get("offset").toString());
    }

    @Test
    void mixingArgumentsAndNamedInputsIsOneLineError() throws IOException {
        fixtures();
        CliRun r = CliRun.run("offset", template.toString(), "--image", image.toString());
        assertEquals(2, r.rc());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("either as arguments or with --template and --image, not both"), r.err());
        r = CliRun.run("match", "--template", template.toString(), template.toString(), image.toString(),
                "-o", out("m.npy"));
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("not both"), r.err());
        assertFalse(dir.resolve("m.npy").toFile().exists());
    }

    @Test
    void missingInputsSayWhatIsMissing() throws IOException {
        fixtures();
        CliRun r = CliRun.run("ncc", template.toString(), "-o", out("o.npy"));
        assertEquals(2, r.rc());
        assertTrue(r.err().startsWith("xcorr ncc: missing the image: xcorr ncc TEMPLATE IMAGE"), r.err());
        r = CliRun.run("offset");
        assertTrue(r.err().startsWith("xcorr offset: missing the template and the image"), r.err());
        r = CliRun.run("match", "--image", image.toString(), "-o", out("o.npy"));
        assertTrue(r.err().startsWith("xcorr match: missing --template T"), r.err());
    }

    /** Before: several commands were listed with half a sentence ("... real or complex,"). */
    @Test
    void helpListsEveryCommandWithItsWholeFirstSentence() {
        CliRun h = CliRun.run("--help");
        assertEquals(0, h.rc());
        assertTrue(h.out().replaceAll("\\s+", " ").contains("ncc, match, offset TEMPLATE IMAGE (or --template T --image I)"),
                "the input order is documented: " + h.out());
        String commands = h.out().substring(h.out().indexOf("Commands:"), h.out().indexOf("Inputs are arguments"));
        Map<String, CommandLine> sub = Main.commandLine().getSubcommands();
        for (Map.Entry<String, CommandLine> e : sub.entrySet()) {
            String entry = entry(commands, e.getKey(), sub.keySet());
            assertTrue(entry.matches(".*[.?!]"), e.getKey() + " is cut: '" + entry + "'");
            String first = CommandList.firstSentence(e.getValue().getCommandSpec().usageMessage());
            assertEquals(first, entry, e.getKey());
            assertTrue(first.length() > 20, e.getKey() + ": " + first);
        }
    }

    /** The text of one command's entry in the "Commands:" section, its wrapped lines joined. */
    private static String entry(String commands, String name, java.util.Set<String> names) {
        List<String> lines = new ArrayList<>(commands.lines().toList());
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            String t = line.strip();
            String first = t.split(" ", 2)[0];
            boolean starts = line.startsWith("  ") && !line.startsWith("   ") && names.contains(first);
            if (starts) {
                if (in) {
                    break;
                }
                if (first.equals(name)) {
                    in = true;
                    b.append(t.substring(name.length()).strip());
                }
            } else if (in) {
                b.append(' ').append(t);
            }
        }
        return b.toString().replaceAll("\\s+", " ").replace("out [i]", "out[i]").strip();
    }

    /**
     * Before: every command took --precision although only ncc used it; then only ncc; now none (float mode
     * bought 1.1-1.3x for a 1e-3 accuracy bound and was removed, issue 12 item 6).
     */
    @Test
    void noCommandTakesPrecision() {
        for (Map.Entry<String, CommandLine> e : Main.commandLine().getSubcommands().entrySet()) {
            boolean has = false;
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                has |= o.longestName().equals("--precision");
            }
            assertEquals(false, has, e.getKey());
        }
    }

    /** --grey on any command: BT.601 by default, BT.709 as scikit-image, one channel; a bad value is one line. */
    @Test
    void greyConversionOfColourInputs() throws IOException {
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 12; i++) {
            rgb.setRGB(i % 4, i / 4, (i * 20) << 16 | (200 - i * 10) << 8 | (i * 7));
        }
        Path colour = dir.resolve("colour.png");
        javax.imageio.ImageIO.write(rgb, "png", colour.toFile());
        for (String[] c : new String[][] {{"bt601"}, {"bt709"}, {"channel:0"}}) {
            Path out = dir.resolve(c[0].replace(':', '_') + ".npy");
            CliRun r = CliRun.run("shift", colour.toString(), "--by", "0,0", "--interpolation", "linear", "--grey", c[0],
                    "-o", out.toString());
            assertEquals(0, r.rc(), r.err());
            assertArrayEquals(ArrayFiles.read(colour, org.xcorr.io.Grey.parse(c[0])).toArray(),
                    ArrayFiles.read(out).toArray(), 1e-12, c[0]);
        }
        Path plain = dir.resolve("plain.npy");
        assertEquals(0, CliRun.run("shift", colour.toString(), "--by", "0,0", "--interpolation", "linear", "-o",
                plain.toString()).rc());
        assertArrayEquals(ArrayFiles.read(dir.resolve("bt601.npy")).toArray(), ArrayFiles.read(plain).toArray(),
                "BT.601 is the default");
        CliRun bad = CliRun.run("shift", colour.toString(), "--by", "0,0", "--grey", "luma", "-o", plain.toString());
        assertEquals(2, bad.rc());
        assertEquals(1, bad.errLines(), bad.err());
        assertTrue(bad.err().contains("unknown grey conversion 'luma'"), bad.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ccoeff-normed", "CCOEFF_NORMED", "TM_CCOEFF_NORMED", "cv.TM_CCOEFF_NORMED",
        "cv2.TM_CCOEFF_NORMED", "cv::TM_CCOEFF_NORMED", "CV_TM_CCOEFF_NORMED", "tm_ccoeff_normed", "5"})
    void openCvSpellingsOfMatchMethods(String spelling) throws IOException {
        assertEquals(MatchMethod.CCOEFF_NORMED, new MatchMethodConverter().convert(spelling));
        fixtures();
        CliRun r = CliRun.run("match", template.toString(), image.toString(), "--method", spelling, "-o", out("m.npy"));
        assertEquals(0, r.rc(), r.err());
    }

    @Test
    void everyOpenCvNameMapsToItsMethod() {
        MatchMethodConverter c = new MatchMethodConverter();
        String[] opencv = {"TM_SQDIFF", "TM_SQDIFF_NORMED", "TM_CCORR", "TM_CCORR_NORMED", "TM_CCOEFF", "TM_CCOEFF_NORMED"};
        for (int k = 0; k < opencv.length; k++) {
            MatchMethod m = c.convert("cv2." + opencv[k]);
            assertEquals(opencv[k], "TM_" + m.name());
            assertEquals(m, c.convert(Integer.toString(k)), "OpenCV's value " + k);
            assertEquals(m, c.convert(MatchMethodConverter.name(m)));
        }
        CliRun r = CliRun.run("match", "t.npy", "i.npy", "--method", "TM_CCOEF", "-o", "x.npy");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("unknown method 'TM_CCOEF'"), r.err());
    }
}
