package dev.engram.ingest;

import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Invalid;
import dev.engram.progress.JobOptions;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Validated options of a file submission (multipart form fields or an upload request). */
final class FileSubmission {

    private FileSubmission() {
    }

    static JobOptions options(String extractTypes, String referenceDate, String timezone, Boolean autoSave) {
        List<String> errors = new ArrayList<>();
        List<String> types = extractTypes == null || extractTypes.isBlank() ? List.of("all")
                : Arrays.stream(extractTypes.split("[,\\s]+")).filter(s -> !s.isBlank())
                        .map(s -> s.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        // Distinct names only: a form repeating a type thousands of times must not make a job record too big for
        // DynamoDB (400 KB). Beyond the vocabulary's size, some names are not types at all.
        if (types.size() > MemoryType.values().length + 1) {
            errors.add("extract_types: at most " + (MemoryType.values().length + 1) + " distinct names");
        } else {
            try {
                MemoryType.parseSelection(types);
            } catch (IllegalArgumentException e) {
                errors.add("extract_types: " + e.getMessage());
            }
        }
        if (referenceDate != null && !referenceDate.isBlank()) {
            try {
                LocalDate.parse(referenceDate);
            } catch (DateTimeException e) {
                errors.add("reference_date: must be an ISO date such as 2024-01-15");
            }
        }
        if (timezone != null && !timezone.isBlank()) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                errors.add("timezone: must be an IANA zone such as Europe/Paris");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new JobOptions(types, referenceDate == null || referenceDate.isBlank() ? null : referenceDate,
                timezone, Boolean.TRUE.equals(autoSave));
    }
}
