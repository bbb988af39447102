package org.xcorr.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.stack.FrameSource;

/**
 * Tracks many points at once: between two images, or frame after frame through a stack. Each point is tracked
 * exactly as {@link Tracker#track} tracks one (the same template cut, search region and NCC match; the numbers
 * are identical to a single-point call), the points run in parallel, and a point that cannot be tracked (outside
 * the image, too close to the border for its template, on a constant patch) becomes a row with an error, not a
 * failure of the whole call.
 *
 * <p><b>Two images.</b> {@link #track(NdArray, NdArray, List, TrackOptions, ProgressListener)} returns one
 * {@link PointTrack} per point, in the order of the points: {@code Tracker.track(templateImage, image, p, p,
 * options)} for each point {@code p} (with the point's own template radius when it has one).
 *
 * <p><b>A stack.</b> {@link #trackStack(FrameSource, List, TemplateFrom, TrackOptions, ProgressListener)} follows each point
 * from frame 0 through the last frame and returns one row per point per frame, frame by frame, points in their
 * order within a frame. With {@code x(t)} the point's (fractional) position in frame {@code t} and
 * {@code round(x)} rounded to the nearest pixel, frame {@code t} is searched around {@code c = round(x(t-1))}
 * with the template
 * <ul>
 *   <li>{@link TemplateFrom#FIRST}: the patch of frame 0 around the point as given; {@code x(t) = c + offset};</li>
 *   <li>{@link TemplateFrom#PREVIOUS}: the patch of frame {@code t-1} around {@code c};
 *       {@code x(t) = x(t-1) + offset} (the fraction {@code x(t-1) - c} moves with the patch).</li>
 * </ul>
 * where {@code offset} is {@link Tracker#track}'s. So frame 1 with {@code FIRST} gives exactly the two-image rows.
 * A point not found in a frame (error row) keeps its last position and template, and the next frame is searched
 * from there. A frame that cannot be read gives an error row for every point; non-finite values in a point's
 * template or search region give that point an error row (tracking is local: values elsewhere do not matter).
 *
 * <p><b>Threads and determinism.</b> {@code options.offsetOptions().threads()} threads share the points (one
 * point per thread at a time, scheduled dynamically; a point's own NCC gets the threads left over when there are
 * fewer points than threads). Every row is computed by the same arithmetic whatever thread runs it, and the NCC
 * is itself bit-identical for any thread count, so the result is identical for every thread count.
 *
 * <p><b>Progress and cancellation.</b> {@code progress} is told after each point (in each frame) completes, with
 * the total {@code points} (two images) or {@code points × frames} (stack). If it returns {@code false} no new
 * point is started and the call throws {@link CancellationException}.
 *
 * <p><b>Size.</b> Just over 400 lines, a third of them this contract: the two-image and the stack paths share the
 * per-point step and the scheduling ({@code step}, {@code forEachPoint}), so a split would only move those across a
 * file boundary.
 */
public final class PointTracker {

    private PointTracker() {
    }

    /**
     * Tracks every point of {@code points} from {@code templateImage} into {@code image}, without progress reports.
     *
     * @see #track(NdArray, NdArray, List, TrackOptions, ProgressListener)
     */
    public static List<PointTrack> track(NdArray templateImage, NdArray image, List<TrackPoint> points,
            TrackOptions options) {
        return track(templateImage, image, points, options, ProgressListener.NONE);
    }

    /**
     * Tracks every point of {@code points} from {@code templateImage} into {@code image}: for each point {@code p},
     * {@code Tracker.track(templateImage, image, p, p, options)} (with {@code p}'s own template radius if it has
     * one), see the class comment.
     *
     * @param templateImage the image the points are defined in (real, 1-D to 3-D)
     * @param image         the image to find them in (real, same rank)
     * @param points        the points; each with as many coordinates as the images have axes
     * @param options       radii, trim hook, offset options; {@code threads} is shared by the points
     * @param progress      told after each point; returning {@code false} cancels
     * @return one row per point, in the points' order, frame 1
     * @throws IllegalArgumentException if the images differ in rank or are complex, or a point has the wrong
     *                                  number of coordinates (problems of single points become error rows)
     * @throws CancellationException    if {@code progress} asked to stop
     */
    public static List<PointTrack> track(NdArray templateImage, NdArray image, List<TrackPoint> points,
            TrackOptions options, ProgressListener progress) {
        return track(templateImage, image, points, options, progress, Offsets::offset);
    }

