package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.array.NdArray;
import org.xcorr.io.ArrayFiles;

/**
 * The SPEC's bad-input contract for every subcommand: exit status 2, exactly one line on stderr that names
 * the file or option and what is wrong (no stack trace), no output file left behind and every input left as it
 * was. Each row: a fragment the message must contain, then the arguments; {@code @name} is a fixture file (see
 * {@link #fixtures}), {@code @o/...} an output in an empty folder.
 */
class BadInputTest {

    @TempDir
    Path dir;

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        String[] o = {"-o", "@o/out.npy"};
        // Unreadable inputs: the same checks for every command that reads files.
        String[][] unreadable = {
            {"missing.npy", "missing.npy: file not found"},
            {"adir.npy", "adir.npy: not a readable file"},
            {"corrupt.npy", "corrupt.npy: not a .npy file"},
            {"trunc.npy", "trunc.npy: truncated .npy data"},
            {"zero.npy", "zero.npy: empty file (0 bytes)"},
            {"empty.npy", "empty.npy: array is empty (shape 0x5)"},
            {"nan.npy", "nan.npy contains NaN at index [0, 17]"},
            {"inf.npy", "inf.npy contains infinity at index [0, 17]"},
            {"four.npy", "four.npy: 4-D array"},
            {"scalar.npy", "scalar.npy: a 0-d .npy scalar"},
            {"text.npy", "text.npy: unsupported .npy dtype '<U1'"},
            {"corrupt.png", "corrupt.png: corrupt, truncated or unsupported PNG image"},
            {"image.txt", "image.txt: unsupported input extension '.txt'"},
        };
        String[][] complexRejected = {{"complex.npy", "complex.npy: complex data is not supported here"}};
        String[] track = {"--template-center", "15,20", "--image-center", "15,20"};
        for (String[] u : concat(unreadable, complexRejected)) {
            String f = "@" + u[0];
            String m = u[1];
            if (!u[0].startsWith("complex")) {
                rows.add(row(m, cat(new String[] {"correlate", f, "@template.npy"}, o)));
            }
            rows.add(row(m, cat(new String[] {"ncc", "--template", "@template.npy", "--image", f}, o)));
            rows.add(row(m, cat(new String[] {"match", "--template", f, "--image", "@image.npy"}, o)));
            rows.add(row(m, cat(new String[] {"local-ncc", "@image.npy", f, "--radius", "2"}, o)));
            rows.add(row(m, "register", "@image.npy", f));
            rows.add(row(m, "offset", "--template", "@template.npy", "--image", f));
            rows.add(row(m, cat(new String[] {"track", "--template-image", f, "--image", "@image.npy"}, track)));
            rows.add(row(m, cat(new String[] {"shift", f, "--by", "1,2"}, o)));
            rows.add(row(m, cat(new String[] {"similarity", f, "@image.npy", "--radius", "2"}, o)));
        }

