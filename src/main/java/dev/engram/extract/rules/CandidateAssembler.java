package dev.engram.extract.rules;

import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns rule proposals into the call's answer: one statement memory per sentence, no duplicates, tags added, and a
 * bounded size.
 *
 * <p>A sentence yields at most one of task, decision, insight and date: the most confident wins (ties go to
 * decision, then task, then insight), and a date only when nothing else claimed the sentence. A sentence that
 * supports another memory (a decision's lead sentence) yields nothing of its own. Contacts, topics and sentiment are
 * chunk-level and exempt.
 */
final class CandidateAssembler {

    static final int MAX_CANDIDATES = 100;
    private static final Set<MemoryType> STATEMENTS = EnumSet.of(MemoryType.TASK, MemoryType.DECISION,
            MemoryType.INSIGHT, MemoryType.DATE);
    private static final List<MemoryType> TIE_ORDER = List.of(MemoryType.DECISION, MemoryType.TASK, MemoryType.INSIGHT,
            MemoryType.DATE);

    private CandidateAssembler() {
    }

    static List<MemoryCandidate> assemble(List<Draft> drafts, People people) {
        Map<Integer, Draft> bySentence = new HashMap<>();
        List<Draft> kept = new ArrayList<>();
        for (Draft d : drafts) {
            if (STATEMENTS.contains(d.type()) && d.anchor() >= 0) {
                bySentence.merge(d.anchor(), d, CandidateAssembler::better);
            } else {
                kept.add(d);
            }
        }
        Set<Integer> supporting = new HashSet<>();
        for (Draft d : bySentence.values()) {
            d.support().stream().filter(s -> s.index() != d.anchor()).forEach(s -> supporting.add(s.index()));
        }
        bySentence.forEach((sentence, d) -> {
            if (!supporting.contains(sentence)) {
                kept.add(d);
            }
        });
        Set<String> seen = new HashSet<>();
        List<Draft> unique = new ArrayList<>();
        kept.stream().sorted(Comparator.comparingInt(Draft::start)).forEach(d -> {
            if (seen.add(d.type() + ":" + d.content().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip())) {
                unique.add(d);
            }
        });
        if (unique.size() > MAX_CANDIDATES) {
            unique.sort(Comparator.comparingDouble(Draft::confidence).reversed());
            unique.subList(MAX_CANDIDATES, unique.size()).clear();
            unique.sort(Comparator.comparingInt(Draft::start));
        }
        List<MemoryCandidate> out = new ArrayList<>(unique.size());
        for (Draft d : unique) {
            String content = d.type() == MemoryType.CONTACT || d.type() == MemoryType.TOPIC ? d.content()
                    : sentenceCase(d.content());
            out.add(new MemoryCandidate(content, d.type(), d.confidence(), withContext(d),
                    TagSuggester.tags(d, people), d.start(), d.end()));
        }
        return out;
    }

    /**
     * A statement's place in the notes, for the reviewer: {@code heading_path} ("Topics > New website launch") and
     * {@code parent_item}, the item it is nested under or the header of its table row.
     */
    private static Map<String, Object> withContext(Draft d) {
        if (!STATEMENTS.contains(d.type()) || d.anchor() < 0) {
            return d.metadata();
        }
        Sentence anchor = d.support().stream().filter(s -> s.index() == d.anchor()).findFirst()
                .orElse(d.support().get(0));
        Place place = anchor.place();
        if (place.headingTrail() == null && place.parent() == null) {
            return d.metadata();
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>(d.metadata());
        if (place.headingTrail() != null) {
            meta.put("heading_path", place.headingTrail());
        }
        if (place.parent() != null) {
            meta.put("parent_item", place.parent());
        }
        return meta;
    }

    /** "update the deck" → "Update the deck"; "iPad", "@mike" and "eBay" stay as written. */
    private static String sentenceCase(String content) {
        if (content.length() > 1 && Character.isLowerCase(content.charAt(0)) && !Character.isUpperCase(content.charAt(1))) {
            return Character.toUpperCase(content.charAt(0)) + content.substring(1);
        }
        return content;
    }

    private static Draft better(Draft a, Draft b) {
        boolean aDate = a.type() == MemoryType.DATE;
        boolean bDate = b.type() == MemoryType.DATE;
        if (aDate != bDate) {
            return aDate ? b : a;
        }
        if (a.confidence() != b.confidence()) {
            return a.confidence() > b.confidence() ? a : b;
        }
        return TIE_ORDER.indexOf(a.type()) <= TIE_ORDER.indexOf(b.type()) ? a : b;
    }
}
