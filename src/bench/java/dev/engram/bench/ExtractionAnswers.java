package dev.engram.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link RemoteProvider} answers to an extraction prompt: memories in the schema of Engram's
 * {@code ExtractionAnswer}, read from the chunk's own sentences the way a model would, deterministically. A sentence
 * with "decided" or "agreed" is a decision (its lead and quarter when named), an action item or "X will ..." a task
 * (assignee, an ISO deadline), a percentage or a metric's value an insight, an e-mail address a contact; the chunk's
 * heading is a topic. Each memory quotes its sentence as evidence.
 */
final class ExtractionAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]?");
    private static final Pattern LEAD = Pattern.compile("(\\p{Lu}\\p{L}+) will (?:lead|own)");
    private static final Pattern QUARTER = Pattern.compile("\\bQ[1-4](?: \\d{4})?");
    private static final Pattern ASSIGNEE = Pattern.compile("^(?:Action item: )?(\\p{Lu}\\p{L}+)(?::| to | will )");
    private static final Pattern PERCENT = Pattern.compile("^(.+?) (?:is )?(up|down) (\\d+)%");
    private static final Pattern VALUE = Pattern.compile("^(.+?) was (\\d+(?:\\.\\d+)?)");
    private static final Pattern EMAIL = Pattern.compile("([\\w.]+@[\\w.]+\\w)");
    private static final Pattern CONTACT = Pattern.compile("contact (\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#+ (.+)$");

    private ExtractionAnswers() {
    }

    static ObjectNode answer(String text) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode memories = answer.putArray("memories");
        Matcher heading = HEADING.matcher(text);
        if (heading.find()) {
            String topic = heading.group(1).strip();
            memories.addObject().put("content", "The notes cover " + topic + ".").put("type", "topic")
                    .put("confidence", 0.7).put("topic", topic).put("evidence", topic);
        }
        Matcher sentences = SENTENCE.matcher(text);
        while (sentences.find() && memories.size() < 8) {
            String s = sentences.group().strip();
            if (s.startsWith("- ")) {
                s = s.substring(2);
            }
            if (s.length() < 12) {
                continue;
            }
            ObjectNode m = memory(s);
            if (m != null) {
                memories.add(m);
            }
        }
        return answer;
    }

    private static ObjectNode memory(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        Matcher email = EMAIL.matcher(s);
        if (email.find()) {
            Matcher name = CONTACT.matcher(s);
            ObjectNode m = item(s, "contact", 0.9);
            if (name.find()) {
                m.put("name", name.group(1));
            }
            m.putArray("emails").add(email.group(1));
            return m;
        }
        if (lower.contains("decided") || lower.contains("agreed")) {
            ObjectNode m = item(s, "decision", 0.85);
            Matcher lead = LEAD.matcher(s);
            if (lead.find()) {
                m.put("lead", lead.group(1));
            }
            Matcher quarter = QUARTER.matcher(s);
            if (quarter.find()) {
                m.put("timeline", quarter.group());
            }
            return m;
        }
        Matcher assignee = ASSIGNEE.matcher(s);
        if (lower.startsWith("action item") || assignee.find() && (s.contains(" by ") || s.contains(" before "))) {
            ObjectNode m = item(s, "task", 0.8);
            if (assignee.reset().find()) {
                m.put("assignee", assignee.group(1));
                m.putArray("people").add(assignee.group(1));
            }
            // A stable date from the sentence: the prompt's reference date is what a model would resolve against.
            m.put("deadline", String.format(java.util.Locale.ROOT, "2024-%02d-%02d",
                    1 + Math.floorMod(s.hashCode(), 12), 1 + Math.floorMod(s.hashCode() >>> 4, 28)));
            return m;
        }
        Matcher percent = PERCENT.matcher(s);
        if (percent.find()) {
            return item(s, "insight", 0.75).put("metric", percent.group(1).toLowerCase(java.util.Locale.ROOT))
                    .put("change", (percent.group(2).equals("up") ? "+" : "-") + percent.group(3) + "%");
        }
        Matcher value = VALUE.matcher(s);
        if (value.find()) {
            return item(s, "insight", 0.7).put("metric", value.group(1).toLowerCase(java.util.Locale.ROOT))
                    .put("value", value.group(2));
        }
        return null;
    }

    private static ObjectNode item(String sentence, String type, double confidence) {
        ObjectNode m = JSON.createObjectNode().put("content", sentence).put("type", type)
                .put("confidence", confidence).put("evidence", sentence);
        m.putArray("tags").add(type).add("meeting");
        return m;
    }
}
