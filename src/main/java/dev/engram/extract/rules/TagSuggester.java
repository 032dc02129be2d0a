package dev.engram.extract.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Suggests up to {@value #MAX_TAGS} lower-case tags for a memory: its metric or topic first, then the noun phrases of
 * its supporting sentences ("market research" → "market-research"). Names, dates and numbers are not tags.
 */
final class TagSuggester {

    static final int MAX_TAGS = 5;

    private TagSuggester() {
    }

    static List<String> tags(Draft draft, People people) {
        Set<String> tags = new LinkedHashSet<>();
        for (String key : new String[] {"metric", "topic"}) {
            Object value = draft.metadata().get(key);
            if (value instanceof String s && !s.isBlank() && s.split("\\s+").length <= 3) {
                tags.add(slug(s));
            }
        }
        for (Sentence s : draft.support()) {
            for (NounPhrases.Phrase p : NounPhrases.of(s, 2)) {
                String surface = s.text().substring(p.start(), p.end());
                boolean opening = p.start() <= LeadingLabel.read(s.text()).offset() && p.words() == 1;
                if (opening || p.proper() && people.isPerson(surface) || people.isPerson(surface.split(" ")[0])
                        && p.words() == 1) {
                    continue;
                }
                tags.add(p.slug());
            }
        }
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            if (out.size() == MAX_TAGS) {
                break;
            }
            if (t.length() > 2 && t.length() <= 40 && !t.matches(".*\\d.*")) {
                out.add(t);
            }
        }
        return out;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).strip().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    }
}
