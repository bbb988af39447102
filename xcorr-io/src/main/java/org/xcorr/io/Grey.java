package org.xcorr.io;

import java.util.Locale;

/**
 * How a colour image becomes the grey array that xcorr computes on: a weighted sum of R, G and B (luma), or one
 * channel. Grey images are read as stored whatever is chosen here.
 *
 * <ul>
 *   <li>{@link #BT601} (the default): {@code 0.299 R + 0.587 G + 0.114 B}, ITU-R BT.601, as MATLAB
 *       {@code rgb2gray}, OpenCV {@code COLOR_RGB2GRAY} (and {@code imread(..., IMREAD_GRAYSCALE)}) and Pillow's
 *       {@code convert("L")} (those round to integers; xcorr does not).</li>
 *   <li>{@link #BT709}: {@code 0.2126 R + 0.7152 G + 0.0722 B}, ITU-R BT.709, as scikit-image
 *       {@code rgb2gray} (which also scales 8-bit input to [0, 1]: xcorr keeps 0..255, and NCC does not care).</li>
 *   <li>{@link #channel(int)}: channel 0 (red), 1 (green) or 2 (blue) alone, for fluorescence images whose
 *       signal is in one channel.</li>
 * </ul>
 * Why BT.601 is the default: it is what MATLAB, OpenCV and Pillow give, the golden cases' colour inputs (none at
 * present) would be made with it, and changing it would silently change results of existing scripts.
 * Sums are evaluated as {@code R + wG (G - R) + wB (B - R)}, equal to the weighted sum up to rounding and
 * exact for grey pixels ({@code R = G = B}).
 */
public final class Grey {

    /** ITU-R BT.601 luma (MATLAB, OpenCV, Pillow): the default. */
    public static final Grey BT601 = new Grey("bt601", 0.587, 0.114, -1);
    /** ITU-R BT.709 luma (scikit-image {@code rgb2gray}). */
    public static final Grey BT709 = new Grey("bt709", 0.7152, 0.0722, -1);

    private final String name;
    private final double greenWeight;
    private final double blueWeight;
    private final int channel;

    private Grey(String name, double greenWeight, double blueWeight, int channel) {
        this.name = name;
        this.greenWeight = greenWeight;
        this.blueWeight = blueWeight;
        this.channel = channel;
    }

    /**
     * One channel of RGB images: 0 red, 1 green, 2 blue.
     *
     * @throws IllegalArgumentException for another index
     */
    public static Grey channel(int index) {
        if (index < 0 || index > 2) {
            throw new IllegalArgumentException("channel must be 0 (red), 1 (green) or 2 (blue), got " + index);
        }
        return new Grey("channel:" + index, 0, 0, index);
    }

    /**
     * Parses {@code bt601}, {@code bt709} or {@code channel:N} (any case; {@code bt.601}, {@code bt.709} too).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Grey parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(".", "");
        if (s.equals("bt601")) {
            return BT601;
        }
        if (s.equals("bt709")) {
            return BT709;
        }
        if (s.startsWith("channel:")) {
            try {
                return channel(Integer.parseInt(s.substring("channel:".length())));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("unknown grey conversion '" + text
                + "'; expected bt601, bt709 or channel:N (N = 0 red, 1 green, 2 blue)");
    }

    /** The grey value of a colour pixel. */
    public double apply(double red, double green, double blue) {
        switch (channel) {
            case 0:
                return red;
            case 1:
                return green;
            case 2:
                return blue;
            default:
                return red + greenWeight * (green - red) + blueWeight * (blue - red);
        }
    }

    /** The spelling {@link #parse} reads: {@code bt601}, {@code bt709} or {@code channel:N}. */
    @Override
    public String toString() {
        return name;
    }
}
