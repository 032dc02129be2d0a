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
 * @param prose      the provider's own account of the conversation (the {@code openai} provider), else null
 * @param name       the provider's own title for it, else null (the top three topics)
 */
record SummaryDraft(List<String> topics, List<Line> decisions, List<Question> questions,
        List<Line> highlights, String prose, String name) {

    static final int MAX_TOPICS = 10;
    private static final int MAX_TITLE = ChatRequests.MAX_TITLE;

    public SummaryDraft {
        topics = topics == null ? List.of() : List.copyOf(topics);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        questions = questions == null ? List.of() : List.copyOf(questions);
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
        prose = prose == null || prose.isBlank() ? null : prose.strip();
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** A summary of structure alone, as the extractive provider writes it. */
    public SummaryDraft(List<String> topics, List<Line> decisions, List<Question> questions, List<Line> highlights) {
        this(topics, decisions, questions, highlights, null, null);
    }

    /** A line of the summary and the message it comes from. */
    public record Line(String text, int seq) {
    }

    /** A user question and the answer it got (null when the window has no reply to it). */
    public record Question(String question, String answer, int seq) {
    }

    /** The provider's title, else the top three topics, or null when there are none. */
    public String title() {
        if (name != null) {
            return name.length() <= MAX_TITLE ? name : name.substring(0, MAX_TITLE);
        }
        if (topics.isEmpty()) {
            return null;
        }
        String title = String.join(", ", topics.subList(0, Math.min(3, topics.size())));
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE);
    }

    /** The summary as text: the provider's own account, else one paragraph per part it has. */
    public String text() {
        if (prose != null) {
            return prose;
        }
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
