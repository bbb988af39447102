package org.xcorr.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.peak.Subpixel;
import org.xcorr.stack.FrameSource;

class PointTrackerTest {

    private static final int[] SHAPE = {90, 110};
    private static final int[] SHIFT = {3, -4};

    /** A noise image, the same image shifted by {@link #SHIFT} with a constant block and the points to track. */
    private static NdArray[] pair() {
        Random rnd = new Random(5);
        NdArray a = TrackerTest.noise(rnd, SHAPE);
        double[] v = a.toArray();
        // a constant 20x20 block at rows 60..79, columns 10..29: a point there has a constant template
        for (int y = 60; y < 80; y++) {
            Arrays.fill(v, y * SHAPE[1] + 10, y * SHAPE[1] + 30, 7.0);
        }
        NdArray t = NdArray.wrap(v, SHAPE);
        return new NdArray[] {t, TrackerTest.shifted(t, SHIFT, rnd)};
    }

    private static List<TrackPoint> points() {
        List<TrackPoint> p = new ArrayList<>();
        p.add(TrackPoint.of("a", 30, 40));
        p.add(TrackPoint.of("b", 45, 70, 4));                           // own radius
        p.add(new TrackPoint("c", new int[] {20, 90}, new int[] {5, 3})); // own per-axis radius
        p.add(TrackPoint.of("edge", 1, 2));                             // template clipped at the corner
        p.add(TrackPoint.of("flat", 70, 20, 3));                        // constant patch
        p.add(TrackPoint.of("outside", 50, 200));                       // not in the image
        p.add(TrackPoint.of("big", 40, 50, 20));                        // template radius >= search radius
        for (int i = 0; i < 12; i++) {
            p.add(TrackPoint.of("n" + i, 12 + 5 * i, 15 + 6 * i));
        }
        return p;
    }

    private static TrackOptions options(int threads) {
        return TrackOptions.defaults().withTemplateRadius(6).withImageRadius(12).withThreads(threads);
    }

    @Test
    void manyPointsGiveExactlyTheSinglePointResults() {
        NdArray[] f = pair();
        List<TrackPoint> pts = points();
        List<PointTrack> rows = PointTracker.track(f[0], f[1], pts, options(2));
        assertEquals(pts.size(), rows.size());
        int ok = 0;
        for (int i = 0; i < pts.size(); i++) {
            TrackPoint p = pts.get(i);
            PointTrack r = rows.get(i);
            assertEquals(p.id(), r.id());
            assertEquals(1, r.frame());
            assertArrayEquals(p.position(), r.point());
            TrackOptions o = p.templateRadius() == null ? options(1) : options(1).withTemplateRadius(p.templateRadius());
            Track single;
            try {
                single = Tracker.track(f[0], f[1], p.position(), p.position(), o);
            } catch (IllegalArgumentException e) {
                assertFalse(r.isOk(), p.id() + " must fail as the single-point call does: " + e.getMessage());
                continue;
            }
            assertNull(r.error(), p.id());
            assertArrayEquals(single.offset(), r.offset(), p.id());
            assertEquals(single.fit(), r.fit(), 0.0, p.id());
            assertEquals(single.match().peakToSidelobe(), r.peakToSidelobe(), 0.0, p.id());
            assertEquals(single.match().overlap(), r.overlapFraction(), 0.0, p.id());
            assertEquals(single.match().edge(), r.edge(), p.id());
            ok++;
        }
        assertEquals(16, ok);
        assertArrayEquals(new double[] {3, -4}, rows.get(0).offset());
        assertEquals(1.0, rows.get(0).fit(), Tolerances.EXACT_NCC);
        assertArrayEquals(new double[] {48, 66}, rows.get(1).position());
    }

    @Test
    void badPointsBecomeRowsWithTheirReason() {
        NdArray[] f = pair();
        List<PointTrack> rows = PointTracker.track(f[0], f[1], points(), options(3));
        assertTrue(rows.get(4).status().contains("constant"), rows.get(4).status());
        assertEquals("point [50, 200] is outside the template image 90x110", rows.get(5).status());
        assertTrue(rows.get(6).status().contains("templateRadius [20, 20] must be smaller than imageRadius [12, 12]"),
                rows.get(6).status());
        assertTrue(Double.isNaN(rows.get(5).offset()[0]) && Double.isNaN(rows.get(5).fit()));
        assertEquals(PointTrack.OK, rows.get(3).status(), "a clipped template is still tracked");
    }

    @Test
    void resultIsIdenticalForEveryThreadCount() {
        NdArray[] f = pair();
        List<PointTrack> one = PointTracker.track(f[0], f[1], points(), options(1));
        for (int threads : new int[] {2, 3, 7, 32}) {
            assertEquals(one, PointTracker.track(f[0], f[1], points(), options(threads)), "threads " + threads);
        }
        List<NdArray> stack = List.of(f[0], f[1], TrackerTest.shifted(f[1], new int[] {-2, 1}, new Random(9)));
        for (TemplateFrom from : TemplateFrom.values()) {
            List<PointTrack> s1 = PointTracker.trackStack(stack, points(), from, options(1), (d, t) -> true);
            assertEquals(s1, PointTracker.trackStack(stack, points(), from, options(4), (d, t) -> true), from.name());
        }
    }