    /**
     * {@link #track(NdArray, NdArray, List, TrackOptions, ProgressListener)} where some pixels of either image must
     * not count: each point as {@link Tracker#trackMasked} (masked NCC; a mask of the wrong shape, NaN in a mask or
     * a non-finite value at a valid pixel fails the call, a patch without a valid pixel fails its row).
     *
     * @param templateMask validity of {@code templateImage}'s pixels (nonzero = valid); null = all valid
     * @param imageMask    validity of {@code image}'s pixels (nonzero = valid); null = all valid
     */
    public static List<PointTrack> trackMasked(NdArray templateImage, NdArray templateMask, NdArray image,
            NdArray imageMask, List<TrackPoint> points, TrackOptions options, ProgressListener progress) {
        Objects.requireNonNull(templateImage, "templateImage");
        Objects.requireNonNull(image, "image");
        return track(Tracker.invalidAsNaN(templateImage, templateMask, "templateMask"),
                Tracker.invalidAsNaN(image, imageMask, "imageMask"), points, options, progress,
                Offsets::offsetIgnoringNonFinite);
    }

    private static List<PointTrack> track(NdArray templateImage, NdArray image, List<TrackPoint> points,
            TrackOptions options, ProgressListener progress, Tracker.Matcher matcher) {
        Objects.requireNonNull(templateImage, "templateImage");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        TrackPoint[] pts = checkPoints(points, templateImage.rank());
        Tracker.checkPair(templateImage, image);
        PointTrack[] rows = new PointTrack[pts.length];
        Counter counter = new Counter(progress, pts.length);
        forEachPoint(pts.length, options, counter, (i, inner) -> {
            TrackPoint p = pts[i];
            int[] c = p.position();
            String outside = outside(c, templateImage, "the template image");
            if (outside == null) {
                outside = outside(c, image, "the image");
            }
            if (outside != null) {
                rows[i] = PointTrack.failed(p, 1, outside);
                return;
            }
            try {
                Track t = Tracker.track(templateImage, image, c, c, p.options(options).withOffsetOptions(inner),
                        matcher);
                rows[i] = new PointTrack(p.id(), 1, c, t.offset(), t.fit(), t.match().peakToSidelobe(),
                        t.match().overlap(), t.match().edge(), null);
            } catch (IllegalArgumentException e) {
                rows[i] = PointTrack.failed(p, 1, message(e));
            }
        });
        return List.of(rows);
    }

    /**
     * Follows every point of {@code points} through {@code frames} (in memory), see the class comment.
     *
     * @throws IllegalArgumentException if the list is empty, the frames differ in shape or are complex
     * @see #trackStack(FrameSource, List, TemplateFrom, TrackOptions, ProgressListener)
     */
    public static List<PointTrack> trackStack(List<NdArray> frames, List<TrackPoint> points, TemplateFrom from,
            TrackOptions options, ProgressListener progress) {
        return trackStack(FrameSource.of(frames), points, from, options, progress);
    }

    /**
     * Follows every point of {@code points} from frame 0 through the last frame of {@code frames}, see the class
     * comment. Holds one frame at a time, plus one template patch per point.
     *
     * @param frames   the stack; frames are read once each, in order (a frame that cannot be read gives error rows)
     * @param points   the points, positions in frame 0
     * @param from     where each frame's template comes from
     * @param options  radii, trim hook, offset options; {@code threads} is shared by the points
     * @param progress told after each point in each frame (total {@code points × frames}); {@code false} cancels
     * @return {@code points × frames} rows: frame 0's rows first (offset 0), then frame 1's, …; points in their
     *         order within a frame
     * @throws IllegalArgumentException if frame 0 cannot be read or is complex, or a point has the wrong number
     *                                  of coordinates
     * @throws CancellationException    if {@code progress} asked to stop
     */
    public static List<PointTrack> trackStack(FrameSource frames, List<TrackPoint> points, TemplateFrom from,
            TrackOptions options, ProgressListener progress) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        int count = frames.frameCount();
        if (count < 1) {
            throw new IllegalArgumentException("the stack has no frames");
        }
        NdArray first;
        try {
            first = frames.frame(0);
        } catch (IOException | UncheckedIOException e) {
            String m = message(e);
            throw new IllegalArgumentException(m.startsWith(frames.frameName(0)) ? m : frames.frameName(0) + ": " + m, e);
        }
        Objects.requireNonNull(first, "frame 0");
        if (first.isComplex()) {
            throw new IllegalArgumentException("frame 0 is complex; tracking needs real arrays");
        }
        TrackPoint[] pts = checkPoints(points, first.rank());
        int n = pts.length;
        Counter counter = new Counter(progress, (long) n * count);
        State[] state = new State[n];
        List<PointTrack> rows = new ArrayList<>(n * count);

