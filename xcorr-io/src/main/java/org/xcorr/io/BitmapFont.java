package org.xcorr.io;

import java.awt.image.BufferedImage;

/**
 * A 5×7 pixel font for the numbers written into pictures (colour-bar labels): digits, {@code . - + e}, the
 * letters of {@code log} and a space, drawn at an integer magnification.
 *
 * <p>Why not {@code Graphics2D.drawString}: AWT text needs system fonts (fontconfig), which minimal servers and
 * containers lack, and a picture must never fail to be written for want of a font. A fixed bitmap also draws
 * the same pixels on every machine, so tests can check the labels exactly.
 */
final class BitmapFont {

    /** Glyph width and height in font pixels, and the gap between glyphs. */
    static final int WIDTH = 5;
    static final int HEIGHT = 7;
    static final int GAP = 1;

    private static final String CHARS = "0123456789.-+e log[],";
    private static final String[][] GLYPHS = {
        {" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "},
        {"  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "},
        {" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"},
        {"#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "},
        {"   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "},
        {"#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "},
        {"  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "},
        {"#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "},
        {" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "},
        {" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "},
        {"     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "},
        {"     ", "     ", "     ", " ### ", "     ", "     ", "     "},
        {"     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "},
        {"     ", "     ", " ### ", "#   #", "#####", "#    ", " ### "},
        {"     ", "     ", "     ", "     ", "     ", "     ", "     "},
        {" ##  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "},
        {"     ", "     ", " ### ", "#   #", "#   #", "#   #", " ### "},
        {"     ", " ####", "#   #", "#   #", " ####", "    #", " ### "},
        {" ### ", " #   ", " #   ", " #   ", " #   ", " #   ", " ### "},
        {" ### ", "   # ", "   # ", "   # ", "   # ", "   # ", " ### "},
        {"     ", "     ", "     ", "     ", " ##  ", "  #  ", " #   "},
    };

    private BitmapFont() {
    }

    /** The width in pixels of {@code text} at magnification {@code scale}. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (WIDTH + GAP) - GAP) * scale;
    }

    /**
     * Draws {@code text} with its top-left corner at ({@code x}, {@code y}) in colour {@code rgb}; pixels outside
     * the image are skipped.
     *
     * @throws IllegalArgumentException for a character the font does not have
     */
    static void draw(BufferedImage image, String text, int x, int y, int scale, int rgb) {
        for (int c = 0; c < text.length(); c++) {
            int g = CHARS.indexOf(text.charAt(c));
            if (g < 0) {
                throw new IllegalArgumentException("the picture font has no '" + text.charAt(c) + "'");
            }
            int left = x + c * (WIDTH + GAP) * scale;
            for (int row = 0; row < HEIGHT; row++) {
                for (int col = 0; col < WIDTH; col++) {
                    if (GLYPHS[g][row].charAt(col) != '#') {
                        continue;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            int px = left + col * scale + dx;
                            int py = y + row * scale + dy;
                            if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()) {
                                image.setRGB(px, py, rgb);
                            }
                        }
                    }
                }
            }
        }
    }
}