        // correlate
        rows.add(row("a has 2 axes (30x40) but b has 1 (10)", cat(new String[] {"correlate", "@image.npy", "@line10.npy"}, o)));
        rows.add(row("kernel b 50x60 is larger than a 30x40 on axis 0",
                cat(new String[] {"correlate", "@image.npy", "@big.npy", "--mode", "valid"}, o)));
        rows.add(row("unknown mode 'bogus'", cat(new String[] {"correlate", "@image.npy", "@template.npy", "--mode", "bogus"}, o)));
        rows.add(row("Invalid value for option '--method'",
                cat(new String[] {"correlate", "@image.npy", "@template.npy", "--method", "bogus"}, o)));
        rows.add(row("unknown option '--bogus'", cat(new String[] {"correlate", "@image.npy", "@template.npy", "--bogus"}, o)));
        rows.add(row("--threads must be at least 1, got 0",
                cat(new String[] {"correlate", "@image.npy", "@template.npy", "--threads", "0"}, o)));
        rows.add(row("'x' is not an int", cat(new String[] {"correlate", "@image.npy", "@template.npy", "--threads", "x"}, o)));
        rows.add(row("unknown option '--precision'",
                cat(new String[] {"correlate", "@image.npy", "@template.npy", "--precision", "float"}, o)));
        rows.add(row("unknown option '--precision'",
                cat(new String[] {"ncc", "@template.npy", "@image.npy", "--precision", "float"}, o)));
        rows.add(row("--centered applies only to --mode circular",
                cat(new String[] {"correlate", "@image.npy", "@template.npy", "--centered"}, o)));
        rows.add(row("Missing required parameter: 'B'", cat(new String[] {"correlate", "@image.npy"}, o)));
        rows.add(row("Missing required option: '--output=OUT'", "correlate", "@image.npy", "@template.npy"));
        rows.add(row("nodir/out.npy: cannot write, directory", "correlate", "@image.npy", "@template.npy", "-o", "@nodir/out.npy"));
        rows.add(row("unsupported output extension '.txt'", "correlate", "@image.npy", "@template.npy", "-o", "@o/out.txt"));
        rows.add(row("unsupported output extension (none)", "correlate", "@image.npy", "@template.npy", "-o", "@o/out"));
        rows.add(row("adir.npy: cannot write, it is a directory", "correlate", "@image.npy", "@template.npy", "-o", "@adir.npy"));
        rows.add(row("image.npy: the output file is also an input", "correlate", "@image.npy", "@template.npy", "-o", "@image.npy"));
        rows.add(row("cannot draw a complex array as a PNG picture", "correlate", "@complex.npy", "@template.npy", "-o", "@o/out.png"));

        // ncc
        rows.add(row("template 8x10 is constant", cat(new String[] {"ncc", "--template", "@constant.npy", "--image", "@image.npy"}, o)));
        rows.add(row("template 50x60 is larger than image 30x40 on axis 0; the arguments may be swapped",
                cat(new String[] {"ncc", "--template", "@big.npy", "--image", "@image.npy"}, o)));
        rows.add(row("template 10 is 1-D but image 30x40 is 2-D",
                cat(new String[] {"ncc", "--template", "@line10.npy", "--image", "@image.npy"}, o)));
        rows.add(row("mode circular is not supported by ncc",
                cat(new String[] {"ncc", "--template", "@template.npy", "--image", "@image.npy", "--mode", "circular"}, o)));
        rows.add(row("unknown padding 'x'",
                cat(new String[] {"ncc", "--template", "@template.npy", "--image", "@image.npy", "--padding", "x"}, o)));
        rows.add(row("--min-overlap must be in [0, 1], got 2.0",
                cat(new String[] {"ncc", "--template", "@template.npy", "--image", "@image.npy", "--min-overlap", "2"}, o)));
        rows.add(row("'nan' is not a double",
                cat(new String[] {"ncc", "--template", "@template.npy", "--image", "@image.npy", "--min-overlap", "nan"}, o)));
        rows.add(row("template.npy: the output file is also an input",
                "ncc", "--template", "@template.npy", "--image", "@image.npy", "-o", "@template.npy"));
        rows.add(row("missing --image I", cat(new String[] {"ncc", "--template", "@template.npy"}, o)));

        // match
        rows.add(row("image 100 must be 2-D for match", cat(new String[] {"match", "--template", "@line10.npy", "--image", "@line100.npy"}, o)));
        rows.add(row("image 6x7x8 must be 2-D for match", cat(new String[] {"match", "--template", "@template.npy", "--image", "@volume.npy"}, o)));
        rows.add(row("template 50x60 is larger than image 30x40",
                cat(new String[] {"match", "--template", "@big.npy", "--image", "@image.npy"}, o)));
        rows.add(row("unknown method 'x'",
                cat(new String[] {"match", "--template", "@template.npy", "--image", "@image.npy", "--method", "x"}, o)));
        rows.add(row("mask 30x40 must be a real array of the template's shape 8x10",
                cat(new String[] {"match", "--template", "@template.npy", "--image", "@image.npy", "--mask", "@image.npy"}, o)));
        rows.add(row("nan.npy contains NaN",
                cat(new String[] {"match", "--template", "@template.npy", "--image", "@image.npy", "--mask", "@nan.npy"}, o)));
        rows.add(row("mask holds a negative weight -1.0",
                cat(new String[] {"match", "--template", "@template.npy", "--image", "@image.npy", "--mask", "@negative.npy"}, o)));
        rows.add(row("negative.npy: the output file is also an input",
                "match", "--template", "@template.npy", "--image", "@image.npy", "--mask", "@negative.npy", "-o", "@negative.npy"));
        rows.add(row("mask has no valid (nonzero) pixel",
                cat(new String[] {"match", "--template", "@template.npy", "--image", "@image.npy", "--mask", "@zeromask.npy"}, o)));

