package dev.engram.extract.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small polarity lexicon for work writing (retros, chats, status notes), with negators and intensifiers.
 * Business words that merely describe movement ("up", "growth", "lower") are deliberately absent: a metric going up
 * is an insight, not a feeling.
 */
final class SentimentLexicon {

    private static final Map<String, Double> POLARITY = new HashMap<>();
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "n't", "hardly", "barely", "without",
            "nothing", "neither", "nor", "isn't", "wasn't", "aren't", "weren't", "don't", "didn't", "doesn't", "won't",
            "cannot", "can't");
    private static final Set<String> INTENSIFIERS = Set.of("very", "really", "so", "extremely", "super", "incredibly",
            "totally", "absolutely", "quite", "truly", "especially");

    static {
        words(1.0, "great excellent amazing awesome fantastic love loved loving wonderful outstanding brilliant "
                + "thrilled delighted proud superb");
        words(0.6, "good nice happy glad smooth smoothly enjoyed enjoy pleased helpful solid impressive win wins "
                + "success successful celebrate celebrated appreciate appreciated grateful kudos excited "
                + "exciting productive effective efficient reliable stable fun easy improved improvement "
                + "praise praised positive confident energized motivated well");
        words(-1.0, "terrible awful horrible hate hated disaster disastrous nightmare furious miserable worst "
                + "unacceptable broken painful exhausting exhausted burnout burned");
        words(-0.6, "bad poor frustrated frustrating frustration annoying annoyed disappointed disappointing "
                + "confusing confused stressful stressed worried worry concerned concern concerns slow blocked "
                + "blocker blockers struggle struggled struggling chaotic chaos messy late delayed delay delays "
                + "unhappy upset angry sad tired overwhelmed difficult hard problem problems failed failure failing "
                + "fail flaky unclear negative complaint complaints complained tension rough rushed regret");
    }

    private SentimentLexicon() {
    }

    private static void words(double polarity, String list) {
        for (String w : list.split("\\s+")) {
            POLARITY.put(w, polarity);
        }
    }

    /** The polarity of {@code word} in -1..1, 0 when it carries none. */
    static double polarity(String word) {
        return POLARITY.getOrDefault(word.toLowerCase(Locale.ROOT), 0.0);
    }

    static boolean negates(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return NEGATORS.contains(w) || w.endsWith("n't");
    }

    static boolean intensifies(String word) {
        return INTENSIFIERS.contains(word.toLowerCase(Locale.ROOT));
    }
}
