package org.xcorr.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.xcorr.concurrent.ProgressListener;

/**
 * Progress of a Spark job on the driver: each time a task ends, the listener is told the count of an accumulator
 * the tasks add to (rows or frames done). Spark merges a task's accumulator updates, from its successful attempt
 * only, before it posts the task-end event, so a retried task is counted once. Runs on Spark's listener-bus thread;
 * the listener's answer is ignored (a Spark job is not cancelled from here).
 */
final class SparkProgress extends SparkListener {
    private final LongAccumulator done;
    private final long total;
    private final ProgressListener progress;

    SparkProgress(LongAccumulator done, long total, ProgressListener progress) {
        this.done = done;
        this.total = total;
        this.progress = progress;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        progress.progress(Math.min(total, done.value()), total);
    }
}