        // local-ncc
        rows.add(row("other.npy 20x40 must have the same shape",
                cat(new String[] {"local-ncc", "@image.npy", "@other.npy", "--radius", "2"}, o)));
        rows.add(row("--radius expects integers separated by commas, got 'x'",
                cat(new String[] {"local-ncc", "@image.npy", "@image2.npy", "--radius", "x"}, o)));
        rows.add(row("radius must be >= 0, got -1", cat(new String[] {"local-ncc", "@image.npy", "@image2.npy", "--radius", "-1"}, o)));
        rows.add(row("radius has 3 values but the arrays have 2 axes",
                cat(new String[] {"local-ncc", "@image.npy", "@image2.npy", "--radius", "1,2,3"}, o)));
        rows.add(row("Missing required option: '--radius=R'", cat(new String[] {"local-ncc", "@image.npy", "@image2.npy"}, o)));
        rows.add(row("unsupported output extension '.jpg'", "local-ncc", "@image.npy", "@image2.npy", "--radius", "2", "-o", "@o/out.jpg"));
        rows.add(row("image2.npy: the output file is also an input",
                "local-ncc", "@image.npy", "@image2.npy", "--radius", "2", "-o", "@image2.npy"));

        // register
        rows.add(row("reference 30x40 and moving 20x40 must have the same shape", "register", "@image.npy", "@other.npy"));
        rows.add(row("--upsample must be >= 1, got 0", "register", "@image.npy", "@image2.npy", "--upsample", "0"));
        rows.add(row("'x' is not an int", "register", "@image.npy", "@image2.npy", "--upsample", "x"));
        rows.add(row("--upsample 1000000 needs an upsampled grid of 1500000 points per axis",
                "register", "@image.npy", "@image2.npy", "--upsample", "1000000"));
        rows.add(row("normalization must be phase or none, got 'x'", "register", "@image.npy", "@image2.npy", "--normalization", "x"));
        rows.add(row("unknown sub-pixel method 'x'", "register", "@image.npy", "@image2.npy", "--subpixel", "x"));
        rows.add(row("--overlap-ratio must be in [0, 1], got 2.0",
                "register", "@image.npy", "@image2.npy", "--overlap-ratio", "2", "--reference-mask", "@image.npy"));
        rows.add(row("--reference-mask 8x10 must have the shape of reference 30x40",
                "register", "@image.npy", "@image2.npy", "--reference-mask", "@template.npy"));
        rows.add(row("--moving-mask is needed", "register", "@image.npy", "@other.npy", "--reference-mask", "@image.npy"));
        rows.add(row("complex.npy: complex data is not supported here", "register", "@image.npy", "@complex.npy", "--nan-as-mask"));
        rows.add(row("nodir/s.npy: cannot write, directory", "register", "@image.npy", "@image2.npy", "--surface", "@nodir/s.npy"));
        rows.add(row("unsupported output extension '.txt'", "register", "@image.npy", "@image2.npy", "--surface", "@o/s.txt"));
        rows.add(row("image.npy: the output file is also an input", "register", "@image.npy", "@image2.npy", "--surface", "@image.npy"));

        // offset
        rows.add(row("template 8x10 is 2-D but image 100 is 1-D", "offset", "--template", "@template.npy", "--image", "@line100.npy"));
        rows.add(row("template 8x10 is constant", "offset", "--template", "@constant.npy", "--image", "@image.npy"));
        rows.add(row("template 50x60 is larger than image 30x40", "offset", "--template", "@big.npy", "--image", "@image.npy"));
        rows.add(row("Invalid value for option '--subpixel'", "offset", "--template", "@template.npy", "--image", "@image.npy", "--subpixel", "x"));
        rows.add(row("image.npy: the debug directory exists and is not a directory",
                "offset", "--template", "@template.npy", "--image", "@image.npy", "--debug-dir", "@image.npy"));
        rows.add(row("template.png: the output file is also an input",
                "offset", "--template", "@template.png", "--image", "@image.npy", "--debug-dir", "@"));

