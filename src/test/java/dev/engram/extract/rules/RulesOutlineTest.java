package dev.engram.extract.rules;

import static dev.engram.extract.rules.Fixtures.any;
import static dev.engram.extract.rules.Fixtures.find;
import static dev.engram.extract.rules.Fixtures.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes of real minutes that a sentence alone does not explain: verdicts nested under the item they answer,
 * status tables, headings as context, and the ways scribes name owners. Each case is paraphrased from public minutes
 * where the extractor used to miss or mangle it.
 */
class RulesOutlineTest {

    private static final RulesExtractor EXTRACTOR = new RulesExtractor();
    private final TextSegmenter segmenter = new TextSegmenter(new NlpSession());

    private static List<MemoryCandidate> extract(String text) {
        return EXTRACTOR.extract(text, Fixtures.all(LocalDate.of(2024, 5, 2)));
    }

    @Test
    void verdictUnderAnItemIsADecisionAboutThatItem() {
        List<MemoryCandidate> out = extract("""
                ## Pull requests

                * [feat: add window.setVibrancy on Linux](https://github.com/example/app/pull/1)
                    * Approved
                """);
        MemoryCandidate decision = find(out, MemoryType.DECISION, "setVibrancy");
        assertThat(decision.content()).isEqualTo("Feat: add window.setVibrancy on Linux: approved");
        assertThat(decision.metadata()).containsEntry("heading_path", "Pull requests")
                .containsEntry("parent_item", "feat: add window.setVibrancy on Linux");
        assertThat(any(out, MemoryType.DECISION, "Approved")).isTrue();
        assertThat(ofType(out, MemoryType.DECISION)).hasSize(1);
    }

    @Test
    void statusTableRowIsADecisionReadWithItsCells() {
        List<MemoryCandidate> out = extract("""
                ## RFC status

                | RFC | Status |
                |-----|--------|
                | RFC-41, RFC-44 | Accepted, targeting 2.0 |
                | RFC-45 | Under discussion |
                """);
        assertThat(find(out, MemoryType.DECISION, "RFC-41").content())
                .isEqualTo("RFC-41, RFC-44: Accepted, targeting 2.0");
        assertThat(find(out, MemoryType.DECISION, "RFC-41").metadata()).containsEntry("parent_item", "RFC | Status");
        assertThat(any(out, MemoryType.DECISION, "RFC-45")).isFalse();
    }

