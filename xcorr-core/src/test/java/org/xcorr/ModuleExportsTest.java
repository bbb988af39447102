package org.xcorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * The core's module descriptor exports exactly its API packages: every package except the internal ones, which are
 * those with an {@code internal} segment and the window-statistics kernel {@code org.xcorr.window}. A new package
 * must be either exported in {@code module-info.java} or named as internal, so an internal class cannot become API
 * by accident again (before the descriptor existed, {@code org.xcorr.ncc.internal} and a float32 FFT package were
 * public to every user). The descriptor is read from the compiled main classes, not from the running module,
 * which in a test run also holds the test packages.
 */
class ModuleExportsTest {

    /** Internal packages that have no {@code internal} segment in their name. */
    private static final Set<String> ALSO_INTERNAL = Set.of("org.xcorr.window");

    static ModuleDescriptor mainDescriptor(Class<?> anyMainClass) {
        Path classes;
        try {
            classes = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(classes).findAll());
        assertEquals(1, found.size(), "modules found in " + classes);
        return found.get(0).descriptor();
    }

    static boolean internal(String pkg) {
        return ALSO_INTERNAL.contains(pkg) || List.of(pkg.split("\\.")).contains("internal");
    }

    @Test
    void exportsEveryApiPackageAndNoInternalOne() {
        ModuleDescriptor d = mainDescriptor(NdArray.class);
        assertEquals("org.xcorr.core", d.name());
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> api = d.packages().stream().filter(p -> !internal(p))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(api, exported, "exported packages of org.xcorr.core (module-info.java): every package except "
                + "the internal ones");
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertFalse(e.isQualified(), "core exports " + e.source() + " to some modules only; API is for all");
        }
        assertTrue(d.packages().contains("org.xcorr.window"), "the window kernel package moved: update ALSO_INTERNAL");
        assertTrue(d.opens().isEmpty(), "core opens nothing to reflection");
    }

    @Test
    void theVectorApiIsOptionalAtRunTime() {
        // static: the module compiles against jdk.incubator.vector but starts without it (./xcorr's default), and
        // org.xcorr.fft.Simd then picks the scalar kernels
        ModuleDescriptor.Requires vector = mainDescriptor(NdArray.class).requires().stream()
                .filter(r -> r.name().equals("jdk.incubator.vector")).findFirst()
                .orElseThrow(() -> new AssertionError("org.xcorr.core does not require jdk.incubator.vector"));
        assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.STATIC), vector.modifiers());
    }
}