        // track
        String[] t2 = {"track", "--template-image", "@image.npy", "--image", "@image2.npy"};
        rows.add(row("--template-image 30x40 has 2 axes but image 100 has 1",
                cat(new String[] {"track", "--template-image", "@image.npy", "--image", "@line100.npy"}, track)));
        rows.add(row("--template-center [15] has 1 values", cat(t2, new String[] {"--template-center", "15", "--image-center", "15,20"})));
        rows.add(row("'x' is not an int", cat(t2, new String[] {"--template-center", "x,y", "--image-center", "15,20"})));
        rows.add(row("--template-center [100, 100] is outside --template-image 30x40",
                cat(t2, new String[] {"--template-center", "100,100", "--image-center", "15,20"})));
        rows.add(row("--template-radius must be >= 0", cat(cat(t2, track), new String[] {"--template-radius", "-1"})));
        rows.add(row("--template-radius [5, 5] must be smaller than --image-radius [3, 3]",
                cat(cat(t2, track), new String[] {"--template-radius", "5", "--image-radius", "3"})));
        rows.add(row("--template-radius [1, 2, 3] has 3 values", cat(cat(t2, track), new String[] {"--template-radius", "1,2,3"})));
        rows.add(row("template 8x10 is constant", "track", "--template-image", "@constant.npy", "--image", "@image.npy",
                "--template-center", "3,3", "--image-center", "15,20"));
        rows.add(row("Missing required option: '--image-center=Y,X'", cat(t2, new String[] {"--template-center", "15,20"})));

        // shift
        rows.add(row("shift has 1 values but the array 30x40 has 2 axes", cat(new String[] {"shift", "@image.npy", "--by", "1"}, o)));
        rows.add(row("--by expects finite numbers separated by commas, got 'x'", cat(new String[] {"shift", "@image.npy", "--by", "x"}, o)));
        rows.add(row("--by expects finite numbers separated by commas, got 'nan,1'",
                cat(new String[] {"shift", "@image.npy", "--by", "nan,1"}, o)));
        rows.add(row("--interpolation must be fourier, linear or cubic, got 'x'",
                cat(new String[] {"shift", "@image.npy", "--by", "1,2", "--interpolation", "x"}, o)));
        rows.add(row("image.npy: the output file is also an input", "shift", "@image.npy", "--by", "1,2", "-o", "@image.npy"));
        rows.add(row("nodir/x.npy: cannot write, directory", "shift", "@image.npy", "--by", "1,2", "-o", "@nodir/x.npy"));

        // similarity
        rows.add(row("other.npy 20x40 must have the same shape",
                cat(new String[] {"similarity", "@image.npy", "@other.npy", "--radius", "2"}, o)));
        rows.add(row("--radius expects integers", cat(new String[] {"similarity", "@image.npy", "@image2.npy", "--radius", "x"}, o)));
        rows.add(row("--upsample must be at least 1, got 0",
                cat(new String[] {"similarity", "@image.npy", "@image2.npy", "--radius", "2", "--register", "--upsample", "0"}, o)));
        rows.add(row("--upsample must be at least 1, got 0",
                cat(new String[] {"similarity", "@image.npy", "@image2.npy", "--radius", "2", "--upsample", "0"}, o)));
        rows.add(row("--interpolation must be fourier, linear or cubic",
                cat(new String[] {"similarity", "@image.npy", "@image2.npy", "--radius", "2", "--interpolation", "x"}, o)));
        rows.add(row("image2.npy: the output file is also an input",
                "similarity", "@image.npy", "@image2.npy", "--radius", "2", "-o", "@image2.npy"));
        rows.add(row("unsupported output extension '.bmp'", "similarity", "@image.npy", "@image2.npy", "--radius", "2", "-o", "@o/x.bmp"));

