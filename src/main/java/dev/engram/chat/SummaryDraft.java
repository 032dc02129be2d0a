package dev.engram.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A summary version's structure, as stored in {@code conversation_summaries.structured}; its text and title follow
 * from it.
 *
 * @param topics     what the conversation is about, most established first (at most 10)
 * @param decisions  decisions and commitments, each with the seq of the message that states it
 * @param questions  the user's questions, each with the first sentence of the twin's next reply
 * @param highlights the sentences nearest what the windows were about
 */
record SummaryDraft(List<String> topics, List<Line> decisions, List<Question> questions,
        List<Line> highlights) {

    static final int MAX_TOPICS = 10;
    private static final int MAX_TITLE = ChatRequests.MAX_TITLE;

    public SummaryDraft {
        topics = topics == null ? List.of() : List.copyOf(topics);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        questions = questions == null ? List.of() : List.copyOf(questions);
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    /** A line of the summary and the message it comes from. */
    public record Line(String text, int seq) {
    }

    /** A user question and the answer it got (null when the window has no reply to it). */
    public record Question(String question, String answer, int seq) {
    }

    /** The top three topics, or null when there are none. */
    public String title() {
        if (topics.isEmpty()) {
            return null;
        }
        String title = String.join(", ", topics.subList(0, Math.min(3, topics.size())));
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE);
    }

    /** The summary as text, one paragraph per part it has. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (!topics.isEmpty()) {
            out.append("Topics: ").append(String.join(", ", topics)).append(".\n");
        }
        if (!decisions.isEmpty()) {
            out.append("Decisions and commitments: ").append(decisions.stream().map(d -> sentence(d.text()))
                    .collect(Collectors.joining(" "))).append('\n');
        }
        if (!questions.isEmpty()) {
            out.append("Questions: ").append(questions.stream().map(q -> q.question()
                    + (q.answer() == null ? " (unanswered)" : " " + sentence(q.answer())))
                    .collect(Collectors.joining(" "))).append('\n');
        }
        if (!highlights.isEmpty()) {
            out.append("Highlights: ").append(highlights.stream().map(h -> sentence(h.text()))
                    .collect(Collectors.joining(" "))).append('\n');
        }
        String text = out.toString().strip();
        return text.isEmpty() ? "Nothing to summarize yet." : text;
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.isEmpty() || ".!?".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
    }
}
