package dev.engram.progress;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A job's lifecycle, the one vocabulary of the API, the job table and the metrics. */
public enum JobState {
    /** Accepted, not started. */
    PENDING,
    /** Being split or extracted. */
    PROCESSING,
    /** Every chunk processed. */
    COMPLETED,
    /** Finished, but some chunks failed; the error says why. */
    COMPLETED_WITH_ERRORS,
    /** Nothing extracted; the error says why. */
    FAILED,
    /** Stopped by its owner. */
    CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** True once the job will not change by itself any more. */
    public boolean finished() {
        return this != PENDING && this != PROCESSING;
    }
}