    @Test
    void motionsAndArrowsToAVerdictAreDecisions() {
        List<MemoryCandidate> out = extract("""
                RFC-41 motioned to accepted for 2.0.

                * Proposal: move CI to GitHub Actions -> accepted
                """);
        assertThat(any(out, MemoryType.DECISION, "motioned to accepted")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "GitHub Actions")).isTrue();
    }

    @Test
    void aVerdictOrAnAgreementStatedOnItsOwnIsADecisionNewsOfOneIsNot() {
        List<MemoryCandidate> out = extract("""
                #### Remove some formatters from the core

                * Two members are in favor, one wants to wait for the RFC.

                Accepted for v8.

                #### Add a no-constant-binary-expression rule

                * Everyone is in favor.

                The new option is accepted.

                #### Conference

                My talk at the conference was accepted last week.

                #### Content identifiers

                * Gitoid and SWHID were compared.
                * Consensus that Gitoid is the way to provide content identifiers.

                #### Service profile

                * Agree that the scope is between the service provider and its customers.
                """);
        assertThat(any(out, MemoryType.DECISION, "Accepted for v8")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "new option is accepted")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "talk at the conference")).isFalse();
        assertThat(any(out, MemoryType.DECISION, "Gitoid is the way")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "between the service provider")).isTrue();
    }

    @Test
    void codeInFencedBlocksIsNeverATaskOrADecision() {
        List<MemoryCandidate> out = extract("""
                ## Lint

                We will land the lint. Example of what it catches:

                ```text
                We will remove the fallback once it lands.
                - Ravi to rotate the keys
                ```

                - Niko to write the stabilization report
                """);
        assertThat(any(out, MemoryType.TASK, "stabilization report")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "land the lint")).isTrue();
        assertThat(out).noneMatch(m -> m.content().contains("fallback") || m.content().contains("rotate"));
    }

    @Test
    void initialsOfATurnTakerToDoSomethingAreATaskTheirTalkIsNot() {
        List<MemoryCandidate> out = extract("""
                ### Scope of the charter
                * SC: Would other authentication mechanisms be in scope?
                * eP: I'll say as co-editor that it is not really well suited for server-side clients.
                * PAC: Seems reasonable.

                SC to PR suggestions from all.

                eP to create the issue.
                """);
        assertThat(find(out, MemoryType.TASK, "PR suggestions").metadata()).containsEntry("assignee", "SC");
        assertThat(find(out, MemoryType.TASK, "create the issue").metadata()).containsEntry("assignee", "eP");
        assertThat(any(out, MemoryType.DECISION, "PR suggestions")).isFalse();
        assertThat(any(out, MemoryType.TASK, "co-editor")).isFalse();
    }

    @Test
    void anAgendaOfLinksIsNoOnesTask() {
        List<MemoryCandidate> out = extract("""
                # Triage
                * [ ] [Nominated issues](https://github.com/example/lang/issues?q=label%3AI-nominated)
                * [ ] #65539 — [resolve: turn the glob error into a lint](https://github.com/example/lang/pull/65539)
                * [ ] @nikomatsakis
                * [ ] Update the project board with new proposals
                """);
        assertThat(ofType(out, MemoryType.TASK)).extracting(MemoryCandidate::content)
                .containsExactly("Update the project board with new proposals");
    }

    @Test
    void whatTheGroupCommitsToIsADecisionWhatItMustTalkAboutIsNot() {
        List<MemoryCandidate> out = extract("""
                ## Hacktoberfest

                We will not participate in Hacktoberfest this year.

                ## Release

                We'll include all three of these changes in a major release.

                We'll need to discuss the schedule again next week.
                """);
        assertThat(any(out, MemoryType.DECISION, "Hacktoberfest")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "all three of these changes")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "discuss the schedule")).isFalse();
    }

    @Test
    void aChecklistOfNotesBoxesRemarksAndQuestionsThatAreNoOnesTask() {
        List<MemoryCandidate> out = extract("""
                # Shepherded items
                * [ ] RFC 2753 — unwind/ffi interaction
                    * [ ] we already did add support for tuples
                    * [ ] is there some more limited form that would have fewer false positives?
                * [ ] Update the project board with new RFCs
                * [ ] Niko to summarize the discussion
                """);
        assertThat(ofType(out, MemoryType.TASK)).extracting(MemoryCandidate::content)
                .containsExactlyInAnyOrder("Update the project board with new RFCs", "Niko to summarize the discussion");
    }

    @Test
    void aHeadingThatTheTextKeepsTalkingAboutIsATopic() {
        List<MemoryCandidate> out = extract("""
                ## Data retention policy

                Legal asked us to review the data retention policy before the audit.
                The retention policy covers backups and logs.
                Nobody owns the policy for data in the staging account yet.
                """);
        MemoryCandidate topic = find(out, MemoryType.TOPIC, "Data retention policy");
        assertThat(topic.content()).isEqualTo("Topic: Data retention policy");
        assertThat(topic.metadata()).containsEntry("topic", "data retention policy");
    }

    @Test
    void aPhraseThatRecursAcrossSentencesIsATopic() {
        List<MemoryCandidate> out = extract("""
                The billing migration slipped by a week.
                Finance wants the billing migration finished before the quarter closes.
                We should test the billing migration on a copy of production first.
                """);
        assertThat(ofType(out, MemoryType.TOPIC)).extracting(MemoryCandidate::content)
                .contains("Topic: billing migration");
    }

    @Test
    void headingsAreContextNotTopics() {
        List<MemoryCandidate> out = extract("""
                # 2024-05-02 Core team meeting

                ## Attendance

                * Ana, Ben

                ## Follow-up Discussion

                * Ana to draft the release schedule.
                """);
        assertThat(ofType(out, MemoryType.TOPIC)).extracting(MemoryCandidate::content)
                .noneMatch(t -> t.contains("Follow-up Discussion") || t.contains("Core team meeting")
                        || t.contains("Attendance"));
        assertThat(find(out, MemoryType.TASK, "release schedule").metadata())
                .containsEntry("heading_path", "2024-05-02 Core team meeting > Follow-up Discussion");
    }

    @Test
    void aChunkCutInsideASectionKeepsItsHeadingPath() {
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), LocalDate.of(2024, 5, 2),
                null).under("Weekly sync > Release");
        List<MemoryCandidate> out = EXTRACTOR.extract("* Ana to tag the release candidate.", context);
        assertThat(find(out, MemoryType.TASK, "release candidate").metadata())
                .containsEntry("heading_path", "Weekly sync > Release");
    }

    @Test
    void ownersAsScribesWriteThem() {
        List<MemoryCandidate> out = extract("""
                NS to open an issue about the OIDC issuer.
                nikomatsakis to write up the proposal.
                Kate & Nicole to do the homework before the next meeting.
                Action item to flip the labels (scottmcm)
                MdJ to contact Ian about permissions on the CG repository.
                eP to investigate the code owners feature.
                """);
        assertThat(find(out, MemoryType.TASK, "OIDC").metadata()).containsEntry("assignee", "NS");
        assertThat(find(out, MemoryType.TASK, "permissions").metadata()).containsEntry("assignee", "MdJ");
        assertThat(find(out, MemoryType.TASK, "code owners").metadata()).containsEntry("assignee", "eP");
        assertThat(any(out, MemoryType.DECISION, "permissions")).isFalse();
        assertThat(find(out, MemoryType.TASK, "write up the proposal").metadata())
                .containsEntry("assignee", "nikomatsakis");
        assertThat(find(out, MemoryType.TASK, "homework").metadata()).containsEntry("assignee", "Kate & Nicole");
        assertThat(find(out, MemoryType.TASK, "flip the labels").metadata()).containsEntry("assignee", "scottmcm");
    }

    @Test
    void aDirectiveThatClosesOnItsOwnerIsTheirTaskEvenSetInEmphasis() {
        List<MemoryCandidate> out = extract("""
                **Present:** Gregg Kellogg, Ivan Herman

                ### 2. Streaming
                **Ivan Herman:** The note looks ready to me.

                > ***check pubrules on streaming note (Gregg Kellogg)***

                > ***Ivan Herman to get the publishing API codes***

                - Provide link to EU AI Act workshop - Karen
                """);
        MemoryCandidate pubrules = find(out, MemoryType.TASK, "pubrules");
        assertThat(pubrules.content()).isEqualTo("Check pubrules on streaming note (Gregg Kellogg)");
        assertThat(pubrules.metadata()).containsEntry("assignee", "Gregg Kellogg");
        assertThat(find(out, MemoryType.TASK, "EU AI Act").metadata()).containsEntry("assignee", "Karen");
        MemoryCandidate codes = find(out, MemoryType.TASK, "API codes");
        assertThat(codes.content()).isEqualTo("Ivan Herman to get the publishing API codes");
        assertThat(codes.metadata()).containsEntry("assignee", "Ivan Herman");
    }

    @Test
    void hyphenatedNamesMiddleInitialsAndOwnersAfterAFullStopKeepTheirTask() {
        List<MemoryCandidate> out = extract("""
                **Present:** Gregg Kellogg, Pierre-Antoine Champin, David I. Lehn

                ### 3. Scripts
                **Gregg Kellogg:** Script elements should be unaltered.

                > ***create issue for ATRISK of entities within HTML script elements. (Gregg Kellogg)***

                > ***Pierre-Antoine Champin to write spec text of his mental model***

                > ***David I. Lehn to review the compaction tests***
                """);
        assertThat(find(out, MemoryType.TASK, "ATRISK").metadata()).containsEntry("assignee", "Gregg Kellogg");
        assertThat(find(out, MemoryType.TASK, "mental model").metadata())
                .containsEntry("assignee", "Pierre-Antoine Champin");
        MemoryCandidate tests = find(out, MemoryType.TASK, "compaction");
        assertThat(tests.content()).isEqualTo("David I. Lehn to review the compaction tests");
        assertThat(tests.metadata()).containsEntry("assignee", "David I. Lehn");
    }

    @Test
    void anItemWithItemsNestedUnderItNamesTheirTopic() {
        String text = """
                ## Agenda
                * Future meetings. Dates for May.
                  * Find a time that is not Friday evening in some time zones.
                  * Keep the monthly call.
                * Locale
                * MessageFormat 2 support
                  1. Everyone in favor of MessageFormat 2 support.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out).filteredOn(s -> !s.isHeading()).extracting(s -> SentenceFeatures.hasNestedItems(chunk, s))
                .containsExactly(true, true, false, false, false, true, false);
        assertThat(new RulesExtractor().extract(text, Fixtures.all(LocalDate.of(2024, 3, 4))))
                .filteredOn(m -> m.type() == MemoryType.DECISION).extracting(MemoryCandidate::content)
                .noneMatch(c -> c.startsWith("Future meetings") || c.equals("MessageFormat 2 support"));
    }

    @Test
    void aScribesBracketedSpeakerMarksALineAsSaid() {
        String text = """
                #### Issue 616: Content script injection

                 * [carlos] Should align with extension popups.
                 * [Issue 284](https://github.com/w3c/webextensions/issues/284) is related.
                 * Figure out current behavior and then resume discussion.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out.subList(1, 4)).extracting(s -> SentenceFeatures.attributed(chunk, s))
                .containsExactly(true, false, false);
    }

    @Test
    void anIrcNicknameInAnglesMarksALineAsSaidButATagDoesNot() {
        String text = """
                ## Topic: Use cases

                <kimhd> Review the edits discussed above.
                <dmitriz> Agreed.
                <b>Note</b> the template is in the wiki.
                Create an issue template for adding use cases.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out.subList(1, 5)).extracting(s -> SentenceFeatures.attributed(chunk, s))
                .containsExactly(true, true, false, false);
    }

    @Test
    void aSpeakerInSingleEmphasisQuotedOrWithAHyphenatedNameMarksALineAsSaid() {
        String text = """
                ## Sealed contexts

                > *Rob Sanderson:* +1 to the explanation
                **Pierre-Antoine Champin:** this is a separation of concerns
                *Note* the test suite is green.
                Keep sealed contexts as they are.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out).filteredOn(s -> !s.isHeading()).extracting(s -> SentenceFeatures.attributed(chunk, s))
                .containsExactly(true, true, false, false);
    }

    @Test
    void aScribesContinuationLineIsSaidByTheSpeakerAboveIt() {
        String text = """
                ### Comments in contexts

                **Gregg Kellogg:** Issue #32 is something that we broached already.
                … Most RDF syntaxes do provide a comment.
                … So we could add a keyword.

                * AB: I tried to read the PR.
                ...: It should be more accessible.

                … later …

                Add a comment keyword to the context.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out).filteredOn(s -> !s.isHeading()).extracting(s -> SentenceFeatures.attributed(chunk, s))
                .containsExactly(true, true, true, true, true, false, false);
        assertThat(out).filteredOn(s -> !s.isHeading()).extracting(s -> SentenceFeatures.afterTheTalk(chunk, s))
                .containsExactly(false, false, false, false, false, true, true);
    }

    @Test
    void theScribesLinesAfterTheLastSpeakerOfATopicAreAfterTheTalk() {
        String text = """
                ### Rounding
                CD: The rounding question is still open.
                The scribe notes three options.
                AB: Option two matches Temporal.
                EF: Fine with me.

                Go with option two for now.
                CD will write it up in the issue.

                ### Next steps
                - Go with option two for now.
                """;
        List<Sentence> out = segmenter.segment(text);
        Chunk chunk = new Chunk(text, out, People.of(out), null, SentenceTypeModel.shipped());
        assertThat(out).filteredOn(s -> !s.isHeading()).extracting(s -> SentenceFeatures.afterTheTalk(chunk, s))
                .containsExactly(false, false, false, false, true, true, false);
    }

    @Test
    void aChunkCutFromATranscriptKnowsItsClosingLinesFromTheSpeakersBeforeIt() {
        String text = """
                which is why I would rather wait for the data to settle upstream before we touch anything.

                No changes for now.

                ### Support cash rounding #835

                BAN: (introduces issue)
                """;
        ExtractionContext alone = Fixtures.all(LocalDate.of(2024, 1, 18))
                .under("Meeting > Normative: Canonicalize the extension value #846");
        ExtractionContext cut = alone.after(4);
        Chunk read = RulesExtractor.read(text, cut, SentenceTypeModel.shipped());
        Chunk unaware = RulesExtractor.read(text, alone, SentenceTypeModel.shipped());
        assertThat(read.sentences().get(1).text()).isEqualTo("No changes for now.");
        assertThat(SentenceFeatures.afterTheTalk(read, read.sentences().get(1))).isTrue();
        assertThat(SentenceFeatures.afterTheTalk(unaware, unaware.sentences().get(1))).isFalse();
        // The speakers before the text belong to the section it starts in, not to the next one.
        Sentence underNextHeading = read.sentences().get(read.sentences().size() - 1);
        assertThat(underNextHeading.text()).isEqualTo("(introduces issue)");
        assertThat(read.spokenBefore(underNextHeading)).isZero();
        assertThat(read.spokenBefore(read.sentences().get(1))).isEqualTo(4);
        assertThat(any(EXTRACTOR.extract(text, cut), MemoryType.DECISION, "No changes for now")).isTrue();
    }

    @Test
    void theSameVerdictClosingTwoTopicsIsTwoDecisions() {
        List<MemoryCandidate> out = extract("""
                ### Normative: Read the options bag in order #862

                SFC: This is a stopgap until the data is fixed upstream.

                FYT: Looks okay to me.

                RGN: Fine with me too.

                TG2 agreement to bring to TG1.

                ### Editorial: Rename the abstract operation #870

                BAN: (introduces the change)

                SFC: LGTM

                FYT: Looks good.

                TG2 agreement to bring to TG1.
                """);
        List<MemoryCandidate> agreed = out.stream().filter(m -> m.type() == MemoryType.DECISION
                && m.content().equals("TG2 agreement to bring to TG1.")).toList();
        assertThat(agreed).extracting(m -> m.metadata().get("heading_path")).containsExactly(
                "Normative: Read the options bag in order #862", "Editorial: Rename the abstract operation #870");
    }

    @Test
    void aShortVerdictTakesTheRestOfItsLine() {
        List<MemoryCandidate> out = extract("""
                ### Normative: Read the options bag in order #862

                SFC: This is a stopgap until the data is fixed upstream.

                FYT: Any objections?

                No action for now. Keep the issue for a future discussion.

                ### Stage 3 update

                SFC: The tests have landed and two engines ship it.

                We will ask for Stage 4 at the next plenary meeting. Thanks to everyone who reviewed.
                """);
        // A verdict that says enough on its own stays as it is.
        assertThat(out).filteredOn(m -> m.type() == MemoryType.DECISION).extracting(MemoryCandidate::content)
                .contains("No action for now. Keep the issue for a future discussion.",
                        "We will ask for Stage 4 at the next plenary meeting.");
    }

    @Test
    void aDatedVerdictClosingATopicIsADecisionADatedStatementIsNot() {
        List<MemoryCandidate> out = extract("""
                #### Wallet URI scheme
                **S** - This one is ready to go, would be fine as-is.
                **F** - Could we merge their PR rather than this?
                **M** - Format is good, grammar fine; we could add Bech32 addresses in there.
                Merge in two weeks

                #### Address formats
                **S** - The test vectors have been updated and validated.
                **F** - Should the Byron part go in a separate document?
                **M** - It documents what exists; a separate document can come later.
                Moved to Last Check (to be merged in two weeks)

                #### Beta
                **S** - Support is staffed for the first week.
                **F** - The checklist is nearly done.
                **M** - Marketing has the announcement ready.
                The beta launch is scheduled for August 5.
                """);
        assertThat(any(out, MemoryType.DECISION, "Merge in two weeks")).isTrue();
        // Reported without a subject, the verdict is still one.
        assertThat(any(out, MemoryType.DECISION, "Moved to Last Check")).isTrue();
        assertThat(any(out, MemoryType.DECISION, "beta launch")).isFalse();
    }

    @Test
    void aProposalPutToTheGroupIsADecisionOnceWithoutItsMarkerOrProposer() {
        List<MemoryCandidate> out = extract("""
                ### 4.2. Link header for HTML

                **Gregg Kellogg:** You have processing state to keep track of this.

                > **Proposed resolution: merge api#134 and syntax#212, and close syntax#204** *(Ivan Herman)*

                > *Rob Sanderson:* +1

                > ***merge api#134 and syntax#212, and close syntax#204***

                - Proposal: close #213 (won't fix)
                - Proposal:
                """);
        assertThat(ofType(out, MemoryType.DECISION)).extracting(MemoryCandidate::content)
                .contains("Merge api#134 and syntax#212, and close syntax#204", "Close #213 (won't fix)")
                .filteredOn(c -> c.contains("api#134")).hasSize(1);
    }

    @Test
    void reportedSpeechAfterAHandleIsNotATask() {
        List<MemoryCandidate> out = extract("""
                * @nzakas doesn't think this is a good idea.
                * @btmills suggests adding them to the tracking issue.
                * @nzakas sent a TSC meeting invitation to our eslint.org email addresses.
                * @mdjermanovic left a comment to use the algorithm defined in the spec.
                * @btmills re-nominates @harish for the fix.
                * @mike update the deck by Friday
                """);
        assertThat(any(out, MemoryType.TASK, "good idea")).isFalse();
        assertThat(any(out, MemoryType.TASK, "suggests")).isFalse();
        assertThat(any(out, MemoryType.TASK, "invitation")).isFalse();
        assertThat(any(out, MemoryType.TASK, "left a comment")).isFalse();
        assertThat(any(out, MemoryType.TASK, "re-nominates")).isFalse();
        assertThat(find(out, MemoryType.TASK, "update the deck").metadata()).containsEntry("assignee", "mike");
    }

    @Test
    void nestedItemsKnowTheirParentAndQuotesAreMarked() {
        List<Sentence> out = segmenter.segment("""
                # Topics
                * Sponsorship
                    * Move the funds to Rollup
                > quoted agenda text
                """);
        Sentence child = out.stream().filter(s -> s.text().startsWith("Move")).findFirst().orElseThrow();
        assertThat(child.place().depth()).isEqualTo(1);
        assertThat(child.place().parent()).isEqualTo("Sponsorship");
        assertThat(child.place().headingPath()).containsExactly("Topics");
        Sentence quote = out.stream().filter(s -> s.text().startsWith("quoted")).findFirst().orElseThrow();
        assertThat(quote.place().quoted()).isTrue();
    }

    @Test
    void scribeTurnsWrittenAsItemsHaveTheirSpeaker() {
        List<Sentence> out = segmenter.segment("* SC: Would other mechanisms be in scope?\n* eP: I'd lean on removing"
                + " it.\n* PR: not a person\n* @alice: ship it\n");
        assertThat(out).extracting(Sentence::speaker).containsExactly("SC", "eP", null, "alice");
        assertThat(out.get(0).text()).isEqualTo("Would other mechanisms be in scope?");
        assertThat(out.get(0).kind()).isEqualTo(LineKind.BULLET);
    }

    @Test
    void scribeInitialsAreSpeakersButLabelsAreNot() {
        List<Sentence> out = segmenter.segment("SFC: I will send the slides.\nTODO: update the matrix\n");
        assertThat(out.get(0).speaker()).isEqualTo("SFC");
        assertThat(out.get(1).speaker()).isNull();
        assertThat(out.get(1).text()).startsWith("TODO:");
    }

    @Test
    void aPhraseThatRecursIsOneTopicWhateverArticleItCarries() {
        List<MemoryCandidate> out = extract("""
                issue-tracker: A reference to the issue tracker for a package.
                mailing-list: A reference to the mailing list of a package.
                metrics: The reference to metrics of the package, such as scorecards.
                """);
        List<MemoryCandidate> topics = ofType(out, MemoryType.TOPIC);
        assertThat(topics).extracting(MemoryCandidate::content).contains("Topic: reference")
                .noneMatch(t -> t.startsWith("Topic: a ") || t.startsWith("Topic: the "));
        assertThat(topics).filteredOn(t -> t.metadata().get("topic").equals("reference")).hasSize(1);
    }

    @Test
    void aTranscriptUnderADecisionsHeadingIsNotARecordOfDecisions() {
        List<MemoryCandidate> out = extract("""
                ## Decisions

                * KK: I was looking at the storage description again yesterday evening.
                * SC: there is some overlap with the notifications work, but not a lot.
                * TBL: the draft reads fine to me.
                """);
        assertThat(ofType(out, MemoryType.DECISION)).isEmpty();

        List<MemoryCandidate> record = extract("""
                ## Decisions

                * The storage description stays in the protocol.
                * Version 0.9.1 ships with the editor's draft.
                """);
        assertThat(ofType(record, MemoryType.DECISION)).hasSize(2);
    }

    @Test
    void aDirectiveBothRulesClaimStaysAsTaskAndDecision() {
        List<Sentence> sentences = segmenter.segment("* Land the patch\n* The patch looks good to everyone\n"
                + "* Moving to Last Check\n");
        Sentence directive = sentences.get(0);
        Sentence remark = sentences.get(1);
        Sentence verdict = sentences.get(2);
        List<Draft> drafts = List.of(draft(MemoryType.TASK, directive, 0.7), draft(MemoryType.DECISION, directive, 0.6),
                draft(MemoryType.TASK, remark, 0.7), draft(MemoryType.DECISION, remark, 0.6),
                draft(MemoryType.TASK, verdict, 0.7), draft(MemoryType.DECISION, verdict, 0.6));

        List<MemoryCandidate> out = CandidateAssembler.assemble(drafts, People.of(sentences, List.of()),
                EnumSet.allOf(MemoryType.class));

        assertThat(out).extracting(MemoryCandidate::type, MemoryCandidate::content).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(MemoryType.TASK, "Land the patch"),
                org.assertj.core.groups.Tuple.tuple(MemoryType.DECISION, "Land the patch"),
                org.assertj.core.groups.Tuple.tuple(MemoryType.TASK, "The patch looks good to everyone"),
                org.assertj.core.groups.Tuple.tuple(MemoryType.TASK, "Moving to Last Check"),
                org.assertj.core.groups.Tuple.tuple(MemoryType.DECISION, "Moving to Last Check"));
    }

    @Test
    void theScribesImperativeAfterWhatPeopleSaidClosesTheDiscussion() {
        Chunk chunk = RulesExtractor.read("""
                * Lint on implicit ABI in extern fn
                    * Niko and Josh: would not want to warn without a machine fix
                    * Land PR with allow-by-default
                    * Josh: agreed with that
                    * The lint stays quiet for now
                """, Fixtures.all(LocalDate.of(2020, 9, 14)), SentenceTypeModel.shipped());
        List<Sentence> s = chunk.sentences();
        assertThat(DecisionRules.closesDiscussion(chunk, s.get(2))).as(s.get(2).text()).isTrue();
        assertThat(DecisionRules.closesDiscussion(chunk, s.get(1))).as("attributed: " + s.get(1).text()).isFalse();
        assertThat(DecisionRules.closesDiscussion(chunk, s.get(3))).as("attributed: " + s.get(3).text()).isFalse();
        assertThat(DecisionRules.closesDiscussion(chunk, s.get(4))).as("no directive: " + s.get(4).text()).isFalse();
        assertThat(SentenceFeatures.of(chunk, s.get(2))).contains("imperative", "unattributed_after_attributed");
    }

    private static Draft draft(MemoryType type, Sentence s, double confidence) {
        return new Draft(type, s.text(), confidence, java.util.Map.of(), s.start(), s.end(), s.index(), List.of(s));
    }
}
