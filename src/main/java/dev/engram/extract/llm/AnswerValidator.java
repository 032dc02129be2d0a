package dev.engram.extract.llm;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a model's answer before anything is stored: known types, confidence within 0..1, ISO dates, non-empty
 * content. Items of a known type that was not requested are dropped, not refused.
 */
final class AnswerValidator {

    private static final int MAX_PROBLEMS = 5;

    private AnswerValidator() {
    }

    /**
     * The outcome of a check.
     *
     * @param candidates the memories, when valid
     * @param problems   what was wrong, empty when valid
     */
    record Verdict(List<MemoryCandidate> candidates, List<String> problems) {

        boolean valid() {
            return problems.isEmpty();
        }

        String reason() {
            return String.join("; ", problems);
        }
    }

    static Verdict check(ExtractionAnswer answer, String text, ExtractionContext context) {
        if (answer == null || answer.memories() == null) {
            return new Verdict(List.of(), List.of("the answer has no memories list"));
        }
        List<String> problems = new ArrayList<>();
        List<MemoryCandidate> out = new ArrayList<>();
        List<ExtractedItem> items = answer.memories();
        for (int i = 0; i < items.size() && problems.size() < MAX_PROBLEMS; i++) {
            ExtractedItem item = items.get(i);
            String at = "memories[" + i + "]";
            if (item == null) {
                problems.add(at + " is null");
                continue;
            }
            int before = problems.size();
            MemoryType type = null;
            if (item.type() == null || item.type().isBlank()) {
                problems.add(at + ".type is missing");
            } else {
                try {
                    type = MemoryType.fromWire(item.type());
                } catch (IllegalArgumentException e) {
                    problems.add(at + ".type '" + item.type() + "' is not one of " + wireNames());
                }
            }
            if (item.content() == null || item.content().isBlank()) {
                problems.add(at + ".content is empty");
            }
            if (item.confidence() == null || !(item.confidence() >= 0.0 && item.confidence() <= 1.0)) {
                problems.add(at + ".confidence " + item.confidence() + " is not a number between 0 and 1");
            }
            checkDate(item.deadline(), at + ".deadline", problems);
            checkDate(item.date(), at + ".date", problems);
            if (problems.size() == before && context.wants(type)) {
                out.add(candidate(item, type, text));
            }
        }
        return problems.isEmpty() ? new Verdict(out, List.of()) : new Verdict(List.of(), problems);
    }

    private static void checkDate(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value + "' is not an ISO date (YYYY-MM-DD)");
        }
    }

    private static MemoryCandidate candidate(ExtractedItem item, MemoryType type, String text) {
        Map<String, Object> meta = new LinkedHashMap<>();
        put(meta, "assignee", item.assignee());
        put(meta, "due_date", item.deadline() == null ? null : item.deadline().trim());
        put(meta, "lead", item.lead());
        put(meta, "timeline", item.timeline());
        put(meta, "metric", item.metric());
        put(meta, "change", item.change());
        put(meta, "value", item.value());
        put(meta, "name", item.name());
        put(meta, "role", item.role());
        put(meta, "organization", item.organization());
        put(meta, "phone", item.phone());
        put(meta, "date", item.date() == null ? null : item.date().trim());
        put(meta, "event", item.event());
        put(meta, "topic", item.topic());
        put(meta, "sentiment", item.sentiment());
        if (item.people() != null && !item.people().isEmpty()) {
            meta.put("people", clean(item.people(), false));
        }
        if (item.emails() != null && !item.emails().isEmpty()) {
            meta.put("emails", clean(item.emails(), false));
        }
        List<String> tags = item.tags() == null ? List.of() : clean(item.tags(), true);
        int start = -1;
        int end = -1;
        if (item.evidence() != null && !item.evidence().isBlank()) {
            start = text.indexOf(item.evidence().trim());
            end = start < 0 ? -1 : start + item.evidence().trim().length();
        }
        return new MemoryCandidate(item.content().trim(), type, item.confidence(), meta, tags, start, end);
    }

    private static void put(Map<String, Object> meta, String key, String value) {
        if (value != null && !value.isBlank()) {
            meta.put(key, value.trim());
        }
    }

    private static List<String> clean(List<String> values, boolean lowerCase) {
        return values.stream().filter(v -> v != null && !v.isBlank())
                .map(v -> lowerCase ? v.trim().toLowerCase(Locale.ROOT) : v.trim()).distinct().toList();
    }

    private static List<String> wireNames() {
        return java.util.Arrays.stream(MemoryType.values()).map(MemoryType::wireName).toList();
    }
}
