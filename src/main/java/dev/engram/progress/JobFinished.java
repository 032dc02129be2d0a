package dev.engram.progress;

/**
 * Fired once when a job reaches a final state through its chunks (completed, completed_with_errors, failed), so
 * features can act on it without the job store knowing them (auto-save does).
 *
 * @param job the job as finished
 */
public record JobFinished(Job job) {
}
