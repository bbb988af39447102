package org.xcorr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("a\\x1b]0;title\\x07b", Messages.printable("a\u001b]0;title\u0007b"));
        assertEquals("\\n\\r\\t\\x00\\x7f", Messages.printable("\n\r\t\u0000\u007f"));
        assertEquals("\\u009b2J", Messages.printable("\u009b2J"), "C1 CSI");
        assertEquals("evil\\u202egnp.exe", Messages.printable("evil\u202egnp.exe"), "right-to-left override");
        assertEquals("\\u2028\\u2066\\u2069", Messages.printable("\u2028\u2066\u2069"));
        assertEquals("x\\ud800y", Messages.printable("x\ud800y"), "unpaired surrogate");
    }

    @Test
    void ordinaryTextIsKeptAndEscapingTwiceChangesNothing() {
        String plain = "données/日本語 😀 C:\\path\\x1b.npy";
        assertSame(plain, Messages.printable(plain));
        String once = Messages.printable("a\u001bb\u202e");
        assertEquals(once, Messages.printable(once));
        assertEquals("null", Messages.printable(null));
    }
}
