package dev.engram.progress;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an extraction stands in review (DESIGN's vocabulary). */
public enum ExtractionStatus {
    PROCESSING, PENDING_REVIEW, AUTO_SAVED, REVIEWED, EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExtractionStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
