// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xcorr.fft.FastSizes;

/** The process-wide cache of 1-D plans (twiddle tables) by length; plans are immutable and shared. */
final class LinePlans {

    private static final Map<Integer, LineFft> PLANS = new ConcurrentHashMap<>();

    private LinePlans() {
    }

    static LineFft get(int n) {
        LineFft plan = PLANS.get(n);
        if (plan == null) {
            // Built outside computeIfAbsent: a Bluestein plan recursively needs the plan of its inner length.
            plan = FastSizes.isFast(n) ? new SmoothFft(n) : new BluesteinFft(n);
            LineFft prior = PLANS.putIfAbsent(n, plan);
            if (prior != null) {
                plan = prior;
            }
        }
        return plan;
    }
}
