package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors of {@code org.xcorr.io} and {@code org.xcorr.cli}, and the command line run as a module
 * ({@code java -p ... -m org.xcorr.cli/org.xcorr.cli.Main}). The suite itself runs on the class path (see the
 * surefire configuration in this module's pom), as {@code ./xcorr} runs the shaded jar; this test is what checks
 * that the descriptors are enough on the module path: picocli can fill the commands' fields (the package is opened
 * to it), images are read and pictures written ({@code java.desktop}), the core's NCC runs behind its closed
 * internal package.
 */
class ModulePathTest {

    /** The class path entries that hold xcorr's three modules and picocli, by module name. */
    private static Map<String, Path> modules() {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                continue;
            }
            for (var ref : ModuleFinder.of(p).findAll()) {
                String name = ref.descriptor().name();
                if (Set.of("org.xcorr.core", "org.xcorr.io", "org.xcorr.cli", "info.picocli").contains(name)) {
                    found.putIfAbsent(name, p);
                }
            }
        }
        assertEquals(Set.of("org.xcorr.core", "org.xcorr.io", "org.xcorr.cli", "info.picocli"), found.keySet(),
                "modules found on the test class path");
        return found;
    }

    private static ModuleDescriptor descriptor(String name) {
        return ModuleFinder.of(modules().get(name)).find(name).orElseThrow().descriptor();
    }

    private static Set<String> exported(ModuleDescriptor d) {
        return d.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void ioExportsItsPackagesAndPassesOnTheCoreAndTheDesktopModule() {
        ModuleDescriptor io = descriptor("org.xcorr.io");
        assertEquals(Set.of("org.xcorr.io", "org.xcorr.io.debug"), exported(io));
        Set<String> transitive = io.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        // readers return NdArray, pictures BufferedImage: a user of io must read both modules
        assertEquals(Set.of("org.xcorr.core", "java.desktop"), transitive);
    }

    @Test
    void cliExportsOnlyTheBatchRunnerAndOpensItsCommandsToPicocliAlone() {
        ModuleDescriptor cli = descriptor("org.xcorr.cli");
        assertEquals(Set.of("org.xcorr.cli.batch", "org.xcorr.cli.table"), exported(cli));
        assertEquals(1, cli.opens().size(), "opens: " + cli.opens());
        ModuleDescriptor.Opens opens = cli.opens().iterator().next();
        assertEquals("org.xcorr.cli", opens.source());
        assertEquals(Set.of("info.picocli"), opens.targets());
    }

    @Test
    void theCommandLineRunsAsAModule(@TempDir Path tmp) throws IOException, InterruptedException {
        String modulePath = modules().values().stream().distinct().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Path out = tmp.resolve("ncc.png");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--module-path", modulePath,
                "--module", "org.xcorr.cli/" + Main.class.getName(),
                "ncc", "--template", examples.resolve("template.png").toString(),
                "--image", examples.resolve("scene.png").toString(), "-o", out.toString()));
        CliRun r = ChildCli.run(cmd, tmp);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("\"peak\": [243, 363]"), r.out());
        assertTrue(Files.size(out) > 0, "the NCC map was written as a picture");
    }
}
