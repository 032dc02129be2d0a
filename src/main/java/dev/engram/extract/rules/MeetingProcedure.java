package dev.engram.extract.rules;

import java.util.regex.Pattern;

/**
 * The running of a meeting rather than its outcome: the speaking queue ("Join queue to talk."), the scribe, approving
 * the previous minutes, adjourning. Minutes templates repeat these lines in every document; they are never a task or a
 * decision of their own; nor is a line of the list of who attended.
 */
final class MeetingProcedure {

    private static final Pattern PROCEDURE = Pattern.compile("(?i)\\b(?:(?:join|get in|add yourself to|in)(?: the)?"
            + " (?:speaker )?queue|queue (?:in|up)\\b|q\\+|scrib(?:e|es|ing)\\b|minute[- ]?taker|take (?:the )?(?:minutes"
            + "|notes)\\b|(?:approve|approved|approval of|review) (?:the |last (?:week|meeting)'s |previous )?minutes"
            + "|minutes (?:are|were|approved|accepted)|meeting (?:is )?adjourned|adjourn)");

    /** A section that lists who was there: its lines are names, never an outcome. */
    private static final Pattern ROLL = Pattern.compile("(?i)^\\W*(?:attendees|attendance|attending|present|participants"
            + "|roll ?call|in attendance|(?:people|members) present|guests|regrets|apologies|absent)\\W*$");

    private MeetingProcedure() {
    }

    /** Whether {@code s} stands in a list of who attended ("## Attendees"). */
    static boolean rollCall(Sentence s) {
        var path = s.place().headingPath();
        return !path.isEmpty() && ROLL.matcher(path.get(path.size() - 1)).matches();
    }

    /** Whether {@code text} is about running the meeting. */
    static boolean is(String text) {
        return PROCEDURE.matcher(text).find();
    }
}
