package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.EntityType;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the graph provider keeps of a model's answer: only what the passage holds, in known types, with real dates. */
class OpenAiGraphReadTest {

    private static final String TEXT = "As of March 1, 2024 Alice Chen (AC) works at Globex. Bob left Initech.";
    private static final LocalDate DOCUMENT = LocalDate.of(2024, 1, 15);

    private static GraphAnswer.Entity entity(String name, String type, Integer at, String... aliases) {
        return new GraphAnswer.Entity(name, type, List.of(aliases), at);
    }

    private static GraphAnswer.Relationship fact(String source, String target, String type, String fact,
            String from, String to, Boolean negated) {
        return new GraphAnswer.Relationship(source, target, type, fact, from, to, negated, null);
    }

    @Test
    void entitiesTheTextDoesNotHoldOrOfUnknownOrMemoryTypesAreDropped() {
        var read = OpenAiGraphExtractor.read(TEXT, new GraphAnswer(List.of(
                entity("Alice Chen", "person", 5, "AC", "Ali"),
                entity("Globex", "organization", 999),
                entity("Ghost Person", "person", 0),
                entity("Initech", "planet", null),
                entity("works at Globex", "decision", null),
                entity("", "person", null)), List.of()), DOCUMENT);

        assertThat(read.graph().entities()).extracting(e -> e.type() + ":" + e.name())
                .containsExactly("PERSON:Alice Chen", "ORGANIZATION:Globex");
        var alice = read.graph().entities().get(0);
        assertThat(TEXT.substring(alice.start(), alice.end())).isEqualTo("Alice Chen");
        assertThat(alice.attributes()).containsEntry("aliases", List.of("AC"));
        var globex = read.graph().entities().get(1);
        assertThat(globex.start()).as("a wrong offset is found again").isEqualTo(TEXT.indexOf("Globex"));
        assertThat(read.dropped()).isEqualTo(4);
    }

    @Test
    void factsNeedKnownTypesListedEndsAndRealDatesAndHoldFromTheDocumentDateOtherwise() {
        var read = OpenAiGraphExtractor.read(TEXT, new GraphAnswer(List.of(
                entity("Alice Chen", "person", null, "AC"), entity("Globex", "organization", null),
                entity("Bob", "person", null), entity("Initech", "organization", null)), List.of(
                fact("AC", "Globex", "works_at", "As of March 1, 2024 Alice Chen (AC) works at Globex.", "2024-03-01",
                        null, false),
                fact("Bob", "Initech", "works_at", "Bob left Initech.", null, null, true),
                fact("Alice Chen", "Globex", "admires", "x", null, null, false),
                fact("Alice Chen", "Hooli", "works_at", "x", null, null, false),
                fact("Alice Chen", "Globex", "member_of", "x", "next spring", null, false),
                fact("Alice Chen", "Globex", "member_of", "x", "2024-03-01", "2023-01-01", false),
                fact("Alice Chen", "Globex", "assigned_to", "x", null, null, false))), DOCUMENT);

        List<RelationCandidate> facts = read.graph().relations();
        assertThat(facts).hasSize(2);
        RelationCandidate alice = facts.get(0);
        assertThat(alice.source()).as("an alias names its entity").isEqualTo("Alice Chen");
        assertThat(alice.sourceType()).isEqualTo(EntityType.PERSON);
        assertThat(alice.type()).isEqualTo(RelationType.WORKS_AT);
        assertThat(alice.validFrom()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(alice.confidence()).isEqualTo(OpenAiGraphExtractor.DATED_CONFIDENCE);
        assertThat(TEXT.substring(alice.start(), alice.end())).isEqualTo(alice.fact());
        RelationCandidate bob = facts.get(1);
        assertThat(bob.closes()).isTrue();
        assertThat(bob.validFrom()).isEqualTo(DOCUMENT);
        assertThat(bob.confidence()).isEqualTo(OpenAiGraphExtractor.CONFIDENCE);
        assertThat(read.dropped()).isEqualTo(5);
    }

    @Test
    void anAnswerWithoutItsListsIsAskedForAgain() {
        assertThat(OpenAiGraphExtractor.problem(new GraphAnswer(List.of(), null))).contains("both required");
        assertThat(OpenAiGraphExtractor.problem(null)).isNotNull();
        assertThat(OpenAiGraphExtractor.problem(new GraphAnswer(List.of(), List.of()))).isNull();
    }
}