        PointTrack[] row = new PointTrack[n];
        forEachPoint(n, options, counter, (i, inner) -> {
            TrackPoint p = pts[i];
            int[] c = p.position();
            State s = new State();
            state[i] = s;
            s.error = outside(c, first, "frame 0");
            if (s.error == null) {
                try {
                    int rank = first.rank();
                    TrackOptions o = p.options(options);
                    s.templateRadius = o.templateRadius(rank);
                    s.imageRadius = o.imageRadius(rank);
                    Tracker.checkRadii(s.templateRadius, s.imageRadius);
                    s.template = Tracker.cut(first, c, s.templateRadius, o.trim());
                    s.position = toDouble(c);
                } catch (IllegalArgumentException e) {
                    s.error = message(e);
                }
            }
            row[i] = s.error != null ? PointTrack.failed(p, 0, s.error)
                    : new PointTrack(p.id(), 0, c, new double[c.length], Double.NaN, Double.NaN, Double.NaN,
                            false, null);
        });
        rows.addAll(Arrays.asList(row));

        for (int t = 1; t < count; t++) {
            int frameIndex = t;
            String frameError = null;
            NdArray frame = null;
            try {
                frame = frames.frame(t);
                Objects.requireNonNull(frame, "frame " + t);
                if (frame.isComplex() || frame.rank() != first.rank()) {
                    frameError = "frame " + t + " " + frame.shapeString() + (frame.isComplex() ? " is complex"
                            : " has " + frame.rank() + " axes but frame 0 " + first.shapeString() + " has "
                            + first.rank());
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                String m = message(e);
                // sources name the frame themselves ("frame 7 (page 7 of x.tif): ..."); say it once
                frameError = m.startsWith(frames.frameName(t)) || m.startsWith("frame " + t + " ") ? m
                        : frames.frameName(t) + ": " + m;
            }
            NdArray image = frame;
            String badFrame = frameError;
            PointTrack[] out = new PointTrack[n];
            forEachPoint(n, options, counter, (i, inner) -> {
                out[i] = step(pts[i], state[i], image, badFrame, frameIndex, from, options, inner);
            });
            rows.addAll(Arrays.asList(out));
        }
        return List.copyOf(rows);
    }

    /** Per-point tracking state through a stack; touched by one thread per frame. */
    private static final class State {
        /** Why the point cannot be tracked at all (outside frame 0, bad radii); null if it can. */
        String error;
        int[] templateRadius;
        int[] imageRadius;
        Tracker.Template template;
        /** The point's last known (fractional) position. */
        double[] position;
    }

