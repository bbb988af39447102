package org.xcorr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.xcorr.array.NdArray;

/**
 * One golden case of the shared reference data, read for the library tests of this module (see the data's
 * README for the format). The data live once in the repository, in the CLI module's test resources (which also
 * runs every case through {@code xcorr}); the system property {@code xcorr.golden} names another folder. Core has
 * no file readers, so this class reads the {@code .npy} files itself (format 1.0 and 2.0; {@code f8 f4 c16 i2 u2
 * u1}, either byte order, C or Fortran order); a case with a PNG or TIFF input is the I/O module's business and
 * is skipped here ({@link #input} aborts the test), having run through the CLI.
 */
public final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The case's folder name, e.g. {@code ncc-03-2d-valid}. */
    public final String name;
    /** The case's folder. */
    public final Path dir;
    /** The parsed {@code case.json}. */
    public final JsonNode spec;

    private Golden(Path dir) throws IOException {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        this.spec = JSON.readTree(dir.resolve("case.json").toFile());
    }

    /** The folder holding every case: {@code -Dxcorr.golden}, else the repository's copy (surefire runs in the module). */
    public static Path root() {
        String p = System.getProperty("xcorr.golden");
        Path root = p != null ? Path.of(p) : Path.of("..", "xcorr-cli", "src", "test", "resources", "golden");
        if (!Files.isRegularFile(root.resolve("index.json"))) {
            throw new IllegalStateException("golden cases not found at " + root.toAbsolutePath());
        }
        return root;
    }

    /** Every case whose name starts with one of {@code prefixes}; fails when none does (a renamed folder). */
    public static Stream<Golden> cases(String... prefixes) {
        List<Golden> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                String n = d.getFileName().toString();
                if (Files.isRegularFile(d.resolve("case.json")) && Arrays.stream(prefixes).anyMatch(n::startsWith)) {
                    out.add(new Golden(d));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no golden case starts with " + Arrays.toString(prefixes));
        }
        return out.stream();
    }

    /** The operation, e.g. {@code correlate}. */
    public String op() {
        return spec.get("op").asText();
    }

    /** Whether the case expects a bad-input error. */
    public boolean expectsError() {
        return spec.path("expect_error").asBoolean(false);
    }

    /** A parameter, or null when absent (it then takes its default). */
    public JsonNode param(String key) {
        return spec.path("params").get(key);
    }

    /** A parameter's text, or {@code dflt}. */
    public String param(String key, String dflt) {
        JsonNode n = param(key);
        return n == null ? dflt : n.asText();
    }

    /** An enum parameter written as on the command line ({@code sqdiff-normed} is {@code SQDIFF_NORMED}). */
    public <E extends Enum<E>> E param(String key, String dflt, Class<E> type) {
        return Enum.valueOf(type, param(key, dflt).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A parameter that is one integer or a list of them. */
    public int[] ints(String key) {
        JsonNode n = param(key);
        if (!n.isArray()) {
            return new int[] {n.asInt()};
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asInt();
        }
        return out;
    }

    /**
     * Reads the input named {@code role} (e.g. {@code a}, {@code template}); null when the case has none. Aborts
     * the test (skipped, not failed) for a PNG or TIFF input.
     */
    public NdArray input(String role) throws IOException {
        JsonNode f = spec.path("inputs").get(role);
        if (f == null) {
            return null;
        }
        String file = f.asText();
        Assumptions.assumeTrue(file.endsWith(".npy"), name + ": " + file + " is read by xcorr-io (runs through the CLI)");
        return readNpy(dir.resolve(file));
    }

    /** The expected array ({@code expected.npy}). */
    public NdArray expectedArray() throws IOException {
        return readNpy(dir.resolve(spec.get("expected").asText()));
    }

    /** The expected JSON object ({@code expected.json}). */
    public JsonNode expectedJson() throws IOException {
        return JSON.readTree(dir.resolve(spec.get("expected").asText()).toFile());
    }

    /** The tolerance object. */
    public JsonNode tolerance() {
        return spec.path("tolerance");
    }

    /** A JSON object for {@link #compareJson}, e.g. of a registration's fields. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code v} as a JSON tree (an array of numbers). */
    public static JsonNode tree(Object v) {
        return JSON.valueToTree(v);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Null when {@code got} agrees with the expected array as {@code run_cases.py} compares: exact shape,
     * {@code |got - exp| <= atol + rtol·|exp|} (moduli for complex values), exact zeros where asked; else one line.
     */
    public String compareArray(NdArray got) throws IOException {
        NdArray exp = expectedArray();
        JsonNode tol = tolerance();
        if (!Arrays.equals(got.shape(), exp.shape())) {
            return "shape " + got.shapeString() + " != expected " + exp.shapeString();
        }
        if (got.isComplex() != exp.isComplex()) {
            return "complex " + got.isComplex() + ", expected " + exp.isComplex();
        }
        double atol = tol.path("atol").asDouble(0);
        double rtol = tol.path("rtol").asDouble(0);
        boolean exactZeros = tol.path("exact_zeros").asBoolean(false);
        for (int i = 0; i < exp.size(); i++) {
            double gr = got.backingReal()[i];
            double gi = got.isComplex() ? got.backingImag()[i] : 0;
            double er = exp.backingReal()[i];
            double ei = exp.isComplex() ? exp.backingImag()[i] : 0;
            double err = Math.hypot(gr - er, gi - ei);
            if (!(err <= atol + rtol * Math.hypot(er, ei))) {
                return "at " + Arrays.toString(exp.unravel(i)) + ": got " + gr + (gi != 0 ? "+" + gi + "j" : "")
                        + " expected " + er + (ei != 0 ? "+" + ei + "j" : "") + " (|d| = " + err + ")";
            }
            if (exactZeros && er == 0 && ei == 0 && (gr != 0 || gi != 0)) {
                return "at " + Arrays.toString(exp.unravel(i)) + ": got " + gr + ", expected exactly 0";
            }
        }
        return null;
    }

    /** Null when every key of the expected JSON is in {@code got} with every number within its key's tolerance. */
    public String compareJson(JsonNode got) throws IOException {
        JsonNode exp = expectedJson();
        for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            double[] ev = numbers(e.getValue());
            double[] gv = got.has(key) ? numbers(got.get(key)) : null;
            if (gv == null || ev.length != gv.length) {
                return "key '" + key + "': got " + got.get(key) + " expected " + e.getValue();
            }
            double t = tolerance().path(key).asDouble(0);
            for (int i = 0; i < ev.length; i++) {
                if (!(Math.abs(gv[i] - ev[i]) <= t)) {
                    return "key '" + key + "': got " + got.get(key) + " expected " + e.getValue() + " (tol " + t + ")";
                }
            }
        }
        return null;
    }

    private static double[] numbers(JsonNode n) {
        List<Double> out = new ArrayList<>();
        if (n.isNumber()) {
            out.add(n.asDouble());
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                if (!x.isNumber()) {
                    return null;
                }
                out.add(x.asDouble());
            }
        } else {
            return null;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** A {@code .npy} file of the dtypes the golden cases use, as a (row-major) array of doubles. */
    static NdArray readNpy(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int major = buf.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(buf.array(), start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(file + ": unreadable header " + header);
        }
        int[] shape = s.group(1).isBlank() ? new int[0]
                : Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
        int size = NdArray.sizeOf(shape);
        buf.position(start + headerLength).order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        String kind = d.group(2) + d.group(3);
        boolean complex = kind.equals("c16");
        double[] re = new double[size];
        double[] im = complex ? new double[size] : null;
        for (int i = 0; i < size; i++) {
            switch (kind) {
                case "f8" -> re[i] = buf.getDouble();
                case "f4" -> re[i] = buf.getFloat();
                case "c16" -> {
                    re[i] = buf.getDouble();
                    im[i] = buf.getDouble();
                }
                case "i2" -> re[i] = buf.getShort();
                case "u2" -> re[i] = Short.toUnsignedInt(buf.getShort());
                case "u1" -> re[i] = Byte.toUnsignedInt(buf.get());
                default -> throw new IOException(file + ": dtype " + kind + " not read by the core tests");
            }
        }
        if (f.group(1).equals("True") && shape.length > 1) {
            re = fortranToC(re, shape);
            im = im == null ? null : fortranToC(im, shape);
        }
        return complex ? NdArray.wrapComplex(re, im, shape) : NdArray.wrap(re, shape);
    }

    private static double[] fortranToC(double[] v, int[] shape) {
        double[] out = new double[v.length];
        int[] idx = new int[shape.length];
        for (int c = 0; c < v.length; c++) {
            int fl = 0;
            for (int a = shape.length - 1; a >= 0; a--) {
                fl = fl * shape[a] + idx[a];
            }
            out[c] = v[fl];
            for (int a = shape.length - 1; a >= 0 && ++idx[a] == shape[a]; a--) {
                idx[a] = 0;
            }
        }
        return out;
    }
}
