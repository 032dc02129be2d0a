package dev.engram.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the openai insight reader keeps of a model's answer. */
class OpenAiTraitReaderTest {

    private static final UserStatement SAID = new UserStatement(UUID.randomUUID(), UUID.randomUUID(), 3,
            "For the record, I prefer meetings before 10am.", OffsetDateTime.now());

    private static InsightAnswer.Item item(String trait, String category, String subcategory, Double confidence,
            String quote, String messageId) {
        return new InsightAnswer.Item(trait, category, subcategory, confidence, quote, messageId);
    }

    @Test
    void aTraitIsKeptOnlyWhenItsMessageSaysItVerbatim() {
        String id = SAID.messageId().toString();
        List<TraitReader.Found> kept = OpenAiTraitReader.kept(new InsightAnswer(List.of(
                item("meetings before 10am", "preference", "scheduling", 0.9, "I prefer meetings before 10am", id),
                item("long lunches", "preference", "food", 0.9, "You prefer long lunches.", id),
                item("meetings before 10am", "preference", "scheduling", 0.9, "I prefer meetings before 10am",
                        UUID.randomUUID().toString()),
                item("meetings", "preference", "scheduling", 0.5, "I prefer meetings", id),
                item("meetings", "hobby", "scheduling", 0.9, "I prefer meetings", id),
                item(" ", "preference", "scheduling", 0.9, "I prefer meetings", id))), List.of(SAID));

        assertThat(kept).singleElement().satisfies(f -> {
            assertThat(f.from()).isEqualTo(SAID);
            assertThat(f.trait().trait()).isEqualTo("meetings before 10am");
            assertThat(f.trait().traitKey()).isEqualTo(TraitRules.key("meetings before 10am"));
            assertThat(f.trait().confidence()).isEqualTo(TraitRules.SURE);
        });
    }

    @Test
    void anUnknownSubcategoryIsReadFromTheTraitAndNoInsightsIsNoTrait() {
        String id = SAID.messageId().toString();
        List<TraitReader.Found> kept = OpenAiTraitReader.kept(new InsightAnswer(List.of(
                item("meetings before 10am", "Preference", "calendar", 0.7, "I prefer meetings before 10am", id))),
                List.of(SAID));
        assertThat(kept).singleElement().satisfies(f -> {
            assertThat(f.trait().category()).isEqualTo("preference");
            assertThat(f.trait().subcategory()).isEqualTo(TraitRules.subcategory("meetings before 10am"));
            assertThat(f.trait().confidence()).isEqualTo(0.7);
        });
        assertThat(OpenAiTraitReader.kept(new InsightAnswer(null), List.of(SAID))).isEmpty();
    }
}
