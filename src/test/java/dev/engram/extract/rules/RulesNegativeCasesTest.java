package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RulesNegativeCasesTest {

    private static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);
    private final RulesExtractor extractor = new RulesExtractor();

    private List<MemoryCandidate> all(String text) {
        return extractor.extract(text, Fixtures.all(MONDAY));
    }

    @Test
    void emptyAndWhitespaceTextYieldNothing() {
        assertThat(all("")).isEmpty();
        assertThat(all("   \n\t  \n")).isEmpty();
        assertThat(extractor.extract(null, Fixtures.all(MONDAY))).isEmpty();
    }

    @Test
    void plainNarrativeYieldsNoTasksOrDecisions() {
        List<MemoryCandidate> out = all(Fixtures.read("narrative.txt"));
        assertThat(Fixtures.ofType(out, MemoryType.TASK)).isEmpty();
        assertThat(Fixtures.ofType(out, MemoryType.DECISION)).isEmpty();
        assertThat(Fixtures.ofType(out, MemoryType.INSIGHT)).isEmpty();
    }

    @Test
    void theListOfWhoAttendedHoldsNoOutcome() {
        List<MemoryCandidate> out = all("""
                ## Attendees
                * Kate Stewart - to take notes
                * Gary O'Neall (decided to join late)
                * SC

                ## Discussion
                * Gary to send the policy proposals to the list.
                """);
        assertThat(Fixtures.contents(out, MemoryType.TASK))
                .containsExactly("Gary to send the policy proposals to the list.");
        assertThat(Fixtures.ofType(out, MemoryType.DECISION)).noneMatch(c -> c.content().contains("join late"));
    }

    @Test
    void anIssueTitledAsAProposalIsNoProposalPutToTheGroup() {
        List<MemoryCandidate> out = all("""
                ## Agenda
                * Other new issues
                   * [Issue 196](https://github.com/w3c/webextensions/issues/196): Proposal: onDoubleClicked for browserAction
                   * PR #201: Proposal: action.default_area=navbar

                ## Issue 196
                * PROPOSAL: support onDoubleClicked behind a manifest key
                """);
        assertThat(Fixtures.contents(out, MemoryType.DECISION))
                .noneMatch(c -> c.contains("browserAction") || c.contains("default_area"))
                .anyMatch(c -> c.contains("behind a manifest key"));
    }

    @Test
    void aWordOfRecordSaidInTheTalkIsTheSpeakersAccountNotTheOutcome() {
        List<MemoryCandidate> out = all("""
                ## Compact IRIs in the context
                * **Gregg Kellogg:** The CG decided to drop compact IRIs as terms two years back, and I think that was right.
                * **Pierre-Antoine Champin:** Implementers agreed that the algorithm gets simpler without them.
                * **Ivan Herman:** But the existing documents still use them, so I would keep them.
                * **Benjamin Young:** Then we keep them and note the cost.
                * Keep compact IRIs as terms and add a note on the cost for implementers.
                """);
        assertThat(Fixtures.contents(out, MemoryType.DECISION))
                .noneMatch(c -> c.contains("drop compact IRIs") || c.contains("algorithm gets simpler"))
                .anyMatch(c -> c.startsWith("Keep compact IRIs"));
    }

    @Test
    void aPromiseInTheFirstPersonIsTheSpeakersTaskNotADecision() {
        List<MemoryCandidate> out = all("""
                ## Type indexes
                * SC: The index needs a position first.
                * KK: Yes, and the primer should follow it.
                * GW: That works for me. I'll prepare a proposal on type indexes this week.
                * Grace will update the primer.
                """);
        assertThat(Fixtures.ofType(out, MemoryType.TASK))
                .anyMatch(c -> c.content().contains("prepare a proposal") && "GW".equals(c.metadata().get("assignee")));
        assertThat(Fixtures.contents(out, MemoryType.DECISION))
                .noneMatch(c -> c.contains("prepare a proposal"))
                .anyMatch(c -> c.contains("update the primer"));
    }

    @Test
    void aBotCommandIsNoOnesTask() {
        List<MemoryCandidate> out = all("""
                ## Uplift lints from clippy to rustc
                * @rfcbot fcp merge
                * @dependabot rebase
                * @nzakas update the release notes.
                """);
        assertThat(Fixtures.ofType(out, MemoryType.TASK)).extracting(c -> c.metadata().get("assignee"))
                .doesNotContain("rfcbot", "dependabot");
        assertThat(Fixtures.contents(out, MemoryType.TASK))
                .contains("@nzakas update the release notes.");
    }

    @Test
    void anActionItemsShapeIsATaskNotADecision() {
        List<MemoryCandidate> out = all("""
                ## Licenses
                * Policies for licenses within the namespace were discussed.
                * Kate to send the three policy proposals to the list.
                * Kate and Gary agreed to use the governance process.
                """);
        assertThat(Fixtures.ofType(out, MemoryType.TASK)).anyMatch(c -> c.content().startsWith("Kate to send"));
        assertThat(Fixtures.ofType(out, MemoryType.DECISION)).noneMatch(c -> c.content().startsWith("Kate to send"))
                .anyMatch(c -> c.content().contains("governance process"));

        Chunk chunk = RulesExtractor.read("""
                * Kate to send the three policy proposals to the list.
                * @nzakas and SC to review the RFC.
                * Kate and Gary agreed to use the governance process.
                * Policies to be discussed next week.
                """, Fixtures.all(MONDAY), SentenceTypeModel.shipped());
        List<Sentence> s = chunk.sentences();
        assertThat(DecisionRules.assignment(chunk, s.get(0))).isTrue();
        assertThat(DecisionRules.assignment(chunk, s.get(1))).isTrue();
        assertThat(DecisionRules.assignment(chunk, s.get(2))).isFalse();
        assertThat(DecisionRules.assignment(chunk, s.get(3))).isFalse();
    }

    @Test
    void questionsAreNotDecisions() {
        assertThat(all("Should we decide to migrate to Kafka in Q3?")).noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("Have we agreed on the vendor yet?")).noneMatch(c -> c.type() == MemoryType.DECISION);
    }

    @Test
    void negatedOrConditionalDecisionsAreNotDecisions() {
        assertThat(all("We did not decide on the pricing model.")).noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("We haven't agreed to the new SLA yet.")).noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("If we decide to expand, Maria will lead it.")).noneMatch(c -> c.type() == MemoryType.DECISION);
    }

    @Test
    void codeAndBareLinksAreNotDecisions() {
        List<MemoryCandidate> out = all("""
                ## Pattern bindings

                * [Tracking issue](https://github.com/rust-lang/rust/issues/64796)
                    * https://github.com/rust-lang/rfcs/pull/2522
                * Match ergonomics
                    * let foo = (&Some(String::new()), String::new()); match foo {
                * Aliases
                    * Has to do with the trait, which is used like this: trait StreamX { type Item
                * Option review
                    * 1A, 2A, 2B, 3A, 4A, 4B
                * We will land the patch with allow-by-default.
                """);
        assertThat(Fixtures.contents(out, MemoryType.DECISION))
                .noneMatch(c -> c.contains("https://") || c.contains("match foo") || c.contains("StreamX")
                        || c.contains("2B"))
                .anyMatch(c -> c.contains("allow-by-default"));
        assertThat(DecisionRules.notProse("1A, 2A, 2B, 3A")).isTrue();
        assertThat(DecisionRules.notProse("type Foo<K> = TypeThatRequiresOrd<K> // no error")).isTrue();
        assertThat(DecisionRules.notProse("Use .spdx3.json for JSON-LD filenames")).isFalse();
        assertThat(DecisionRules.notProse("Use Google Docs; Kate to share the link")).isFalse();
        assertThat(DecisionRules.notProse("We will use the [governance process](https://example.org/gov) here"))
                .isFalse();
    }

    @Test
    void aLineThatIsOnlyALinkIsWhatATopicIsAboutNotADecision() {
        assertThat(DecisionRules.linkOnly("[lang-team#82](https://github.com/rust-lang/lang-team/issues/82)")).isTrue();
        assertThat(DecisionRules.linkOnly("[**Arc::drop has a dangling shared ref #55005**](https://example.org/55005)."))
                .isTrue();
        assertThat(DecisionRules.linkOnly("[PR #175](https://example.org/175) approved")).isFalse();
        assertThat(DecisionRules.linkOnly("Merge [PR #175](https://example.org/175)")).isFalse();
        List<MemoryCandidate> out = all("""
                ## Pull requests

                * [Normative: Add calendar and numberingSystem options](https://github.com/tc39/ecma402/pull/175)
                    * Approved
                """);
        assertThat(Fixtures.contents(out, MemoryType.DECISION))
                .containsExactly("Normative: Add calendar and numberingSystem options: approved");
    }

    @Test
    void aDecisionRecalledFromAnEarlierMeetingIsNotThisMeetingsDecision() {
        assertThat(all("We had agreed to review team PRs one day a week.")).noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("Since then, we've decided to rewrite the core in a separate repo."))
                .noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("Last month we agreed that true and false map to auto."))
                .noneMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("I decided to wait until February to resolve the editorial issues."))
                .noneMatch(c -> c.type() == MemoryType.DECISION);
        // The same sentences, taken at this meeting, are decisions.
        assertThat(all("We agreed to review team PRs one day a week.")).anyMatch(c -> c.type() == MemoryType.DECISION);
        assertThat(all("We decided to rewrite the core in a separate repo."))
                .anyMatch(c -> c.type() == MemoryType.DECISION);
    }

    @Test
    void runningTheMeetingIsNeitherATaskNorADecision() {
        String notes = """
                ## Announcements
                * Join queue to talk.
                * Agreed to approve last meeting's minutes.
                * Sam to take the minutes.
                """;
        assertThat(all(notes)).noneMatch(c -> c.type() == MemoryType.DECISION || c.type() == MemoryType.TASK);
    }

    @Test
    void aListOfThingsToDoIsNotAPersonToDoThem() {
        assertThat(all("- items to discuss this meeting:\n- topics to cover next week\n"))
                .noneMatch(c -> c.type() == MemoryType.TASK);
        assertThat(all("- nikomatsakis to write up the proposal\n")).anyMatch(c -> c.type() == MemoryType.TASK
                && "nikomatsakis".equals(c.metadata().get("assignee")));
    }

    @Test
    void negatedPromiseIsNotATask() {
        assertThat(all("Sarah will not prepare the report this week.")).noneMatch(c -> c.type() == MemoryType.TASK);
    }

    @Test
    void onlyRequestedTypesAreReturned() {
        String text = Fixtures.read("planning-doc.md");
        List<MemoryCandidate> tasks = extractor.extract(text,
                new ExtractionContext(EnumSet.of(MemoryType.TASK), MONDAY, ZoneOffset.UTC));
        assertThat(tasks).isNotEmpty().allMatch(c -> c.type() == MemoryType.TASK);
        List<MemoryCandidate> decisionsAndDates = extractor.extract(text,
                new ExtractionContext(EnumSet.of(MemoryType.DECISION, MemoryType.DATE), MONDAY, ZoneOffset.UTC));
        assertThat(decisionsAndDates).isNotEmpty()
                .allMatch(c -> c.type() == MemoryType.DECISION || c.type() == MemoryType.DATE);
    }

    @Test
    void aSentenceNeverYieldsTwoStatementMemories() {
        List<MemoryCandidate> out = all("Action item: Sarah to send the contract by Friday.\n"
                + "TODO: Sarah to send the contract by Friday.");
        assertThat(Fixtures.ofType(out, MemoryType.TASK)).hasSize(1);
        assertThat(Fixtures.ofType(out, MemoryType.DATE)).isEmpty();
    }

    @Test
    void neutralBusinessNotesCarryNoSentiment() {
        assertThat(all(Fixtures.read("meeting-notes-bullets.md"))).noneMatch(c -> c.type() == MemoryType.SENTIMENT);
    }

    @Test
    void negationFlipsSentiment() {
        List<MemoryCandidate> out = all("The launch was not great. Honestly the rollout was frustrating and painful.");
        assertThat(Fixtures.ofType(out, MemoryType.SENTIMENT)).singleElement()
                .satisfies(s -> assertThat(s.metadata()).containsEntry("sentiment", "negative"));
    }

    @Test
    void largeInputFinishesWithBoundedOutput() {
        StringBuilder text = new StringBuilder();
        String[] fixtures = {"meeting-notes-bullets.md", "slack-export.txt", "weekly-status.txt", "planning-doc.md",
            "retro.md", "narrative.txt", "email-thread.txt"};
        for (int i = 0; text.length() < 50_000; i++) {
            text.append(Fixtures.read(fixtures[i % fixtures.length])).append("\n\n");
        }
        String input = text.substring(0, 50_000);
        List<MemoryCandidate> out = all(input);
        assertThat(out).hasSizeLessThanOrEqualTo(CandidateAssembler.MAX_CANDIDATES);
        assertThat(Fixtures.ofType(out, MemoryType.TOPIC)).hasSizeLessThanOrEqualTo(TopicRules.MAX_TOPICS);
        assertThat(Fixtures.ofType(out, MemoryType.SENTIMENT)).hasSizeLessThanOrEqualTo(1);
        assertThat(out).allSatisfy(c -> {
            assertThat(c.suggestedTags()).hasSizeLessThanOrEqualTo(5);
            assertThat(c.sourceEnd()).isLessThanOrEqualTo(input.length());
        });
    }

    @Test
    void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
        List<String> inputs = List.of(Fixtures.read("planning-doc.md"), Fixtures.read("slack-export.txt"),
                Fixtures.read("email-thread.txt"), Fixtures.read("weekly-status.txt"));
        List<List<MemoryCandidate>> expected = inputs.stream().map(this::all).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<MemoryCandidate>>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String input : inputs) {
                    futures.add(pool.submit(() -> all(input)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % inputs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
