package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesExtractorAcceptanceTest {

    private static final String MEETING = "Meeting notes - Jan 15, 2024\nRevenue up 15% compared to last quarter. "
            + "Decided to expand to European market in Q2. John will lead the expansion. "
            + "Action item: Sarah to prepare market research by Feb 1.";

    private final RulesExtractor extractor = new RulesExtractor();
    private final List<MemoryCandidate> result = extractor.extract(MEETING,
            new ExtractionContext(EnumSet.allOf(MemoryType.class), null, ZoneOffset.UTC));

    @Test
    void providerIsNamedRules() {
        assertThat(extractor.name()).isEqualTo("rules");
    }

    @Test
    void revenueGrowthBecomesAnInsightWithMetricAndChange() {
        MemoryCandidate insight = Fixtures.find(result, MemoryType.INSIGHT, "revenue");
        assertThat(insight.metadata()).containsEntry("metric", "revenue").containsEntry("change", "+15%");
    }

    @Test
    void expansionBecomesADecisionLedByJohnInQ2() {
        MemoryCandidate decision = Fixtures.find(result, MemoryType.DECISION, "European market");
        assertThat(decision.metadata()).containsEntry("timeline", "Q2").containsEntry("lead", "John");
        assertThat(decision.suggestedTags()).contains("expansion");
    }

    @Test
    void actionItemBecomesATaskForSarahDueOnTheFirstOfFebruary() {
        MemoryCandidate task = Fixtures.find(result, MemoryType.TASK, "market research");
        assertThat(task.content()).isEqualTo("Sarah to prepare market research by Feb 1.");
        assertThat(task.metadata()).containsEntry("assignee", "Sarah").containsEntry("due_date", "2024-02-01");
        assertThat(task.suggestedTags()).contains("market-research");
    }

    @Test
    void leadSentenceFeedsTheDecisionInsteadOfBecomingATask() {
        assertThat(Fixtures.ofType(result, MemoryType.TASK)).hasSize(1);
        assertThat(Fixtures.any(result, MemoryType.TASK, "John will lead")).isFalse();
    }

    @Test
    void everyConfidenceLiesStrictlyBetweenZeroAndOne() {
        assertThat(result).isNotEmpty()
                .allSatisfy(c -> assertThat(c.confidence()).isGreaterThan(0.0).isLessThan(1.0));
    }

    @Test
    void offsetsPointAtTheSupportingText() {
        MemoryCandidate task = Fixtures.find(result, MemoryType.TASK, "market research");
        assertThat(MEETING.substring(task.sourceStart(), task.sourceEnd()))
                .isEqualTo("Sarah to prepare market research by Feb 1.");
    }

    @Test
    void standaloneLeadSentenceIsATaskForThatPerson() {
        List<MemoryCandidate> out = extractor.extract("Notes from Monday.\n\nJohn will lead the vendor review.",
                new ExtractionContext(EnumSet.of(MemoryType.TASK), java.time.LocalDate.of(2024, 1, 15), ZoneOffset.UTC));
        assertThat(out).singleElement().satisfies(t -> assertThat(t.metadata()).containsEntry("assignee", "John"));
    }

    @Test
    void anOwnerSetInEmphasisIsStillTheOwner() {
        List<MemoryCandidate> out = extractor.extract("## Next steps\n\n- **Elf Pavlik** will create a mailing list thread.\n",
                new ExtractionContext(EnumSet.of(MemoryType.TASK), java.time.LocalDate.of(2026, 8, 19), ZoneOffset.UTC));
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.content()).isEqualTo("Elf Pavlik will create a mailing list thread.");
            assertThat(t.metadata()).containsEntry("assignee", "Elf Pavlik");
        });
    }
}
