package dev.engram.progress;

import java.util.List;

/**
 * What the submitter asked for; travels with the job and its messages.
 *
 * @param extractTypes  requested memory types (wire names, or "all")
 * @param referenceDate ISO date the text was written, or null
 * @param timezone      IANA zone for relative dates
 * @param autoSave      save memories without review
 */
public record JobOptions(List<String> extractTypes, String referenceDate, String timezone, boolean autoSave) {

    public JobOptions {
        extractTypes = extractTypes == null || extractTypes.isEmpty() ? List.of("all") : List.copyOf(extractTypes);
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone;
    }

    /** All types, no reference date, UTC, reviewed: what a drop-folder file or a bulk item without options gets. */
    public static JobOptions defaults() {
        return new JobOptions(List.of("all"), null, "UTC", false);
    }
}
