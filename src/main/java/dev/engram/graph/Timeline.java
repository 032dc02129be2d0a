package dev.engram.graph;

import dev.engram.extract.RelationType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The graph's time rules, as a pure function from the edges a source already has to what a new fact does to them.
 * Validity is world time: {@code [validFrom, validTo)}, an open end for a fact that still holds.
 *
 * <ul>
 * <li>The same (source, type, target) over an overlapping period is one edge with more evidence; over a disjoint
 * period it is a second edge ("worked at Acme 2019-2020, and again since 2023").</li>
 * <li>Only an exclusive type on the same source supersedes: {@code works_at(A, Globex)} from 2024-03-01 closes
 * {@code works_at(A, Acme)} at 2024-03-01. A fact older than the edge that holds now arrives closed at that edge's
 * start. {@code member_of}, {@code knows} and the other non-exclusive types never close each other.</li>
 * <li>A fact that ends an edge ("Alice left Acme") closes the matching open edge and adds none.</li>
 * </ul>
 * Nothing is deleted: a closed edge keeps its validity and names the edge that superseded it.
 */
final class Timeline {

    private Timeline() {
    }

    /** An edge of the source as the rules need it; {@code validTo} null while it holds. */
    public record Edge(UUID id, UUID target, RelationType type, LocalDate validFrom, LocalDate validTo) {

        boolean open() {
            return validTo == null;
        }

        boolean overlaps(LocalDate from, LocalDate to) {
            return (validTo == null || from.isBefore(validTo)) && (to == null || validFrom == null || validFrom.isBefore(to));
        }
    }

    /** A fact about the source, its start resolved (a date in the sentence, else the document's, else today). */
    public record Fact(RelationType type, UUID target, LocalDate validFrom, LocalDate validTo, boolean closes) {

        public Fact {
            Objects.requireNonNull(validFrom, "validFrom");
        }
    }

    /** What to do: close these edges, then add the fact as a new edge, fold it into one, or do nothing. */
    public record Plan(List<Closing> close, Outcome outcome, UUID mergeInto, LocalDate validTo, UUID supersededBy) {
    }

    /**
     * An existing edge to close at {@code at}; {@code byNewEdge} when the edge the plan adds supersedes it (its id is
     * known only once inserted), false when a closing fact ends it.
     */
    public record Closing(UUID edgeId, LocalDate at, boolean byNewEdge) {
    }

    /** What becomes of the fact itself. */
    public enum Outcome {
        /** Insert it as an edge ({@link Plan#validTo()} and {@link Plan#supersededBy()} as given). */
        INSERT,
        /** Add its evidence to the edge {@link Plan#mergeInto()}. */
        MERGE,
        /** A closing fact: nothing to insert. */
        NONE
    }

    /** The plan for {@code fact} given every edge of its source (open and closed, all types). */
    public static Plan apply(List<Edge> edges, Fact fact) {
        LocalDate from = fact.validFrom();
        if (fact.closes()) {
            List<Closing> close = new ArrayList<>();
            for (Edge e : edges) {
                if (e.type() == fact.type() && e.target().equals(fact.target()) && e.open()
                        && (e.validFrom() == null || !from.isBefore(e.validFrom()))) {
                    close.add(new Closing(e.id(), from, false));
                }
            }
            return new Plan(close, Outcome.NONE, null, null, null);
        }
        for (Edge e : edges) {
            if (e.type() == fact.type() && e.target().equals(fact.target()) && e.overlaps(from, fact.validTo())) {
                return new Plan(List.of(), Outcome.MERGE, e.id(), null, null);
            }
        }
        if (!fact.type().exclusive()) {
            return new Plan(List.of(), Outcome.INSERT, null, fact.validTo(), null);
        }
        List<Closing> close = new ArrayList<>();
        LocalDate validTo = fact.validTo();
        UUID supersededBy = null;
        for (Edge e : edges) {
            if (e.type() != fact.type() || e.target().equals(fact.target()) || !e.open()) {
                continue;
            }
            if (e.validFrom() == null || !from.isBefore(e.validFrom())) {
                close.add(new Closing(e.id(), from, true));
            } else if (validTo == null || validTo.isAfter(e.validFrom())) {
                // Older than what holds now: true until the current edge began.
                validTo = e.validFrom();
                supersededBy = e.id();
            }
        }
        return new Plan(close, Outcome.INSERT, null, validTo, supersededBy);
    }
}
