package dev.engram.extract.rules;

import java.util.regex.Pattern;

/**
 * The running of a meeting rather than its outcome: the speaking queue ("Join queue to talk."), the scribe, approving
 * the previous minutes, adjourning. Minutes templates repeat these lines in every document; they are never a task or a
 * decision of their own.
 */
final class MeetingProcedure {

    private static final Pattern PROCEDURE = Pattern.compile("(?i)\\b(?:(?:join|get in|add yourself to|in)(?: the)?"
            + " (?:speaker )?queue|queue (?:in|up)\\b|q\\+|scrib(?:e|es|ing)\\b|minute[- ]?taker|take (?:the )?(?:minutes"
            + "|notes)\\b|(?:approve|approved|approval of|review) (?:the |last (?:week|meeting)'s |previous )?minutes"
            + "|minutes (?:are|were|approved|accepted)|meeting (?:is )?adjourned|adjourn)");

    private MeetingProcedure() {
    }

    /** Whether {@code text} is about running the meeting. */
    static boolean is(String text) {
        return PROCEDURE.matcher(text).find();
    }
}
