/**
 * xcorr's file formats: {@code .npy}, PNG/JPEG/BMP/GIF and TIFF through the JDK's ImageIO, colour maps,
 * pictures and debug reports, atomic output files.
 *
 * <p>{@code requires transitive}: the core, since every reader returns its {@code NdArray}; {@code java.desktop},
 * since the picture methods return {@code java.awt.image.BufferedImage}. {@code java.management} sizes the
 * readers' memory limit from the heap's pools ({@code ReadLimits}).
 */
module org.xcorr.io {
    requires transitive org.xcorr.core;
    requires transitive java.desktop;
    requires java.management;

    exports org.xcorr.io;
    exports org.xcorr.io.debug;
}
