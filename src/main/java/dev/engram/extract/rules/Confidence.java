package dev.engram.extract.rules;

import java.util.regex.Pattern;

/**
 * How sure a rule is, on one scale shared by every rule so reviewers can sort and auto-save can use a threshold.
 *
 * <table>
 * <caption>Base scores by cue</caption>
 * <tr><td>0.90</td><td>{@link #LABEL}: the writer labelled it — "Action item:", "ACTION:", "TODO", "- [ ]",
 * "Decision:", "Key insight:", or a list item under an "Action items" / "Decisions" heading (0.85)</td></tr>
 * <tr><td>0.85</td><td>{@link #EXPLICIT}: a verb of record — "we agreed", "we decided", "decided to", "assigned to
 * X"</td></tr>
 * <tr><td>0.75</td><td>{@link #STRUCTURED}: an assignment or measurement shape — "X to &lt;verb&gt;", "@handle
 * &lt;verb&gt;", "revenue up 15%", a signature with name, title and email</td></tr>
 * <tr><td>0.65</td><td>{@link #COMMITMENT}: a promise — "X will &lt;verb&gt;", "I'll &lt;verb&gt;" from a chat speaker,
 * "going with", "approved"</td></tr>
 * <tr><td>0.55</td><td>{@link #SOFT}: a soft cue — "we need to", "should", "please", a qualitative finding</td></tr>
 * </table>
 *
 * <p>Adjustments: +0.03 each for a named assignee and a resolved due date on cues below {@link #LABEL} (the details
 * make a weak cue likelier to be a real task), −0.10 for hedging ("maybe", "might", "I think", "tentatively").
 * Scores stay within [{@link #FLOOR}, {@link #CEILING}]: never 1.0, since a rule can always be fooled by quoting,
 * sarcasm or reported speech.
 */
final class Confidence {

    static final double LABEL = 0.90;
    static final double SECTION = 0.85;
    static final double EXPLICIT = 0.85;
    static final double STRUCTURED = 0.75;
    static final double COMMITMENT = 0.65;
    static final double SOFT = 0.55;
    static final double FLOOR = 0.30;
    static final double CEILING = 0.95;

    private static final double DETAIL_BONUS = 0.03;
    private static final double HEDGE_PENALTY = 0.10;
    private static final Pattern HEDGE = Pattern.compile(
            "(?i)\\b(?:maybe|perhaps|might|possibly|probably|tentative(?:ly)?|i think|not sure|if possible|ideally)\\b");

    private Confidence() {
    }

    /** The base score adjusted for details found and hedging in {@code text}. */
    static double of(double base, String text, boolean hasAssignee, boolean hasDate) {
        double score = base;
        if (base < LABEL) {
            score += (hasAssignee ? DETAIL_BONUS : 0) + (hasDate ? DETAIL_BONUS : 0);
        }
        if (HEDGE.matcher(text).find()) {
            score -= HEDGE_PENALTY;
        }
        return clamp(score);
    }

    /**
     * The base score of a sentence the sentence-type model kept: 0.5 at a probability of 0, rising to 0.9 at 1, so a
     * sentence the model is sure of ranks with a labelled one and a borderline one with a soft cue.
     */
    static double fromProbability(double p) {
        return 0.5 + 0.4 * p;
    }

    /** {@code score} kept inside the scale and rounded to two decimals. */
    static double clamp(double score) {
        double bounded = Math.max(FLOOR, Math.min(CEILING, score));
        return Math.round(bounded * 100) / 100.0;
    }
}
