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
}