    /** Point {@code p} in frame {@code t}: one row, and its state moved on when it was found. */
    private static PointTrack step(TrackPoint p, State s, NdArray frame, String frameError, int t,
            TemplateFrom from, TrackOptions options, OffsetOptions inner) {
        if (s.error != null) {
            return PointTrack.failed(p, t, s.error);
        }
        if (frameError != null) {
            return PointTrack.failed(p, t, frameError);
        }
        int rank = frame.rank();
        int[] c = round(s.position);
        String outside = outside(c, frame, "frame " + t);
        if (outside != null) {
            return PointTrack.failed(p, t, "the point left frame " + t + " " + frame.shapeString()
                    + ": its last position was " + Arrays.toString(s.position));
        }
        Track found;
        try {
            found = Tracker.locate(s.template, frame, c, s.imageRadius, inner, Offsets::offset);
        } catch (IllegalArgumentException e) {
            return PointTrack.failed(p, t, message(e));
        }
        double[] o = found.offset();
        double[] next = new double[rank];
        for (int a = 0; a < rank; a++) {
            // PREVIOUS: the template was cut around c from the frame where the point was at x; the fraction x - c
            // moves with it. FIRST: the template's point is the given (integer) point, found at c + o.
            next[a] = from == TemplateFrom.PREVIOUS ? s.position[a] + o[a] : c[a] + o[a];
        }
        s.position = next;
        if (from == TemplateFrom.PREVIOUS) {
            int[] nc = round(next);
            // a point found outside the frame keeps its old template; the next frame reports it as gone
            if (outside(nc, frame, "") == null) {
                s.template = Tracker.cut(frame, nc, s.templateRadius, options.trim());
            }
        }
        int[] start = p.position();
        double[] offset = new double[rank];
        for (int a = 0; a < rank; a++) {
            offset[a] = next[a] - start[a];
        }
        return new PointTrack(p.id(), t, start, offset, found.fit(), found.match().peakToSidelobe(),
                found.match().overlap(), found.match().edge(), null);
    }

    /** A loop body over points: point {@code i}, with the offset options its NCC should use. */
    private interface PointBody {
        void run(int i, OffsetOptions inner);
    }

    /**
     * Runs {@code body} for every point on up to {@code threads} threads, taking points one at a time from a
     * shared counter (dynamic scheduling: points differ in cost near borders), reporting each to {@code counter}.
     */
    private static void forEachPoint(int n, TrackOptions options, Counter counter, PointBody body) {
        if (n == 0) {
            return;
        }
        int threads = options.offsetOptions().threads();
        int workers = Math.min(threads, n);
        OffsetOptions inner = options.matchOptions().withThreads(Math.max(1, threads / workers));
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(workers, workers, (from, to) -> {
            for (int i = next.getAndIncrement(); i < n && !counter.cancelled(); i = next.getAndIncrement()) {
                body.run(i, inner);
                counter.done();
            }
        });
        if (counter.cancelled()) {
            throw new CancellationException("point tracking cancelled after " + counter.count() + " of "
                    + counter.total + " points");
        }
    }

    /** Counts finished items, tells the listener, remembers a request to stop. */
    private static final class Counter {
        private final ProgressListener listener;
        private final long total;
        private final AtomicLong done = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();

        Counter(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        void done() {
            if (!listener.progress(done.incrementAndGet(), total)) {
                stop.set(true);
            }
        }

        boolean cancelled() {
            return stop.get();
        }

        long count() {
            return done.get();
        }
    }

    private static TrackPoint[] checkPoints(List<TrackPoint> points, int rank) {
        Objects.requireNonNull(points, "points");
        TrackPoint[] pts = points.toArray(new TrackPoint[0]);
        for (TrackPoint p : pts) {
            Objects.requireNonNull(p, "point");
            if (p.position().length != rank) {
                throw new IllegalArgumentException("point " + p.id() + " " + Arrays.toString(p.position()) + " has "
                        + p.position().length + " coordinates but the images have " + rank + " axes");
            }
        }
        return pts;
    }

    /** Why {@code c} is not a pixel of {@code a} ({@code "point [y, x] is outside <name> HxW"}), or null. */
    private static String outside(int[] c, NdArray a, String name) {
        for (int d = 0; d < c.length; d++) {
            if (c[d] < 0 || c[d] >= a.shape(d)) {
                return "point " + Arrays.toString(c) + " is outside " + name + " " + a.shapeString();
            }
        }
        return null;
    }

    private static int[] round(double[] x) {
        int[] r = new int[x.length];
        for (int a = 0; a < x.length; a++) {
            r[a] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(x[a])));
        }
        return r;
    }

    private static double[] toDouble(int[] c) {
        double[] d = new double[c.length];
        for (int a = 0; a < c.length; a++) {
            d[a] = c[a];
        }
        return d;
    }

    /** The exception's message on one line (the class name when there is none). */
    private static String message(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }
}
