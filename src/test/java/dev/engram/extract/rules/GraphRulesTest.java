package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRulesTest {

    private final RulesExtractor extractor = new RulesExtractor();

    private GraphCandidates graph(String text, LocalDate reference) {
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), reference, ZoneOffset.UTC);
        List<MemoryCandidate> memories = extractor.extract(text, context);
        return extractor.graph(text, context, memories);
    }

    private static RelationCandidate relation(GraphCandidates g, RelationType type, String source) {
        return g.relations().stream().filter(r -> r.type() == type && r.source().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " from " + source + " in " + g.relations()));
    }

    private static boolean hasEntity(GraphCandidates g, EntityType type, String name) {
        return g.entities().stream().anyMatch(e -> e.type() == type && e.name().equals(name));
    }

    @Test
    void theReadmeMeetingYieldsLeadsAssignmentMeetingAndPlace() {
        GraphCandidates g = graph("Meeting notes - Jan 15, 2024\nDecided to expand to European market in Q2. John will "
                + "lead the expansion. Action item: Sarah to prepare market research by Feb 1. Alice Chen is the "
                + "product lead at Acme Corp.", null);
        RelationCandidate leads = relation(g, RelationType.LEADS, "John");
        assertThat(leads.targetType()).isEqualTo(EntityType.DECISION);
        assertThat(leads.target()).contains("European market");
        RelationCandidate decidedIn = relation(g, RelationType.DECIDED_IN, leads.target());
        assertThat(decidedIn.target()).isEqualTo("Meeting 2024-01-15");
        assertThat(decidedIn.targetType()).isEqualTo(EntityType.EVENT);
        RelationCandidate about = relation(g, RelationType.ABOUT, leads.target());
        assertThat(about.target()).isEqualTo("Europe");
        assertThat(about.targetType()).isEqualTo(EntityType.PLACE);

        RelationCandidate assigned = g.relations().stream().filter(r -> r.type() == RelationType.ASSIGNED_TO)
                .findFirst().orElseThrow();
        assertThat(assigned.sourceType()).isEqualTo(EntityType.TASK);
        assertThat(assigned.target()).isEqualTo("Sarah");
        EntityCandidate task = g.entities().stream().filter(e -> e.type() == EntityType.TASK).findFirst().orElseThrow();
        assertThat(task.attributes()).containsEntry("due", "2024-02-01");

        RelationCandidate works = relation(g, RelationType.WORKS_AT, "Alice Chen");
        assertThat(works.target()).isEqualTo("Acme Corp");
        assertThat(works.targetType()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(works.attributes()).containsEntry("role", "product lead");
        assertThat(works.validFrom()).isEqualTo(LocalDate.of(2024, 1, 15));
    }

    @Test
    void aDateInTheSentenceIsWhenTheFactStarts() {
        GraphCandidates g = graph("As of March 1, 2024 Alice Chen works at Globex.", LocalDate.of(2024, 5, 2));
        RelationCandidate works = relation(g, RelationType.WORKS_AT, "Alice Chen");
        assertThat(works.target()).isEqualTo("Globex");
        assertThat(works.validFrom()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(works.confidence()).isEqualTo(0.9);
        assertThat(works.closes()).isFalse();
    }

    @Test
    void withoutADateTheDocumentsDateIsWhenTheFactStarts() {
        GraphCandidates g = graph("Alice works at Acme Corp as a Senior Engineer.", LocalDate.of(2024, 5, 2));
        RelationCandidate works = relation(g, RelationType.WORKS_AT, "Alice");
        assertThat(works.target()).isEqualTo("Acme Corp");
        assertThat(works.attributes()).containsEntry("role", "Senior Engineer");
        assertThat(works.validFrom()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(works.confidence()).isEqualTo(0.7);
    }

    @Test
    void leavingEndsTheFact() {
        GraphCandidates g = graph("Bob left Initech in June 2023. Maria no longer works at Globex.",
                LocalDate.of(2024, 1, 1));
        RelationCandidate bob = relation(g, RelationType.WORKS_AT, "Bob");
        assertThat(bob.closes()).isTrue();
        assertThat(bob.target()).isEqualTo("Initech");
        assertThat(relation(g, RelationType.WORKS_AT, "Maria").closes()).isTrue();
    }

    @Test
    void administeringAnOrgsAccountIsNotWorkingThere() {
        GraphCandidates g = graph("Alice administers Acme's GitHub org.", LocalDate.of(2024, 1, 1));
        assertThat(g.relations()).noneMatch(r -> r.type() == RelationType.WORKS_AT);
    }

    @Test
    void reportingManagingPlacesAndMembership() {
        GraphCandidates g = graph("""
                Priya reports to David.
                David manages the platform team.
                Globex is headquartered in Berlin.
                Tom moved to Lisbon in March 2022.
                Sarah is a member of the Apache Software Foundation.
                """, LocalDate.of(2024, 1, 1));
        assertThat(relation(g, RelationType.REPORTS_TO, "Priya").target()).isEqualTo("David");
        RelationCandidate manages = relation(g, RelationType.MANAGES, "David");
        assertThat(manages.target()).isEqualTo("platform team");
        assertThat(manages.targetType()).isEqualTo(EntityType.ORGANIZATION);
        RelationCandidate located = relation(g, RelationType.LOCATED_IN, "Globex");
        assertThat(located.target()).isEqualTo("Berlin");
        RelationCandidate lives = relation(g, RelationType.LIVES_IN, "Tom");
        assertThat(lives.target()).isEqualTo("Lisbon");
        assertThat(lives.validFrom()).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(relation(g, RelationType.MEMBER_OF, "Sarah").target()).isEqualTo("Apache Software Foundation");
    }

    @Test
    void placesProjectsAndProductsAreEntities() {
        GraphCandidates g = graph("Project Phoenix ships the Engram app to customers in Japan and Europe.",
                LocalDate.of(2024, 1, 1));
        assertThat(hasEntity(g, EntityType.PROJECT, "Project Phoenix")).isTrue();
        assertThat(hasEntity(g, EntityType.PRODUCT, "Engram app")).isTrue();
        assertThat(hasEntity(g, EntityType.PLACE, "Japan")).isTrue();
        assertThat(hasEntity(g, EntityType.PLACE, "Europe")).isTrue();
    }

    @Test
    void aContactCardIsAPersonWithDetailsWorkingAtItsOrganisation() {
        GraphCandidates g = graph("Contact: Jane Doe, VP Sales at Initech, jane.doe@initech.example, +1 415 555 0100",
                LocalDate.of(2024, 1, 1));
        EntityCandidate jane = g.entities().stream().filter(e -> e.type() == EntityType.PERSON
                && e.name().equals("Jane Doe")).findFirst().orElseThrow(() -> new AssertionError(g.entities()));
        assertThat(jane.attributes()).containsEntry("email", "jane.doe@initech.example");
    }

    @Test
    void plainProseYieldsNoRelationships() {
        GraphCandidates g = graph("The weather was fine and the coffee was good. We talked about nothing much.",
                LocalDate.of(2024, 1, 1));
        assertThat(g.relations()).isEmpty();
    }
}
