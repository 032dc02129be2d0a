package dev.engram.progress;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a job is doing now: the {@code stage} progress shows and the job table stores, by its wire name. */
public enum JobStage {
    /** Accepted; its split request is on its way. */
    QUEUED,
    /** Waiting for its file at a presigned upload URL. */
    AWAITING_UPLOAD,
    /** Its input is being read and cut into chunks. */
    SPLITTING,
    /** A big PDF being parsed page range by page range. */
    PARSING,
    /** Its chunks are being extracted. */
    EXTRACTING,
    /** Finished, whatever the outcome. */
    DONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStage fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
