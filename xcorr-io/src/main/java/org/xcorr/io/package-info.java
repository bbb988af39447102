/**
 * Files: arrays read and written by extension ({@link org.xcorr.io.ArrayFiles}: NumPy {@code .npy}, PNG, JPEG,
 * BMP, GIF, TIFF), written atomically ({@link org.xcorr.io.AtomicFiles}), colour-mapped pictures, and a tiny
 * JSON writer ({@link org.xcorr.io.Json}). Every read error is an {@link org.xcorr.io.InputException} with one
 * line naming the file and what is wrong; {@link org.xcorr.io.Messages} makes such lines safe for a terminal.
 */
package org.xcorr.io;