        // demo and the root command
        rows.add(row("unknown option '--bogus'", "demo", "--bogus"));
        rows.add(row("--out must be a directory", "demo", "-o", "@image.npy"));
        rows.add(row("--threads must be at least 1, got 0", "demo", "--threads", "0", "-o", "@o/demo"));
        rows.add(row("unknown command 'bogus'", "bogus"));
        rows.add(row("missing command (see 'xcorr --help')"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: xcorr {1}")
    @MethodSource("rows")
    void badInputIsExitTwoWithOneLineAndNoOutput(String fragment, String[] args) throws IOException {
        fixtures(dir);
        Files.createDirectories(dir.resolve("o"));
        Map<String, byte[]> before = snapshot(dir);
        CliRun r = CliRun.run(resolve(args));
        String line = r.err();
        assertEquals(2, r.rc(), "exit status; stderr: " + line + "; stdout: " + r.out());
        assertEquals(1, r.errLines(), "stderr must be exactly one line: " + line);
        assertTrue(line.startsWith("xcorr" + (args.length > 0 && !args[0].equals("bogus") ? " " + args[0] + ": " : ": ")),
                "stderr names the command: " + line);
        assertTrue(line.contains(fragment), "stderr should contain '" + fragment + "': " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace or class names: " + line);
        assertEquals("", r.out(), "nothing on stdout");
        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet(), "files created or removed");
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was modified");
        }
    }

    /** Failures part-way (after the inputs were read, at the final write) leave an existing output untouched. */
    @ParameterizedTest(name = "xcorr {0}")
    @ValueSource(strings = {
        "ncc --template @constant.npy --image @image.npy -o @o/out.npy",
        "correlate @complex.npy @template.npy -o @o/out.png",
        "similarity @image.npy @other.npy --radius 2 -o @o/out.npy",
        "register @image.npy @other.npy --surface @o/out.npy",
    })
    void anExistingOutputIsLeftUntouchedOnFailure(String command) throws IOException {
        fixtures(dir);
        Files.createDirectories(dir.resolve("o"));
        byte[] old = "previous result".getBytes(StandardCharsets.UTF_8);
        Path out = dir.resolve("o").resolve(command.contains("out.png") ? "out.png" : "out.npy");
        Files.write(out, old);
        CliRun r = CliRun.run(resolve(command.split(" ")));
        assertEquals(2, r.rc(), r.err());
        assertArrayEquals(old, Files.readAllBytes(out), "the existing output was changed");
        try (Stream<Path> s = Files.list(dir.resolve("o"))) {
            assertEquals(List.of(out.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "temporary files left behind");
        }
    }

    /** {@code --verbose} adds the stack trace (and only then); the first line is the same message. */
    @Test
    void verbosePrintsAStackTrace() throws IOException {
        fixtures(dir);
        String[] args = resolve(new String[] {"ncc", "--template", "@constant.npy", "--image", "@image.npy", "-o", "@out.npy"});
        CliRun plain = CliRun.run(args);
        CliRun verbose = CliRun.run(cat(args, new String[] {"--verbose"}));
        assertEquals(2, verbose.rc());
        assertEquals(1, plain.errLines(), plain.err());
        assertTrue(verbose.errLines() > 3, verbose.err());
        assertEquals(plain.err(), verbose.err().lines().findFirst().orElseThrow());
        assertTrue(verbose.err().contains("IllegalArgumentException") && verbose.err().contains("\tat "), verbose.err());

        CliRun parse = CliRun.run("ncc", "--bogus", "--verbose");
        assertEquals(2, parse.rc());
        assertTrue(parse.err().contains("\tat "), parse.err());
    }

    /** Every subcommand answers {@code --help} with its usage on stdout, exit 0, and nothing on stderr. */
    @ParameterizedTest
    @ValueSource(strings = {"correlate", "ncc", "match", "local-ncc", "register", "offset", "track", "shift",
        "similarity", "demo"})
    void helpWorksForEverySubcommand(String command) {
        for (String[] args : new String[][] {{command, "--help"}, {command, "-h"}, {"help", command}}) {
            CliRun r = CliRun.run(args);
            assertEquals(0, r.rc(), Arrays.toString(args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: xcorr " + command), r.out());
            assertEquals("", r.err());
        }
    }

    private static Arguments row(String fragment, String... args) {
        return Arguments.of(fragment, args);
    }

    private static String[] cat(String[] a, String[] b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String[][] concat(String[][] a, String[][] b) {
        String[][] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private String[] resolve(String[] args) {
        return Arrays.stream(args).map(a -> a.startsWith("@") ? dir.resolve(a.substring(1)).toString() : a)
                .toArray(String[]::new);
    }

    /** Every regular file under {@code root} (relative name to content); folders are listed by name. */
    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return m;
    }

    /** The input files the rows refer to. */
    static void fixtures(Path dir) throws IOException {
        NdArray image = noise(1, 30, 40);
        ArrayFiles.write(dir.resolve("image.npy"), image);
        ArrayFiles.write(dir.resolve("image2.npy"), noise(2, 30, 40));
        ArrayFiles.write(dir.resolve("other.npy"), noise(3, 20, 40));
        ArrayFiles.write(dir.resolve("big.npy"), noise(4, 50, 60));
        ArrayFiles.write(dir.resolve("line100.npy"), noise(5, 100));
        ArrayFiles.write(dir.resolve("line10.npy"), noise(6, 10));
        ArrayFiles.write(dir.resolve("volume.npy"), noise(7, 6, 7, 8));
        double[] t = new double[80];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                t[y * 10 + x] = image.get(5 + y, 7 + x);
            }
        }
        NdArray template = NdArray.wrap(t, 8, 10);
        ArrayFiles.write(dir.resolve("template.npy"), template);
        Files.copy(dir.resolve("template.npy"), dir.resolve("template.png"));
        double[] ones = new double[80];
        Arrays.fill(ones, 1);
        ArrayFiles.write(dir.resolve("constant.npy"), NdArray.wrap(ones, 8, 10));
        ArrayFiles.write(dir.resolve("zeromask.npy"), NdArray.zeros(8, 10));
        double[] minusOnes = new double[80];
        Arrays.fill(minusOnes, -1);
        ArrayFiles.write(dir.resolve("negative.npy"), NdArray.wrap(minusOnes, 8, 10));
        double[] v = image.toArray();
        v[17] = Double.NaN;
        ArrayFiles.write(dir.resolve("nan.npy"), NdArray.wrap(v, 30, 40));
        v[17] = Double.POSITIVE_INFINITY;
        ArrayFiles.write(dir.resolve("inf.npy"), NdArray.wrap(v, 30, 40));
        ArrayFiles.write(dir.resolve("complex.npy"), NdArray.ofComplex(image.toArray(), image.toArray(), 30, 40));
        byte[] npy = Files.readAllBytes(dir.resolve("image.npy"));
        Files.write(dir.resolve("trunc.npy"), Arrays.copyOf(npy, npy.length / 2));
        Files.write(dir.resolve("corrupt.npy"), "this is not a NumPy file at all".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("zero.npy"), new byte[0]);
        Files.write(dir.resolve("empty.npy"), npy("<f8", "(0, 5)", 0));
        Files.write(dir.resolve("four.npy"), npy("<f8", "(2, 2, 2, 2)", 16 * 8));
        Files.write(dir.resolve("scalar.npy"), npy("<f8", "()", 8));
        Files.write(dir.resolve("text.npy"), npy("<U1", "(2,)", 8));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'g', 'a', 'r', 'b', 'a', 'g', 'e', '!'};
        Files.write(dir.resolve("corrupt.png"), png);
        Files.write(dir.resolve("image.txt"), "1 2 3".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(dir.resolve("adir.npy"));
    }

    /** A version 1.0 .npy file with the given header fields and {@code dataBytes} zero bytes of data. */
    private static byte[] npy(String descr, String shape, int dataBytes) {
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[10 + header.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, b, 0, magic.length);
        b[8] = (byte) header.length;
        b[9] = (byte) (header.length >> 8);
        System.arraycopy(header, 0, b, 10, header.length);
        return b;
    }

    private static NdArray noise(long seed, int... shape) {
        Random rnd = new Random(seed);
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return NdArray.wrap(v, shape);
    }
}
