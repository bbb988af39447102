/**
 * Explicit, per-call parallelism through one scheduler, {@link org.xcorr.concurrent.Parallel}: contiguous chunks
 * of an index range ({@code forRange}, static) or work items taken by the next free worker ({@code forEachItem},
 * dynamic). Every operation takes its thread count as an option (default: all cores), and its result is
 * bit-identical whatever that count is: each output element is computed by the same arithmetic in whichever
 * chunk or item it falls, and no reduction depends on the chunking or the order of items.
 * {@link org.xcorr.concurrent.ProgressListener} is how long operations report progress and take cancellation.
 */
package org.xcorr.concurrent;