    @Test
    void wrongRankOrComplexFailsTheWholeCall() {
        NdArray[] f = pair();
        List<TrackPoint> threeAxes = List.of(new TrackPoint("z", new int[] {1, 2, 3}, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointTracker.track(f[0], f[1], threeAxes, options(1)));
        assertTrue(e.getMessage().contains("point z [1, 2, 3] has 3 coordinates but the images have 2 axes"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PointTracker.track(f[0], NdArray.wrap(new double[20], 20), points(), options(1)));
        assertThrows(IllegalArgumentException.class, () -> new TrackPoint("r", new int[] {1, 2}, new int[] {-1}));
    }

    @Test
    void progressCountsEveryPointAndFalseCancels() {
        NdArray[] f = pair();
        AtomicLong max = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        PointTracker.track(f[0], f[1], points(), options(2), (done, total) -> {
            assertEquals(19, total);
            max.accumulateAndGet(done, Math::max);
            calls.incrementAndGet();
            return true;
        });
        assertEquals(19, max.get());
        assertEquals(19, calls.get());

        AtomicLong seen = new AtomicLong();
        assertThrows(CancellationException.class, () -> PointTracker.track(f[0], f[1], points(), options(1),
                (done, total) -> seen.incrementAndGet() < 3));
        assertEquals(3, seen.get(), "no point is started after the listener says stop (one thread)");
    }

    /** Frames of a stack with integer drift {@code d(t)}: frame t is frame 0 shifted by d(t). */
    private static List<NdArray> drifting(int[][] drift) {
        Random rnd = new Random(17);
        NdArray base = TrackerTest.noise(rnd, SHAPE);
        List<NdArray> frames = new ArrayList<>();
        for (int[] d : drift) {
            frames.add(TrackerTest.shifted(base, d, rnd));
        }
        return frames;
    }

    @Test
    void stackRowsFollowIntegerDriftWithEitherTemplateSource() {
        int[][] drift = {{0, 0}, {1, -2}, {3, -3}, {2, 0}, {5, 2}};
        List<NdArray> frames = drifting(drift);
        List<TrackPoint> pts = List.of(TrackPoint.of("p", 40, 50), TrackPoint.of("q", 30, 30, 5),
                TrackPoint.of("r", 60, 70));
        for (TemplateFrom from : TemplateFrom.values()) {
            List<PointTrack> rows = PointTracker.trackStack(frames, pts, from, options(2), (d, t) -> true);
            assertEquals(pts.size() * frames.size(), rows.size());
            for (int t = 0; t < frames.size(); t++) {
                for (int i = 0; i < pts.size(); i++) {
                    PointTrack r = rows.get(t * pts.size() + i);
                    assertEquals(t, r.frame());
                    assertEquals(pts.get(i).id(), r.id());
                    assertNull(r.error(), from + " frame " + t + " " + r);
                    assertArrayEquals(TrackerTest.toDouble(drift[t]), r.offset(), from + " frame " + t);
                }
            }
            assertTrue(Double.isNaN(rows.get(0).fit()), "frame 0 has no match");
        }
    }

    @Test
    void frameOneWithTheFirstTemplateEqualsTheTwoImageRows() {
        NdArray[] f = pair();
        List<PointTrack> two = PointTracker.track(f[0], f[1], points(), options(2));
        List<PointTrack> stack = PointTracker.trackStack(List.of(f[0], f[1]), points(), TemplateFrom.FIRST,
                options(2), (d, t) -> true);
        List<PointTrack> frame1 = stack.subList(points().size(), stack.size());
        for (int i = 0; i < two.size(); i++) {
            if (two.get(i).isOk()) {
                assertEquals(two.get(i), frame1.get(i));
            } else {
                assertFalse(frame1.get(i).isOk(), two.get(i).id());
            }
        }
    }

    /** Smooth frames: Gaussian blobs (sigma 4) moved by {@code t * v}, exactly, for sub-pixel tests. */
    private static List<NdArray> smoothDrift(int frames, double vy, double vx) {
        Random rnd = new Random(3);
        int n = 40;
        double[][] blobs = new double[n][3];
        for (double[] b : blobs) {
            b[0] = 10 + rnd.nextDouble() * 70;
            b[1] = 10 + rnd.nextDouble() * 90;
            b[2] = 0.5 + rnd.nextDouble();
        }
        List<NdArray> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            double[] v = new double[SHAPE[0] * SHAPE[1]];
            for (int y = 0; y < SHAPE[0]; y++) {
                for (int x = 0; x < SHAPE[1]; x++) {
                    double s = 0;
                    for (double[] b : blobs) {
                        double dy = y - b[0] - t * vy;
                        double dx = x - b[1] - t * vx;
                        s += b[2] * Math.exp(-(dy * dy + dx * dx) / 32.0);
                    }
                    v[y * SHAPE[1] + x] = s;
                }
            }
            out.add(NdArray.wrap(v, SHAPE));
        }
        return out;
    }

    @Test
    void stackPositionsFollowTheDocumentedRecurrenceWithSubpixelOffsets() {
        int n = 7;
        List<NdArray> frames = smoothDrift(n, 0.3, -0.45);
        int[] p0 = {45, 55};
        List<TrackPoint> pts = List.of(new TrackPoint("p", p0, null));
        TrackOptions o = TrackOptions.defaults().withTemplateRadius(10).withImageRadius(16).withThreads(1)
                .withOffsetOptions(OffsetOptions.defaults().withSubpixel(Subpixel.PARABOLIC).withThreads(1));
        List<PointTrack> first = PointTracker.trackStack(frames, pts, TemplateFrom.FIRST, o, (d, t) -> true);
        List<PointTrack> prev = PointTracker.trackStack(frames, pts, TemplateFrom.PREVIOUS, o, (d, t) -> true);
        double[] xf = {p0[0], p0[1]};
        double[] xp = {p0[0], p0[1]};
        int fractional = 0;
        for (int t = 1; t < n; t++) {
            // FIRST: x(t) = c + offset, frame 0's template searched around c = round(x(t-1))
            int[] c = {(int) Math.round(xf[0]), (int) Math.round(xf[1])};
            double[] d = Tracker.track(frames.get(0), frames.get(t), p0, c, o).offset();
            xf = new double[] {c[0] + d[0], c[1] + d[1]};
            assertArrayEquals(new double[] {xf[0] - p0[0], xf[1] - p0[1]}, first.get(t).offset(), "first " + t);
            // PREVIOUS: x(t) = x(t-1) + offset, frame t-1's template around round(x(t-1)), the fraction carried
            int[] cp = {(int) Math.round(xp[0]), (int) Math.round(xp[1])};
            double[] e = Tracker.track(frames.get(t - 1), frames.get(t), cp, cp, o).offset();
            fractional += xp[0] != cp[0] || xp[1] != cp[1] ? 1 : 0;
            xp = new double[] {xp[0] + e[0], xp[1] + e[1]};
            assertArrayEquals(new double[] {xp[0] - p0[0], xp[1] - p0[1]}, prev.get(t).offset(), "previous " + t);
            // the template from frame 0 keeps the error bounded (the three-point fit's bias on these blobs)
            assertEquals(0.3 * t, first.get(t).offset()[0], 0.3, "first " + t);
            assertEquals(-0.45 * t, first.get(t).offset()[1], 0.3, "first " + t);
        }
        assertTrue(fractional >= 4, "the sample must carry fractions: " + fractional);
    }

    @Test
    void unreadableFrameAndPointLeavingTheFrameAreRowsNotFailures() {
        int[][] drift = {{0, 0}, {2, 2}, {2, 2}, {4, 3}};
        List<NdArray> frames = drifting(drift);
        List<TrackPoint> pts = List.of(TrackPoint.of("p", 40, 50), TrackPoint.of("q", 88, 60, 3));
        FrameSource source = new FrameSource() {
            @Override
            public int frameCount() {
                return frames.size();
            }

            @Override
            public int[] frameShape() {
                return SHAPE.clone();
            }

            @Override
            public NdArray frame(int index) throws IOException {
                if (index == 2) {
                    throw new IOException("page 2 is corrupt");
                }
                return frames.get(index);
            }
        };
        // a full search: only a template hanging over the frame's edge can follow q out of the frame
        List<PointTrack> rows = PointTracker.trackStack(source, pts, TemplateFrom.PREVIOUS,
                options(2).withSearch(Search.FULL), (d, t) -> true);
        assertEquals(8, rows.size());
        assertEquals("frame 2: page 2 is corrupt", rows.get(4).status());
        assertEquals("frame 2: page 2 is corrupt", rows.get(5).status());
        assertNull(rows.get(6).error(), "tracking resumes after the bad frame");
        assertArrayEquals(new double[] {4, 3}, rows.get(6).offset());
        // q (row 88 of 90) moves 2 rows down in frame 1, to row 90: outside the frame; frame 3 says so
        assertTrue(rows.get(7).status().startsWith("the point left frame 3 90x110"), rows.get(7).status());

        // the default valid search never places the template past the frame: q stays on its last row
        List<PointTrack> valid = PointTracker.trackStack(source, pts, TemplateFrom.PREVIOUS, options(2),
                (d, t) -> true);
        for (int t = 1; t < 4; t++) {
            PointTrack q = valid.get(2 * t + 1);
            if (q.isOk()) {
                assertTrue(q.position()[0] <= 89, q.toString());
            }
        }
        assertNull(valid.get(7).error(), "q is still in frame 3");
    }
}
