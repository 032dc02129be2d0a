package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunk's overall sentiment, at most one memory, and only when the text carries clear feeling: at least
 * {@value #MIN_HITS} polar words and a clear lean (or strong words on both sides, "mixed"). Neutral business notes
 * yield nothing.
 *
 * <p>Scoring: each polar word counts its lexicon weight, ×1.5 after an intensifier, flipped and halved after a
 * negator within the three words before it ("not great" is mildly negative). The chunk score is (pos − neg) / (pos +
 * neg), in −1..1; |score| ≥ {@value #LEAN} reads positive or negative, otherwise, with weight on both sides, mixed.
 */
final class SentimentRules implements Rule {

    static final int MIN_HITS = 2;
    static final double LEAN = 0.35;
    static final double MIN_WEIGHT = 1.2;
    private static final int NEGATION_WINDOW = 3;

    @Override
    public MemoryType type() {
        return MemoryType.SENTIMENT;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        double pos = 0;
        double neg = 0;
        int hits = 0;
        Sentence bestPos = null;
        Sentence bestNeg = null;
        double bestPosScore = 0;
        double bestNegScore = 0;
        for (Sentence s : chunk.sentences()) {
            double sp = 0;
            double sn = 0;
            for (int i = 0; i < s.tokenCount(); i++) {
                double p = SentimentLexicon.polarity(s.token(i));
                if (p == 0) {
                    continue;
                }
                if (i > 0 && SentimentLexicon.intensifies(s.token(i - 1))) {
                    p *= 1.5;
                }
                if (negated(s, i)) {
                    p = -p / 2;
                }
                hits++;
                if (p > 0) {
                    sp += p;
                } else {
                    sn -= p;
                }
            }
            pos += sp;
            neg += sn;
            if (sp - sn > bestPosScore) {
                bestPosScore = sp - sn;
                bestPos = s;
            }
            if (sn - sp > bestNegScore) {
                bestNegScore = sn - sp;
                bestNeg = s;
            }
        }
        if (hits < MIN_HITS || pos + neg < MIN_WEIGHT) {
            return List.of();
        }
        double score = (pos - neg) / (pos + neg);
        String label;
        List<Sentence> support = new ArrayList<>();
        if (score >= LEAN && bestPos != null) {
            label = "positive";
            support.add(bestPos);
        } else if (score <= -LEAN && bestNeg != null) {
            label = "negative";
            support.add(bestNeg);
        } else if (pos >= 1.0 && neg >= 1.0 && bestPos != null && bestNeg != null) {
            label = "mixed";
            support.add(bestPos.index() < bestNeg.index() ? bestPos : bestNeg);
            support.add(bestPos.index() < bestNeg.index() ? bestNeg : bestPos);
        } else {
            return List.of();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sentiment", label);
        meta.put("score", Math.round(score * 100) / 100.0);
        StringBuilder content = new StringBuilder();
        for (Sentence s : support) {
            content.append(content.isEmpty() ? "" : " ").append(Draft.tidy(LeadingLabel.strip(s.text())));
        }
        double confidence = Confidence.clamp(label.equals("mixed") ? Confidence.SOFT + 0.05
                : Confidence.SOFT + 0.05 * Math.min(6, hits - 1));
        Sentence first = support.get(0);
        Sentence last = support.get(support.size() - 1);
        return List.of(new Draft(MemoryType.SENTIMENT, content.toString(), confidence, meta, first.start(), last.end(), -1,
                support));
    }

    private static boolean negated(Sentence s, int i) {
        for (int j = Math.max(0, i - NEGATION_WINDOW); j < i; j++) {
            if (SentimentLexicon.negates(s.token(j))) {
                return true;
            }
        }
        return false;
    }
}
