package org.xcorr.fft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the single-precision FFT, package {@code org.xcorr.fft.f32}, from the double-precision sources of
 * {@code org.xcorr.fft}, so that the two never drift apart: one source of truth, one mechanical translation.
 *
 * <p>The translation, per line of code (comments and string literals are left alone except where noted):
 * <ul>
 *   <li>{@code double} becomes {@code float}, {@code Double} becomes {@code Float} (so {@code DoubleVector}
 *       becomes {@code FloatVector} and {@code VectorSpecies<Double>} becomes {@code VectorSpecies<Float>}), and
 *       every decimal literal gets an {@code f} suffix, so no expression is silently widened to double;</li>
 *   <li>twiddle angles ({@code double angle = ...}) stay double, and {@code Math.cos}/{@code Math.sin} of them
 *       and the {@code static final} butterfly constants built from {@code Math.*} are computed in double and
 *       rounded once to float;</li>
 *   <li>Bluestein's kernel spectrum is computed in double (by {@link ComplexFft}) and rounded once;</li>
 *   <li>{@link FastSizes} is not copied: the generated classes import {@code org.xcorr.fft.FastSizes};</li>
 *   <li>a few layout constants are retuned for 4-byte elements (a cache line holds 16 floats, a 256-bit
 *       register 8), see {@link #FIXES}.</li>
 * </ul>
 * Every special rule must match exactly as often as expected; when the double sources change so that one no
 * longer does, generation fails with the rule's description instead of producing subtly different code.
 *
 * <p>Run from the repository root or from {@code xcorr-core} after changing {@code org.xcorr.fft}:
 * <pre>
 *   mvn -B -q -ntp -pl xcorr-core test-compile
 *   java -cp xcorr-core/target/test-classes org.xcorr.fft.Float32Generator
 * </pre>
 * {@code Float32GeneratorTest} fails while the committed {@code f32} sources differ from what this class
 * generates.
 */
public final class Float32Generator {

    /** Classes of {@code org.xcorr.fft} translated to {@code org.xcorr.fft.f32}, under the same names. */
    static final List<String> CLASSES = List.of("AxisPass", "BluesteinFft", "Butterflies", "ComplexFft", "LineFft",
            "LinePlans", "Lines", "RealFft", "RealRows", "Simd", "SmoothFft", "Stage", "VectorButterflies",
            "Workspace");

    /** First line of every generated file. */
    static final String HEADER = "// generated from org.xcorr.fft by Float32Generator; do not edit\n";

    private static final Pattern LITERAL = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+)(?![\\w.])");
    private static final Pattern DOUBLE = Pattern.compile("\\bdouble\\b");
    private static final Pattern BOXED = Pattern.compile("\\bDouble(?=\\b|Vector)");
    private static final Pattern CONSTANT = Pattern.compile("(static final) double (\\w+) = (.*Math\\..*);");
    private static final Pattern TRIG = Pattern.compile("= (-?Math\\.(?:cos|sin)\\(\\w+\\));");

    /** A text replacement on one generated file that must match exactly {@code count} times. */
    record Fix(String file, String from, String to, int count) {
    }

    /**
     * The special rules, applied to the translated text of each file. Layout constants: a pad of one cache line
     * is 16 floats; a row block of one 256-bit vector is 8 floats (with 4 rows the vector kernels would leave
     * the first pass of every row transform to the scalar tail).
     */
    static final List<Fix> FIXES = List.of(
            new Fix("LineFft", "/** Floats of padding in the padded input layout (one cache line). */\n    int INPUT_PAD = 8;",
                    "/** Floats of padding in the padded input layout (one cache line). */\n    int INPUT_PAD = 16;", 1),
            new Fix("RealRows", "one vector register of floats (4 with AVX2, 8 with AVX-512), at least 4.",
                    "one vector register of floats (8 with AVX2, 16 with AVX-512), at least 8.", 1),
            new Fix("RealRows", "Math.max(4, VectorButterflies.width()) : 4;",
                    "Math.max(8, VectorButterflies.width()) : 8;", 1),
            new Fix("VectorButterflies", "(4 floats with AVX2, 8 with AVX-512)", "(8 floats with AVX2, 16 with AVX-512)", 1),
            new Fix("VectorButterflies", "Floats per vector register in the preferred species (4 with AVX2)",
                    "Floats per vector register in the preferred species (8 with AVX2)", 1),
            new Fix("Workspace", "(in floats, 32 MiB)", "(in floats, 16 MiB)", 1),
            new Fix("Workspace", "(about 1.5 MiB for 2-D blocks)", "(about 0.75 MiB for 2-D blocks)", 1),
            new Fix("BluesteinFft", "        float[] kr = new float[m];\n        float[] ki = new float[m];\n"
                    + "        float scale = 1.0f / m;\n",
                    "        // the kernel spectrum in double, rounded once: it enters every transform\n"
                    + "        double[] kr = new double[m];\n        double[] ki = new double[m];\n"
                    + "        double scale = 1.0 / m;\n", 1),
            new Fix("BluesteinFft", "        inner.transform(kr, ki, 1);\n        kernelRe = kr;\n        kernelIm = ki;\n",
                    "        org.xcorr.fft.ComplexFft.of(m).forward(kr, ki, 1);\n"
                    + "        kernelRe = new float[m];\n        kernelIm = new float[m];\n"
                    + "        for (int k = 0; k < m; k++) {\n            kernelRe[k] = (float) kr[k];\n"
                    + "            kernelIm[k] = (float) ki[k];\n        }\n", 1),
            new Fix("BluesteinFft", "(divided by {@code m}) is precomputed. Cost:",
                    "(divided by {@code m}) is precomputed in double and\n * rounded to float. Cost:", 1),
            new Fix("ComplexFft", " * A plan for the N-D", " * Single-precision (float32) counterpart of {@link org.xcorr.fft.ComplexFft}; see the package\n"
                    + " * documentation for its accuracy.\n *\n * <p>A plan for the N-D", 1),
            new Fix("RealFft", " * A plan for the N-D", " * Single-precision (float32) counterpart of {@link org.xcorr.fft.RealFft}; see the package\n"
                    + " * documentation for its accuracy.\n *\n * <p>A plan for the N-D", 1));

    private Float32Generator() {
    }

    /**
     * Regenerates {@code org/xcorr/fft/f32} under the core module's {@code src/main/java}.
     *
     * @param args optional: the {@code xcorr-core} directory (default: {@code xcorr-core} if it exists, else
     *             the working directory)
     */
    public static void main(String[] args) throws IOException {
        Path core = args.length > 0 ? Path.of(args[0])
                : Files.isDirectory(Path.of("xcorr-core")) ? Path.of("xcorr-core") : Path.of(".");
        Path source = core.resolve("src/main/java/org/xcorr/fft");
        Path target = source.resolve("f32");
        Files.createDirectories(target);
        Map<String, String> files = generate(source);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(target.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try (var stale = Files.list(target)) {
            for (Path p : stale.toList()) {
                if (!files.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        System.out.println("wrote " + files.size() + " files to " + target);
    }

    /** File name to content of every generated file, from the double sources in {@code sourceDir}. */
    static Map<String, String> generate(Path sourceDir) {
        Map<String, String> out = new TreeMap<>();
        for (String name : CLASSES) {
            try {
                String text = Files.readString(sourceDir.resolve(name + ".java"), StandardCharsets.UTF_8);
                out.put(name + ".java", translate(name, text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.put("package-info.java", packageInfo());
        return out;
    }

    /** The single-precision translation of class {@code name} with source {@code text}. */
    static String translate(String name, String text) {
        String[] lines = text.split("\n", -1);
        // the preamble (package, imports, blank lines) is rewritten; the rest is translated line by line
        int body = 0;
        List<String> imports = new ArrayList<>();
        while (body < lines.length) {
            String trimmed = lines[body].trim();
            if (trimmed.startsWith("import ")) {
                imports.add(translateCode(trimmed));
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("package ")) {
                break;
            }
            body++;
        }
        if (text.contains("FastSizes")) {
            imports.add("import org.xcorr.fft.FastSizes;");
        }
        imports.sort(null);
        StringBuilder sb = new StringBuilder(HEADER).append("package org.xcorr.fft.f32;\n\n");
        for (String i : imports) {
            sb.append(i).append('\n');
        }
        if (!imports.isEmpty()) {
            sb.append('\n');
        }
        boolean inComment = false;
        for (int ln = body; ln < lines.length; ln++) {
            String line = lines[ln];
            String trimmed = line.trim();
            if (inComment || trimmed.startsWith("/*") || trimmed.startsWith("*") || trimmed.startsWith("//")) {
                sb.append(translateComment(line));
                if (trimmed.startsWith("/*")) {
                    inComment = !trimmed.contains("*/");
                } else if (inComment && trimmed.contains("*/")) {
                    inComment = false;
                }
            } else {
                int slash = codeCommentStart(line);
                String code = slash < 0 ? line : line.substring(0, slash);
                String comment = slash < 0 ? "" : line.substring(slash);
                sb.append(translateCode(code)).append(translateComment(comment));
            }
            sb.append('\n');
        }
        sb.setLength(sb.length() - 1); // split(-1) gave one more line than there were newlines
        String result = sb.toString();
        for (Fix fix : FIXES) {
            if (fix.file.equals(name)) {
                int count = count(result, fix.from);
                if (count != fix.count) {
                    throw new IllegalStateException("Float32Generator rule for " + name + " expected " + fix.count
                            + " match(es) of «" + fix.from + "», found " + count + "; update the rule");
                }
                result = result.replace(fix.from, fix.to);
            }
        }
        return result;
    }

    /** Index of a {@code //} comment outside string literals, or -1. */
    private static int codeCommentStart(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String translateComment(String comment) {
        return comment.replace("doubles", "floats").replace("Doubles", "Floats");
    }

    /** The code rules on a line of code (string literals are not touched). */
    private static String translateCode(String code) {
        if (code.trim().startsWith("double angle =")) {
            return code; // twiddle angles stay double: the rounding happens once, on the cosine and sine
        }
        Matcher constant = CONSTANT.matcher(code);
        if (constant.find()) {
            return constant.replaceFirst("$1 float $2 = (float) ($3);");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            int quote = code.indexOf('"', i);
            if (quote < 0) {
                out.append(translatePlain(code.substring(i)));
                break;
            }
            out.append(translatePlain(code.substring(i, quote)));
            int end = quote + 1;
            while (end < code.length() && !(code.charAt(end) == '"' && code.charAt(end - 1) != '\\')) {
                end++;
            }
            end = Math.min(code.length(), end + 1);
            out.append(code, quote, end);
            i = end;
        }
        return out.toString();
    }

    private static String translatePlain(String code) {
        String s = DOUBLE.matcher(code).replaceAll("float");
        s = BOXED.matcher(s).replaceAll("Float");
        s = LITERAL.matcher(s).replaceAll("$1f");
        s = TRIG.matcher(s).replaceAll("= (float) $1;");
        return s;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static String packageInfo() {
        return HEADER + """
                /**
                 * Single-precision (float32) discrete Fourier transforms, generated from {@link org.xcorr.fft} and
                 * identical to it in conventions, layout, plans and threading: {@link org.xcorr.fft.f32.ComplexFft}
                 * ({@code numpy.fft.fftn}/{@code ifftn} on split {@code float[]} arrays, in place) and
                 * {@link org.xcorr.fft.f32.RealFft} ({@code rfftn}/{@code irfftn}, half spectrum on the last axis).
                 *
                 * <p>Arithmetic is IEEE single precision; twiddle factors are computed in double and rounded once.
                 * Accuracy: the error of a transform relative to the norm of its exact result,
                 * {@code ||X_float - X|| / ||X||}, is a small multiple of {@code 2^-24 ≈ 6e-8} times
                 * {@code sqrt(log2 N)}: measured 1.0e-7 (N = 64) to 2.3e-7 (127×131, Bluestein) on Gaussian
                 * data, against the double transform. Individual small coefficients carry the same absolute
                 * error, so their own relative error can be large. A round trip {@code inverse(forward(x))}
                 * returns {@code x} to within about {@code 4e-7 · max|x|} (measured up to 2048²). Results are
                 * bit-identical for every thread count and whether or not the Vector API is enabled.
                 *
                 * <p>Do not edit these sources: change {@code org.xcorr.fft} and rerun the generator
                 * ({@code org.xcorr.fft.Float32Generator} in the test sources).
                 */
                package org.xcorr.fft.f32;
                """;
    }
}
