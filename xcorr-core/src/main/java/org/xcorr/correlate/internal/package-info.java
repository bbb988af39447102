/**
 * The one correlation planner, not a stable API: the placement geometry of every correlation with one origin
 * convention ({@code Geometry}: output index {@code o} holds lag {@code o + lagOrigin}), the engine that computes
 * {@code Σ_n J[n + k] · conj(t[n])} directly or by overlap-save FFT tiles with the kernel's spectrum prepared once
 * ({@code CorrelationPlan}, {@code DirectPlan}, {@code TiledFftPlan}), and every tuning constant of the choice
 * between them ({@code Tuning}). {@link org.xcorr.correlate.Correlation}, {@link org.xcorr.ncc.TemplateMatcher}
 * and {@link org.xcorr.match.TemplateMatching} all call it.
 */
package org.xcorr.correlate.internal;
