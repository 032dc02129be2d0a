package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.RelationType;
import dev.engram.graph.Timeline.Closing;
import dev.engram.graph.Timeline.Edge;
import dev.engram.graph.Timeline.Fact;
import dev.engram.graph.Timeline.Outcome;
import dev.engram.graph.Timeline.Plan;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final UUID ACME = id(10);
    private static final UUID GLOBEX = id(11);
    private static final UUID INITECH = id(12);
    private static final LocalDate JAN_15 = LocalDate.of(2024, 1, 15);
    private static final LocalDate MAR_1 = LocalDate.of(2024, 3, 1);

    private static UUID id(long n) {
        return new UUID(0, n);
    }

    private static Edge open(long n, RelationType type, UUID target, LocalDate from) {
        return new Edge(id(n), target, type, from, null);
    }

    @Test
    void aNewEmployerClosesTheCurrentOneAtItsStart() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, JAN_15)),
                new Fact(RelationType.WORKS_AT, GLOBEX, MAR_1, null, false));
        assertThat(plan.outcome()).isEqualTo(Outcome.INSERT);
        assertThat(plan.close()).containsExactly(new Closing(id(1), MAR_1, true));
        assertThat(plan.validTo()).isNull();
    }

    @Test
    void anOlderFactArrivingLaterIsStoredClosedAtTheCurrentEdgesStart() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, JAN_15)),
                new Fact(RelationType.WORKS_AT, INITECH, LocalDate.of(2023, 1, 1), null, false));
        assertThat(plan.outcome()).isEqualTo(Outcome.INSERT);
        assertThat(plan.close()).isEmpty();
        assertThat(plan.validTo()).isEqualTo(JAN_15);
        assertThat(plan.supersededBy()).isEqualTo(id(1));
    }

    @Test
    void nonExclusiveTypesLiveSideBySide() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.MEMBER_OF, ACME, JAN_15)),
                new Fact(RelationType.MEMBER_OF, GLOBEX, MAR_1, null, false));
        assertThat(plan.outcome()).isEqualTo(Outcome.INSERT);
        assertThat(plan.close()).isEmpty();
        assertThat(plan.validTo()).isNull();
    }

    @Test
    void anotherTypeOnTheSameSourceIsNotSuperseded() {
        // "A administers Acme's GitHub org" must not end works_at(A, Acme).
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, JAN_15)),
                new Fact(RelationType.MANAGES, GLOBEX, MAR_1, null, false));
        assertThat(plan.close()).isEmpty();
    }

    @Test
    void theSameFactOverAnOverlappingPeriodIsOneEdge() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, JAN_15)),
                new Fact(RelationType.WORKS_AT, ACME, MAR_1, null, false));
        assertThat(plan.outcome()).isEqualTo(Outcome.MERGE);
        assertThat(plan.mergeInto()).isEqualTo(id(1));
    }

    @Test
    void theSameFactOverADisjointPeriodIsASecondEdge() {
        Edge before = new Edge(id(1), ACME, RelationType.WORKS_AT, LocalDate.of(2019, 1, 1), LocalDate.of(2020, 6, 1));
        Plan plan = Timeline.apply(List.of(before), new Fact(RelationType.WORKS_AT, ACME, MAR_1, null, false));
        assertThat(plan.outcome()).isEqualTo(Outcome.INSERT);
        assertThat(plan.close()).isEmpty();
    }

    @Test
    void leavingClosesOnlyTheMatchingOpenEdge() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, JAN_15),
                open(2, RelationType.MEMBER_OF, ACME, JAN_15)),
                new Fact(RelationType.WORKS_AT, ACME, MAR_1, null, true));
        assertThat(plan.outcome()).isEqualTo(Outcome.NONE);
        assertThat(plan.close()).containsExactly(new Closing(id(1), MAR_1, false));
    }

    @Test
    void leavingBeforeTheEdgeBeganClosesNothing() {
        Plan plan = Timeline.apply(List.of(open(1, RelationType.WORKS_AT, ACME, MAR_1)),
                new Fact(RelationType.WORKS_AT, ACME, JAN_15, null, true));
        assertThat(plan.close()).isEmpty();
    }
}
