package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes a model's answer acceptable. */
class AnswerValidatorTest {

    private static final String TEXT = "Decided to expand to Europe in Q2. Sarah to prepare research by Feb 1.";
    private static final ExtractionContext TASKS_AND_DECISIONS = new ExtractionContext(
            EnumSet.of(MemoryType.TASK, MemoryType.DECISION), LocalDate.of(2024, 1, 15), ZoneId.of("UTC"));

    @Test
    void validItemsBecomeCandidatesWithMetadataAndTheirPlaceInTheText() {
        var verdict = AnswerValidator.check(answer(item("Sarah prepares research", "task", 0.9, "2024-02-01",
                "Sarah to prepare research by Feb 1")), TEXT, TASKS_AND_DECISIONS);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.candidates()).singleElement().satisfies(c -> {
            assertThat(c.metadata()).containsEntry("due_date", "2024-02-01");
            assertThat(TEXT.substring(c.sourceStart(), c.sourceEnd())).isEqualTo("Sarah to prepare research by Feb 1");
        });
    }

    @Test
    void knownTypeThatWasNotRequestedIsDroppedNotRefused() {
        var verdict = AnswerValidator.check(answer(item("Mood is good", "sentiment", 0.5, null, null)), TEXT,
                TASKS_AND_DECISIONS);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.candidates()).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        var verdict = AnswerValidator.check(answer(item(" ", "gossip", 1.5, "Feb 1", null)), TEXT,
                TASKS_AND_DECISIONS);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("type 'gossip'").contains("content is empty").contains("1.5")
                .contains("deadline 'Feb 1'");
    }

    @Test
    void missingListIsInvalid() {
        assertThat(AnswerValidator.check(new ExtractionAnswer(null), TEXT, TASKS_AND_DECISIONS).valid()).isFalse();
        assertThat(AnswerValidator.check(null, TEXT, TASKS_AND_DECISIONS).valid()).isFalse();
    }

    private static ExtractionAnswer answer(ExtractedItem... items) {
        return new ExtractionAnswer(List.of(items));
    }

    private static ExtractedItem item(String content, String type, Double confidence, String deadline,
            String evidence) {
        return new ExtractedItem(content, type, confidence, null, deadline, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, List.of("Research"), evidence);
    }
}
