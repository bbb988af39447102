package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;

/**
 * The placements of a template in an image that a peak search considers: the indices of a {@code full}-mode
 * NCC surface whose template overlaps the image by at least a fraction {@code minOverlap} of its size and, when
 * {@code maxShift} is given, whose offset is at most {@code maxShift} from the image's first pixel per axis.
 *
 * <p>Surface index {@code i} (shape {@code Ni + Nt - 1}) is the placement with the template's first pixel at
 * {@code k = i - (Nt - 1)} in the image. On axis {@code a} the template then covers
 * {@code L_a = min(Ni_a, k_a + Nt_a) - max(0, k_a)} image pixels, and
 * <pre>
 *   overlap(i)  = Π_a L_a / Π_a Nt_a                       (1 = the template lies wholly inside the image)
 *   searched(i) = Π_a L_a ≥ minOverlap · Π_a Nt_a  and  |k_a| ≤ maxShift_a on every axis
 * </pre>
 * The count test is the one {@link org.xcorr.ncc.Padding#OVERLAP} uses, so with overlap padding the searched
 * placements are exactly those the NCC does not zero. {@code minOverlap = 1} is a {@code valid} search (the
 * template wholly inside the image, {@code correlate}'s {@code valid} lags); {@code minOverlap = 0} with no
 * {@code maxShift} searches the whole surface.
 *
 * <p>A placement is an <em>edge</em> placement when a neighbour one step along some axis (either way) is not
 * searched: the search was cut off right beside it, so a better match may lie just beyond the searched
 * placements (widen the search region, lower {@code minOverlap}, raise {@code maxShift}). With a {@code valid}
 * search this is a template touching the image's border.
 *
 * @param templateShape the template's shape {@code Nt}
 * @param imageShape    the image's shape {@code Ni} (same rank)
 * @param minOverlap    the least overlap fraction that counts, in {@code [0, 1]}
 * @param maxShift      the largest {@code |offset|} per axis, each {@code >= 0}, or {@code null} for no bound
 */
public record Placements(int[] templateShape, int[] imageShape, double minOverlap, int[] maxShift) {

    /** Validates and copies. */
    public Placements {
        Objects.requireNonNull(templateShape, "templateShape");
        Objects.requireNonNull(imageShape, "imageShape");
        if (templateShape.length != imageShape.length || templateShape.length < 1) {
            throw new IllegalArgumentException("templateShape " + Arrays.toString(templateShape) + " and imageShape "
                    + Arrays.toString(imageShape) + " must have the same number of axes");
        }
        for (int a = 0; a < templateShape.length; a++) {
            if (templateShape[a] < 1 || imageShape[a] < 1) {
                throw new IllegalArgumentException("shapes must be positive, got template "
                        + Arrays.toString(templateShape) + " and image " + Arrays.toString(imageShape));
            }
        }
        if (!(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minOverlap must be in [0, 1], got " + minOverlap);
        }
        templateShape = templateShape.clone();
        imageShape = imageShape.clone();
        if (maxShift != null) {
            if (maxShift.length != templateShape.length) {
                throw new IllegalArgumentException("maxShift " + Arrays.toString(maxShift) + " has " + maxShift.length
                        + " values but the arrays have " + templateShape.length + " axes");
            }
            for (int m : maxShift) {
                if (m < 0) {
                    throw new IllegalArgumentException("maxShift must be >= 0, got " + Arrays.toString(maxShift));
                }
            }
            maxShift = maxShift.clone();
        }
    }

    /** Every placement of the full surface (no minimum overlap, no shift bound). */
    public static Placements all(int[] templateShape, int[] imageShape) {
        return new Placements(templateShape, imageShape, 0, null);
    }

    /** The template's shape (a copy). */
    @Override
    public int[] templateShape() {
        return templateShape.clone();
    }

    /** The image's shape (a copy). */
    @Override
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The shift bound (a copy), or {@code null}. */
    @Override
    public int[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /** The shape of the {@code full}-mode surface these placements index, {@code Ni + Nt - 1}. */
    public int[] surfaceShape() {
        int[] s = new int[templateShape.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = imageShape[a] + templateShape[a] - 1;
        }
        return s;
    }

    /** The number of template pixels inside the image at surface index {@code index}; 0 off the surface. */
    public long overlapCount(int[] index) {
        long count = 1;
        for (int a = 0; a < templateShape.length; a++) {
            int k = index[a] - (templateShape[a] - 1);
            long len = Math.min((long) imageShape[a], (long) k + templateShape[a]) - Math.max(0, k);
            if (len <= 0) {
                return 0;
            }
            count *= len;
        }
        return count;
    }

    /** The fraction of the template inside the image at surface index {@code index}, in {@code [0, 1]}. */
    public double overlap(int[] index) {
        return overlapCount(index) / (double) NdArray.sizeOf(templateShape);
    }

    /** Whether the search considers surface index {@code index} (false off the surface). */
    public boolean searched(int[] index) {
        if (index.length != templateShape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " values but the placements have " + templateShape.length + " axes");
        }
        for (int a = 0; a < index.length; a++) {
            int k = index[a] - (templateShape[a] - 1);
            if (maxShift != null && Math.abs((long) k) > maxShift[a]) {
                return false;
            }
        }
        long count = overlapCount(index);
        // the same test as Padding.OVERLAP's "fewer than minOverlap × size pixels give 0", in the same arithmetic
        return count > 0 && !(count < minOverlap * NdArray.sizeOf(templateShape));
    }

    /**
     * Whether {@code index} is an edge placement: some neighbour one step along an axis is not searched, see the
     * class comment.
     */
    public boolean edge(int[] index) {
        int[] n = index.clone();
        for (int a = 0; a < n.length; a++) {
            for (int step = -1; step <= 1; step += 2) {
                n[a] = index[a] + step;
                boolean in = searched(n);
                n[a] = index[a];
                if (!in) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some placement of the surface is left out of the search (else the search is the whole surface). */
    public boolean restricted() {
        if (maxShift != null) {
            for (int a = 0; a < maxShift.length; a++) {
                // the extreme offsets are -(Nt - 1) and Ni - 1
                if (maxShift[a] < Math.max(templateShape[a] - 1, imageShape[a] - 1)) {
                    return true;
                }
            }
        }
        // the corner placements overlap by one pixel, the fewest there are
        return 1 < minOverlap * NdArray.sizeOf(templateShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Placements p && Arrays.equals(p.templateShape, templateShape)
                && Arrays.equals(p.imageShape, imageShape) && Double.compare(p.minOverlap, minOverlap) == 0
                && Arrays.equals(p.maxShift, maxShift);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(templateShape) * 31 + Arrays.hashCode(imageShape)) * 31 + Double.hashCode(minOverlap)
                + Arrays.hashCode(maxShift);
    }

    @Override
    public String toString() {
        return "Placements[template=" + Arrays.toString(templateShape) + ", image=" + Arrays.toString(imageShape)
                + ", minOverlap=" + minOverlap + ", maxShift=" + Arrays.toString(maxShift) + "]";
    }
}
