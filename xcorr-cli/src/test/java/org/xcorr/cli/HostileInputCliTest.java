package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's side of the hostile-input fixes (issue 11): {@code --max-pixels} on every reading command,
 * every input's header checked before any input is decoded, and control characters never reaching the terminal.
 */
class HostileInputCliTest {

    @TempDir
    Path dir;

    private Path grey(String name, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 251);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(image, "png", p.toFile());
        return p;
    }

    private static void assertOneLineBadInput(CliRun r, String... words) {
        assertEquals(2, r.rc(), r.err());
        assertEquals(1, r.errLines(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "stderr should contain '" + w + "': " + r.err());
        }
    }

    @Test
    void maxPixelsRefusesLargerImagesOnEveryReadingCommand() throws IOException {
        String a = grey("a.png", 20).toString();
        String b = grey("b.png", 20).toString();
        String out = dir.resolve("out.npy").toString();
        String[][] commands = {
            {"correlate", a, b, "-o", out},
            {"ncc", "--template", b, "--image", a, "-o", out},
            {"match", "--template", b, "--image", a, "-o", out},
            {"local-ncc", a, b, "--radius", "2", "-o", out},
            {"register", a, b},
            {"offset", "--template", b, "--image", a},
            {"track", "--template-image", a, "--image", b, "--template-center", "10,10", "--image-center", "10,10",
                "--template-radius", "3", "--image-radius", "5"},
            {"shift", a, "--by", "1,1", "-o", out},
            {"similarity", a, b, "--radius", "2", "-o", out},
        };
        for (String[] c : commands) {
            String[] limited = java.util.Arrays.copyOf(c, c.length + 2);
            limited[c.length] = "--max-pixels";
            limited[c.length + 1] = "399";
            assertOneLineBadInput(CliRun.run(limited), "PNG image 20x20 declares 400 pixels", "limit of 399",
                    "--max-pixels");
            limited[c.length + 1] = "400";
            assertEquals(0, CliRun.run(limited).rc(), String.join(" ", c) + ": " + CliRun.run(limited).err());
        }
        assertOneLineBadInput(CliRun.run("shift", a, "--by", "1,1", "-o", out, "--max-pixels", "0"),
                "--max-pixels must be at least 1");
    }

    @Test
    void secondInputsHeaderIsCheckedBeforeTheFirstIsDecoded() throws IOException {
        // The first input has a valid header but corrupt pixel data, so decoding it would fail with its own
        // message; the second's header is invalid. Probing every header first reports the second.
        byte[] png = Files.readAllBytes(grey("a.png", 20));
        int idat = new String(png, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("IDAT");
        for (int i = idat + 4; i < png.length - 16; i++) {
            png[i] = (byte) 0x5a;
        }
        Path first = dir.resolve("first.png");
        Files.write(first, png);
        Path second = dir.resolve("second.npy");
        Files.write(second, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        CliRun r = CliRun.run("correlate", first.toString(), second.toString(), "-o", dir.resolve("o.npy").toString());
        assertOneLineBadInput(r, "second.npy: not a .npy file");
        assertFalse(r.err().contains("first.png"), r.err());
        CliRun alone = CliRun.run("shift", first.toString(), "--by", "1,1", "-o", dir.resolve("o.npy").toString());
        assertOneLineBadInput(alone, "first.png: corrupt");
    }

    @Test
    void controlCharactersInFileNamesNeverReachTheTerminal() throws IOException {
        Path odd = dir.resolve("a\u001b]0;title\u0007\nb.npy");
        CliRun r = CliRun.run("shift", odd.toString(), "--by", "1,1", "-o", dir.resolve("o.npy").toString());
        assertOneLineBadInput(r, "a\\x1b]0;title\\x07\\nb.npy: file not found");
        for (char c : r.err().toCharArray()) {
            assertFalse(c < 0x20 || c == 0x7f, "control character " + (int) c + " in " + r.err());
        }
    }
}
