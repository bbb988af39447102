/**
 * Stacks of frames (time-lapses, z-stacks over time): the {@link org.xcorr.stack.FrameSource} abstraction,
 * drift correction of a whole stack ({@code StackAlignment}), and applying per-frame shifts.
 */
package org.xcorr.stack;
