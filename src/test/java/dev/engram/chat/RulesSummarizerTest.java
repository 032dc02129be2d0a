package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.rules.RulesExtractor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The offline summary provider on a window of chat, with a bag-of-words stand-in for the embedding model. */
class RulesSummarizerTest {

    private final RulesSummarizer summarizer = new RulesSummarizer(new RulesExtractor(),
            texts -> texts.stream().map(RulesSummarizerTest::bagOfWords).toList());

    @Test
    void windowGivesTopicsDecisionsAnsweredQuestionsAndThreeHighlights() {
        SummaryDraft draft = summarizer.summarize(new SummaryInput(null, List.of(
                user(1, "We need to plan the budget review for the marketing budget."),
                twin(2, "Sure. The budget review is usually in March."),
                user(3, "When is the budget review due?"),
                twin(4, "The budget review is due on March 3. I have put it in your calendar."),
                user(5, "We decided to cut the marketing budget by 10% in Q2."),
                user(6, "Sarah will send the budget draft by Friday."),
                twin(7, "Noted.")), null));

        assertThat(draft.topics()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(draft.topics()).anyMatch(t -> t.contains("budget"));
        assertThat(draft.title()).isNotBlank();
        assertThat(draft.decisions()).extracting(SummaryDraft.Line::seq).contains(5, 6);
        assertThat(draft.questions()).singleElement().isEqualTo(new SummaryDraft.Question(
                "When is the budget review due?", "The budget review is due on March 3.", 3));
        assertThat(draft.highlights()).hasSize(3);
        assertThat(draft.highlights()).doesNotContainAnyElementsOf(draft.decisions());
        assertThat(draft.text()).contains("Topics: ", "Decisions and commitments: ", "Questions: ", "Highlights: ");
    }

    @Test
    void nextVersionKeepsThePreviousAndMergesRepeatedLines() {
        SummaryDraft first = summarizer.summarize(new SummaryInput(null, List.of(
                user(1, "Sarah will send the budget draft by Friday."),
                user(2, "We decided to hold the offsite in Lisbon.")), null));
        SummaryDraft second = summarizer.summarize(new SummaryInput(first, List.of(
                user(3, "Sarah will send the budget draft by Friday."),
                user(4, "Can you book the flights to Lisbon?"),
                twin(5, "Booked for May 4.")), null));

        assertThat(second.decisions()).containsAll(first.decisions());
        assertThat(second.decisions()).extracting(SummaryDraft.Line::text)
                .filteredOn(t -> t.toLowerCase(Locale.ROOT).contains("budget draft")).hasSize(1);
        assertThat(second.questions()).extracting(SummaryDraft.Question::answer).containsExactly("Booked for May 4.");
        assertThat(second.topics()).startsWith(first.topics().toArray(String[]::new));
    }

    @Test
    void questionWithoutAReplyStaysUnanswered() {
        SummaryDraft draft = summarizer.summarize(new SummaryInput(null, List.of(
                user(1, "Where did I leave the Q3 roadmap?")), null));
        assertThat(draft.questions()).singleElement().satisfies(q -> assertThat(q.answer()).isNull());
        assertThat(draft.text()).contains("(unanswered)");
    }

    @Test
    void purgedMessagesAreSkippedAndAnEmptyWindowSaysSo() {
        SummaryDraft draft = summarizer.summarize(new SummaryInput(null, List.of(
                new ChatMessage(UUID.randomUUID(), 1, "user", null, null, null, null, "completed", null, null, null,
                        OffsetDateTime.now())), null));
        assertThat(draft.topics()).isEmpty();
        assertThat(draft.title()).isNull();
        assertThat(draft.text()).isEqualTo("Nothing to summarize yet.");
    }

    @Test
    void mergeKeepsTheNewestLinesWithinTheLimit() {
        List<SummaryDraft.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add(new SummaryDraft.Line("line " + i, i));
        }
        List<SummaryDraft.Line> merged = RulesSummarizer.merge(List.of(), lines, java.util.Map.of(),
                RulesSummarizer.MAX_LINES);
        assertThat(merged).hasSize(20);
        assertThat(merged.get(0).seq()).isEqualTo(6);
    }

    private static ChatMessage user(int seq, String content) {
        return message(seq, "user", content);
    }

    private static ChatMessage twin(int seq, String content) {
        return message(seq, "twin", content);
    }

    private static ChatMessage message(int seq, String role, String content) {
        return new ChatMessage(UUID.randomUUID(), seq, role, content, null, null, null, "completed", null, null, null,
                OffsetDateTime.parse("2024-01-15T09:00:00Z").plusMinutes(seq));
    }

    /** Words hashed into 256 buckets: sentences sharing words point the same way. */
    private static float[] bagOfWords(String text) {
        float[] v = new float[256];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), v.length)] += 1;
            }
        }
        return v;
    }
}
