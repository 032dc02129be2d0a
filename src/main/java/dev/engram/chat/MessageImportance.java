package dev.engram.chat;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How much a chat message is worth extracting from, between 0 and 1, offline and in microseconds. Greetings, thanks,
 * acknowledgements and emoji are worth nothing; anything else starts at 0.2 and gains for what memories are made of:
 * a first-person statement (+0.25), a decision, task or date cue (+0.2), a name or a number (+0.15) and some length
 * (+0.1 from eight words). A user message at or above {@code engram.chat.importance-threshold} (0.35) is extracted;
 * the rest still reach the conversation's summaries.
 */
final class MessageImportance {

    static final double BASE = 0.2;
    static final double FIRST_PERSON = 0.25;
    static final double CUE = 0.2;
    static final double NAME_OR_NUMBER = 0.15;
    static final double LENGTH = 0.1;
    static final int LONG_WORDS = 8;

    /** Words that, alone or together, make a message small talk. */
    private static final Set<String> SMALL_TALK = Set.of("hi", "hello", "hey", "heya", "yo", "morning", "good",
            "evening", "afternoon", "night", "thanks", "thank", "you", "thx", "ty", "cheers", "ok", "okay", "k", "kk",
            "sure", "yes", "yeah", "yep", "yup", "no", "nope", "nah", "cool", "great", "nice", "awesome", "perfect",
            "got", "it", "noted", "lol", "haha", "hahaha", "bye", "goodbye", "see", "ya", "later", "welcome", "np",
            "alright", "right", "fine", "sounds", "so", "much", "a", "lot", "all", "the", "best", "there", "again",
            "indeed", "agreed", "done", "gotcha", "understood", "wow", "oh", "ah", "hmm", "mhm", "uh", "um");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*");
    private static final Pattern STATEMENT_IN_FIRST_PERSON = Pattern.compile("(?i)(?:^|[.!;]\\s+)(?:i|i'm|i’m|i've|i’ve"
            + "|i'd|i’d|i'll|i’ll|my|we|we're|we’re|we've|we’ve|we'll|we’ll|our)\\b[^?]*(?:[.!]|$)");
    private static final Pattern CUE_WORDS = Pattern.compile("(?i)\\b(?:will|going to|need to|needs to|have to|has to"
            + "|must|should|todo|to-do|action item|remind me|deadline|due|decided|decide|agreed|approved|chose|choose"
            + "|settled on|going with|plan to|planning to|let's|lets|schedule|scheduled|meeting|appointment)\\b");
    private static final Pattern DATE_WORDS = Pattern.compile("(?i)\\b(?:today|tonight|tomorrow|yesterday|monday"
            + "|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|next week|next month|this week|eod|eow"
            + "|january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\\d{1,2}(?::\\d{2})?\\s?(?:am|pm)"
            + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d");
    /** A capitalised word that is not the first of its sentence nor the pronoun "I". */
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{L}\\p{N},:]\\s)(?!I\\b|I['’])\\p{Lu}\\p{Ll}+");

    private MessageImportance() {
    }

    /** The importance of {@code content}; null and blank text are worth nothing. */
    public static double score(String content) {
        if (content == null || content.isBlank()) {
            return 0;
        }
        String text = content.strip();
        var words = WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
        if (words.isEmpty() || words.stream().allMatch(w -> SMALL_TALK.contains(w.replace("’", "'")))) {
            return 0;
        }
        double score = BASE;
        if (STATEMENT_IN_FIRST_PERSON.matcher(text).find()) {
            score += FIRST_PERSON;
        }
        if (CUE_WORDS.matcher(text).find() || DATE_WORDS.matcher(text).find()) {
            score += CUE;
        }
        if (NUMBER.matcher(text).find() || NAME.matcher(text).find() || text.contains("@")) {
            score += NAME_OR_NUMBER;
        }
        if (words.size() >= LONG_WORDS) {
            score += LENGTH;
        }
        return Math.round(Math.min(1, score) * 100) / 100.0;
    }
}
