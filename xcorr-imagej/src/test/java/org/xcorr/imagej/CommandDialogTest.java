package org.xcorr.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import org.junit.jupiter.api.Test;

class CommandDialogTest {

    @Test
    void checkboxIsAWholeWordOutsideBracketsAndValues() {
        assertTrue(CommandDialog.hasWord("ncc_map", "ncc_map"));
        assertTrue(CommandDialog.hasWord("template=chip ncc_map subpixel=none", "ncc_map"));
        assertFalse(CommandDialog.hasWord("template=[a ncc_map] subpixel=none", "ncc_map"));
        assertFalse(CommandDialog.hasWord("ncc_mapping", "ncc_map"));
        assertFalse(CommandDialog.hasWord("xncc_map", "ncc_map"));
        assertFalse(CommandDialog.hasWord("template=chip", "ncc_map"));
    }

    @Test
    void valuesComeFromTheMacroOptionsByFirstWordOfTheLabel() {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("Run$_" + name);
        Macro.setOptions(thread, "upsample=7 interpolation=cubic aligned");
        try {
            CommandDialog d = new CommandDialog("t");
            d.addNumber("Upsample factor", 1, 0);
            d.addChoice("Interpolation", new String[] {"fourier", "cubic"}, "fourier");
            d.addCheckbox("Aligned image", false);
            d.addCheckbox("Plot", true);
            d.addNumber("Radius", 3, 0);
            assertTrue(d.isHeadless());
            assertTrue(d.show());
            assertEquals(7, d.nextInt(1, 10));
            assertEquals("cubic", d.nextChoice());
            assertTrue(d.nextBoolean());
            assertFalse(d.nextBoolean(), "a checkbox not named in a macro is off, as in GenericDialog");
            assertEquals(3.0, d.nextNumber(), "a number not named keeps its default");
        } finally {
            Macro.setOptions(thread, null);
            thread.setName(name);
        }
    }

    @Test
    void withoutAMacroTheDefaultsHold() {
        CommandDialog d = new CommandDialog("t");
        d.addCheckbox("Plot", true);
        d.addChoice("Window", new String[] {"none", "hann"}, "hann");
        assertTrue(d.show());
        assertTrue(d.nextBoolean());
        assertEquals("hann", d.nextChoice());
    }

    @Test
    void twoFieldsWithOneMacroKeyAreAProgrammingError() {
        CommandDialog d = new CommandDialog("t");
        d.addNumber("Template radius", 1, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.addChoice("Template",
                new String[] {"a"}, "a"));
        assertEquals("two fields of one dialog share the macro key 'template'", e.getMessage());
    }
}
