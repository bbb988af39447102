package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's Python examples run as written (issue 17 §4): {@code examples/python/xcorr_from_python.py}
 * (NumPy + the command line) and {@code xcorr_jpype.py} (in process through JPype). Each is skipped when no
 * Python on this machine has what it imports; the scripts check their own results and exit non-zero otherwise.
 * xcorr runs from the test class path (the jar is built after the tests).
 */
class PythonExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "python");

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The first of python3 on the PATH and Debian's /usr/bin/python3 that can import every module. */
    private static String python(String... modules) throws Exception {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            String code = "import " + String.join(", ", modules);
            try {
                Process p = new ProcessBuilder(candidate, "-c", code).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }

    private static String run(String python, String script, String variable, String value) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python, EXAMPLES.resolve(script).toString()).redirectErrorStream(true);
        pb.environment().put(variable, value);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), script + " timed out");
        assertEquals(0, p.exitValue(), script + ":\n" + out);
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void commandLineExampleRuns() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLES.resolve("xcorr_from_python.py")));
        String python = python("numpy");
        assumeTrue(python != null, "no python3 with numpy");
        String xcorr = quote(java()) + " -cp " + quote(classPath()) + " org.xcorr.cli.Main";
        String out = run(python, "xcorr_from_python.py", "XCORR", xcorr);
        assertTrue(out.contains("offset: [40, 90]") && out.strip().endsWith("ok"), out);
    }

    @Test
    void inProcessJpypeExampleRuns() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLES.resolve("xcorr_jpype.py")));
        String python = python("numpy", "jpype");
        assumeTrue(python != null, "no python3 with numpy and jpype (Debian: apt-get install python3-jpype)");
        String out = run(python, "xcorr_jpype.py", "XCORR_CLASSPATH", classPath());
        assertTrue(out.contains("register shift [-3.0, 5.0]") && out.strip().endsWith("ok"), out);
    }
}
