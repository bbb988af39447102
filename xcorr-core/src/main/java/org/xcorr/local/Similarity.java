package org.xcorr.local;

import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.register.PhaseCorrelation;
import org.xcorr.register.Registration;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

/**
 * The similarity pipeline: optionally register {@code moving} onto {@code reference} by phase correlation,
 * shift it by the shift found, and map where the two agree with the local NCC.
 *
 * <ol>
 *   <li>Registration ({@link PhaseCorrelation#register}, scikit-image {@code phase_cross_correlation}
 *       semantics, Guizar-Sicairos et al. 2008, doi:10.1364/OL.33.000156): the {@code shift} such that
 *       shifting {@code moving} by it aligns it with {@code reference}.</li>
 *   <li>Shift: {@link Interpolation#FOURIER} by default: exact for band-limited content and, unlike linear
 *       interpolation, it does not blur textured regions (which would lower ρ everywhere for a fractional
 *       shift). Being periodic, it wraps the content that leaves one side in on the other: a band of width
 *       {@code ceil(|shift|)} along each border compares wrapped content and is not meaningful.
 *       {@link Interpolation#LINEAR} fills that band with zeros instead.</li>
 *   <li>{@link LocalNcc#localNcc} of {@code reference} and the shifted {@code moving}: ≈ 1 where they
 *       agree up to local gain and offset, lower where the content changed.</li>
 * </ol>
 */
public final class Similarity {

    private Similarity() {
    }

    /**
     * Compares the arrays as they are (no registration): the local NCC with window radius {@code radius}.
     *
     * @param reference the reference array
     * @param moving    the array compared with it, same shape
     * @param radius    local NCC window radius (every axis)
     */
    public static SimilarityMap map(NdArray reference, NdArray moving, int radius) {
        return map(reference, moving, LocalNccOptions.ofRadius(radius));
    }

    /**
     * Registers, shifts with {@link Interpolation#FOURIER} and maps, on the registration's thread count.
     *
     * @param reference    the reference array
     * @param moving       the array compared with it, same shape
     * @param radius       local NCC window radius (every axis)
     * @param registration registration options
     */
    public static SimilarityMap map(NdArray reference, NdArray moving, int radius, RegistrationOptions registration) {
        Objects.requireNonNull(registration, "registration");
        return map(reference, moving, LocalNccOptions.ofRadius(radius).withThreads(registration.threads()),
                registration, Interpolation.FOURIER);
    }

    /**
     * Compares the arrays as they are (no registration, {@link SimilarityMap#registration()} is null).
     *
     * @param reference the reference array
     * @param moving    the array compared with it, same shape
     * @param local     local NCC radius and threads
     * @throws IllegalArgumentException for different shapes, complex or non-finite input, bad radii
     */
    public static SimilarityMap map(NdArray reference, NdArray moving, LocalNccOptions local) {
        return compute(reference, moving, local, null, Interpolation.FOURIER);
    }

    /**
     * The full pipeline with every choice explicit.
     *
     * @param reference     the reference array
     * @param moving        the array compared with it, same shape
     * @param local         local NCC radius and threads (the threads also run the shift)
     * @param registration  registration options
     * @param interpolation how the moving array is shifted
     * @throws IllegalArgumentException for different shapes, complex or non-finite input, bad radii
     */
    public static SimilarityMap map(NdArray reference, NdArray moving, LocalNccOptions local,
                                    RegistrationOptions registration, Interpolation interpolation) {
        return compute(reference, moving, local, Objects.requireNonNull(registration, "registration"),
                interpolation);
    }

    /** The pipeline; {@code registration == null} compares the arrays as they are. */
    private static SimilarityMap compute(NdArray reference, NdArray moving, LocalNccOptions local,
                                         RegistrationOptions registration, Interpolation interpolation) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(moving, "moving");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(interpolation, "interpolation");
        if (!java.util.Arrays.equals(reference.shape(), moving.shape())) {
            throw new IllegalArgumentException("reference and moving must have the same shape, got reference "
                    + reference.shapeString() + " and moving " + moving.shapeString());
        }
        Registration found = null;
        NdArray registered = moving;
        if (registration != null) {
            found = PhaseCorrelation.register(reference, moving, registration);
            registered = Shift.shift(moving, found.shift(), new ShiftOptions(interpolation, local.threads()));
        }
        return new SimilarityMap(LocalNcc.localNcc(reference, registered, local), found, registered);
    }
}
