package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the openai summarizer keeps of a model's answer. */
class OpenAiSummarizerTest {

    @Test
    void anAnswerNeedsASummaryOfAtMostTwelveHundredCharacters() {
        assertThat(OpenAiSummarizer.problem(new SummaryAnswer(null, "t", null, null, null)))
                .isEqualTo("summary is missing or empty");
        assertThat(OpenAiSummarizer.problem(new SummaryAnswer("  ", "t", null, null, null)))
                .isEqualTo("summary is missing or empty");
        assertThat(OpenAiSummarizer.problem(new SummaryAnswer("x".repeat(1201), "t", null, null, null)))
                .isEqualTo("summary has 1201 characters; at most 1200 are allowed");
        assertThat(OpenAiSummarizer.problem(new SummaryAnswer("x".repeat(1200), null, null, null, null))).isNull();
    }

    @Test
    void itemsCitingAMessageOutsideTheWindowOrNoneAreDropped() {
        SummaryAnswer answer = new SummaryAnswer(" Budget talk. ", "Budget", List.of("budget", " ", "budget", "travel"),
                List.of(new SummaryAnswer.Decision("Sarah sends the draft", 21),
                        new SummaryAnswer.Decision("Something from before", 20),
                        new SummaryAnswer.Decision("No seq at all", null),
                        new SummaryAnswer.Decision(" ", 22)),
                List.of(new SummaryAnswer.Question("When is the review?", "Monday.", 23),
                        new SummaryAnswer.Question("Invented?", "Yes.", 41)));

        SummaryDraft draft = OpenAiSummarizer.draft(answer, 21, 40);

        assertThat(draft.topics()).containsExactly("budget", "travel");
        assertThat(draft.decisions()).containsExactly(new SummaryDraft.Line("Sarah sends the draft", 21));
        assertThat(draft.questions()).containsExactly(new SummaryDraft.Question("When is the review?", "Monday.", 23));
        assertThat(draft.text()).isEqualTo("Budget talk.");
        assertThat(draft.title()).isEqualTo("Budget");
    }

    @Test
    void withoutItsOwnTitleAndProseAVersionReadsFromItsStructure() {
        SummaryDraft draft = new SummaryDraft(List.of("budget", "travel"), List.of(), List.of(), List.of());
        assertThat(draft.title()).isEqualTo("budget, travel");
        assertThat(draft.text()).isEqualTo("Topics: budget, travel.");
    }
}
