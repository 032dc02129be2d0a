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

    /** The stage called {@code name} among {@code stages}, or empty. */
    static java.util.Optional<ScheduledStage> named(java.util.List<ScheduledStage> stages, String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** The stage called {@code name} among {@code stages}; throws when there is none (a build without it). */
    static ScheduledStage required(java.util.List<ScheduledStage> stages, String name) {
        return named(stages, name).orElseThrow(() -> new IllegalStateException("no scheduled stage named " + name));
    }
}
