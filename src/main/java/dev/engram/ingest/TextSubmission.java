package dev.engram.ingest;

import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.progress.JobOptions;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A validated extraction request: every field checked, every problem reported at once. */
record TextSubmission(String text, String source, String sourceId, JobOptions options, boolean async) {

    private static final Set<String> SOURCES = Set.of("manual", "file", "integration", "chat");

    static TextSubmission validate(ExtractRequest r, int maxChars) {
        if (r == null) {
            throw new Malformed("a JSON body with at least 'text' is required");
        }
        List<String> errors = new ArrayList<>();
        if (r.text() == null || r.text().isBlank()) {
            errors.add("text: must not be empty");
        } else if (r.text().length() > maxChars) {
            errors.add("text: " + r.text().length() + " characters is more than the " + maxChars
                    + " allowed; upload it as a file instead");
        }
        String source = r.source() == null ? "manual" : r.source();
        if (!SOURCES.contains(source)) {
            errors.add("source: must be one of " + SOURCES.stream().sorted().toList());
        }
        if (r.sourceId() != null && (r.sourceId().length() > 256 || r.sourceId().isBlank())) {
            errors.add("source_id: must be 1 to 256 characters");
        }
        try {
            if (r.extractTypes() != null && r.extractTypes().size() > MemoryType.values().length + 1) {
                errors.add("extract_types: too many entries");
            } else {
                MemoryType.parseSelection(r.extractTypes());
            }
        } catch (IllegalArgumentException e) {
            errors.add("extract_types: " + e.getMessage());
        }
        if (r.referenceDate() != null) {
            try {
                LocalDate.parse(r.referenceDate());
            } catch (DateTimeException e) {
                errors.add("reference_date: must be an ISO date such as 2024-01-15");
            }
        }
        if (r.timezone() != null) {
            try {
                ZoneId.of(r.timezone());
            } catch (DateTimeException e) {
                errors.add("timezone: must be an IANA zone such as Europe/Paris");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        var options = new JobOptions(r.extractTypes(), r.referenceDate(), r.timezone(),
                Boolean.TRUE.equals(r.autoSave()));
        return new TextSubmission(r.text(), source, r.sourceId(), options, r.async() == null || r.async());
    }
}
