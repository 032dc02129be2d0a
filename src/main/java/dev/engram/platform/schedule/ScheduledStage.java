package dev.engram.platform.schedule;

/**
 * A stage run on a schedule (an EventBridge rule on AWS, the local runner's timer locally). Implementations are found
 * through CDI, so the platform never depends on a feature. Runs must be idempotent.
 */
public interface ScheduledStage {

    /** The stage's name, as the Lambda handler and template know it (e.g. {@code expire}). */
    String name();

    /** Runs once; returns how many items it changed. */
    int run();
}
