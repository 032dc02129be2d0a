package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Topics: what the chunk is about, at most {@value #MAX_TOPICS} of them: noun phrases that recur across its sentences,
 * multi-word phrases first. Headings are context, not topics (minutes have a heading per agenda item, a date, the
 * attendees): a heading names a topic only when its words come back in at least {@value #HEADING_ECHOES} sentences
 * of the text below it. Generic headings ("Action items", "Attendees") and people's names never become topics.
 */
final class TopicRules implements Rule {

    static final int MAX_TOPICS = 3;
    static final int HEADING_ECHOES = 2;
    private static final Set<String> GENERIC_HEADINGS = Set.of("notes", "meeting notes", "agenda", "action items",
            "actions", "attendees", "next steps", "summary", "decisions", "todo", "to do", "todos", "follow-ups",
            "updates", "status", "misc", "other", "questions", "open questions", "discussion", "minutes", "notes from",
            "key decisions", "highlights", "lowlights", "risks", "blockers", "what went well", "what didn't go well",
            "what could be improved", "retro", "retrospective", "metrics", "tasks", "owners", "present", "absent");
    private static final Pattern DATE_PART = Pattern.compile("(?i)[-–—|:,(]*\\s*(?:" + DatePhrases.MONTH
            + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|week of|w/c)\\s*\\)?");

    private static final Pattern DETERMINER = Pattern.compile("^(?i:a|an|the|this|that|these|those|some|any|each|every"
            + "|our|their|its|my|your|his|her|all|both|another|other|such)\\s+");

    @Override
    public MemoryType type() {
        return MemoryType.TOPIC;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        List<Draft> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Sentence s : chunk.sentences()) {
            if (out.size() >= MAX_TOPICS || !s.isHeading()) {
                continue;
            }
            String topic = Draft.tidy(DATE_PART.matcher(s.text()).replaceAll(" ")).replaceAll("[:#*_]+$", "").strip();
            String key = topic.toLowerCase(Locale.ROOT);
            if (topic.length() < 3 || topic.split("\\s+").length > 8 || GENERIC_HEADINGS.contains(key)
                    || topic.contains("@") || chunk.people().isPerson(topic) || !seen.add(key)) {
                continue;
            }
            if (echoes(chunk, s, key) >= HEADING_ECHOES) {
                out.add(draft(topic, key, Confidence.STRUCTURED - 0.05, s));
            }
        }
        for (Map.Entry<String, Occurrence> e : recurring(chunk)) {
            if (out.size() >= MAX_TOPICS) {
                break;
            }
            if (seen.stream().noneMatch(k -> k.contains(e.getKey()) || e.getKey().contains(k))) {
                seen.add(e.getKey());
                Occurrence o = e.getValue();
                out.add(draft(o.surface, e.getKey(), 0.5 + 0.05 * Math.min(4, o.count - 2), o.sentence));
            }
        }
        return out;
    }

    /** Sentences below {@code heading} that use most of its words (all of them for a one- or two-word heading). */
    private static int echoes(Chunk chunk, Sentence heading, String key) {
        List<String> words = new ArrayList<>();
        for (String w : key.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 2) {
                words.add(singular(w));
            }
        }
        if (words.isEmpty()) {
            return 0;
        }
        int need = words.size() <= 2 ? words.size() : (words.size() + 1) / 2;
        int count = 0;
        for (Sentence s : chunk.sentences()) {
            if (s.index() <= heading.index() || s.isHeading()) {
                continue;
            }
            String lower = s.lower();
            int found = 0;
            for (String w : words) {
                if (lower.contains(w)) {
                    found++;
                }
            }
            if (found >= need) {
                count++;
            }
        }
        return count;
    }

    private static Draft draft(String topic, String key, double confidence, Sentence where) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("topic", key);
        return new Draft(MemoryType.TOPIC, "Topic: " + topic, Confidence.clamp(confidence), meta, where.start(),
                where.end(), -1, List.of(where));
    }

    /** Where a phrase was first seen and how often. */
    private static final class Occurrence {
        final String surface;
        final Sentence sentence;
        int count;

        Occurrence(String surface, Sentence sentence) {
            this.surface = surface;
            this.sentence = sentence;
        }
    }

    private static List<Map.Entry<String, Occurrence>> recurring(Chunk chunk) {
        Map<String, Occurrence> counts = new HashMap<>();
        for (Sentence s : chunk.sentences()) {
            for (NounPhrases.Phrase p : NounPhrases.of(s, 3)) {
                if (p.proper() && chunk.people().isPerson(s.text().substring(p.start(), p.end()))) {
                    continue;
                }
                // "a reference" and "the reference" are one topic, "reference".
                String surface = DETERMINER.matcher(p.text()).replaceFirst("");
                if (surface.isBlank()) {
                    continue;
                }
                String key = singular(surface.toLowerCase(Locale.ROOT));
                counts.computeIfAbsent(key, k -> new Occurrence(surface, s)).count++;
            }
        }
        List<Map.Entry<String, Occurrence>> ranked = new ArrayList<>();
        for (Map.Entry<String, Occurrence> e : counts.entrySet()) {
            int words = e.getKey().split(" ").length;
            if (e.getValue().count >= (words > 1 ? 2 : 3) && e.getKey().length() > 2) {
                ranked.add(e);
            }
        }
        ranked.sort((a, b) -> Double.compare(weight(b), weight(a)));
        return ranked;
    }

    private static double weight(Map.Entry<String, Occurrence> e) {
        return e.getValue().count * (1 + 0.5 * (e.getKey().split(" ").length - 1)) - e.getValue().sentence.index() * 1e-6;
    }

    private static String singular(String phrase) {
        return phrase.replaceAll("(?<=[^s])s$", "");
    }
}
