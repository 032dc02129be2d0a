package dev.engram.eval;

import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The baseline every extraction change is measured against: each line is cut at sentence ends, and a sentence with
 * a decision cue word is a decision, else one with an obligation cue word is a task. What a reader could write in
 * ten lines, with no structure and no learning.
 */
final class CueWordPicker {

    private static final Pattern DECISION = Pattern.compile(
            "(?i)\\b(?:decided|decide|decision|agreed|agree|approved|approve|accepted|accept|resolved|resolution"
                    + "|consensus|conclusion|concluded|rejected|going with|settled)\\b");
    private static final Pattern TASK = Pattern.compile(
            "(?i)\\b(?:will|should|shall|must|need to|needs to|todo|to do|action|follow up|follow-up|assigned"
                    + "|going to)\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private CueWordPicker() {
    }

    static List<MemoryCandidate> pick(String text) {
        List<MemoryCandidate> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            for (String sentence : SENTENCE_END.split(line)) {
                String s = sentence.strip();
                if (s.isEmpty()) {
                    continue;
                }
                MemoryType type = DECISION.matcher(s).find() ? MemoryType.DECISION
                        : TASK.matcher(s).find() ? MemoryType.TASK : null;
                if (type != null) {
                    out.add(new MemoryCandidate(s, type, 0.5, Map.of(), List.of(), -1, -1));
                }
            }
        }
        return out;
    }
}
