package dev.engram.chat;

import java.util.List;

/**
 * What the {@code openai} summary provider answers, by JSON schema.
 *
 * @param summary   the conversation so far, at most {@value OpenAiSummarizer#MAX_SUMMARY} characters
 * @param title     a short title for the conversation
 * @param topics    what it is about, most established first
 * @param decisions decisions and commitments, each with the seq of the message that states it
 * @param questions the user's questions with the answers they got, each with the seq of the question
 */
public record SummaryAnswer(String summary, String title, List<String> topics, List<Decision> decisions,
        List<Question> questions) {

    /** A decision or commitment and the message that states it. */
    public record Decision(String text, Integer seq) {
    }

    /** A question, its answer (null when none came) and the seq of the question. */
    public record Question(String question, String answer, Integer seq) {
    }
}
