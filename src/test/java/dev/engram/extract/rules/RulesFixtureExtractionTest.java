package dev.engram.extract.rules;

import static dev.engram.extract.rules.Fixtures.any;
import static dev.engram.extract.rules.Fixtures.find;
import static dev.engram.extract.rules.Fixtures.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Realistic inputs from {@code src/test/resources/rules}, with the memories a reader would expect from each. */
class RulesFixtureExtractionTest {

    private static final RulesExtractor EXTRACTOR = new RulesExtractor();

    private static List<MemoryCandidate> extract(String fixture, LocalDate reference) {
        return EXTRACTOR.extract(Fixtures.read(fixture), Fixtures.all(reference));
    }

    @Nested
    class MeetingNotesWithBullets {

        private final List<MemoryCandidate> out = extract("meeting-notes-bullets.md", LocalDate.of(2024, 3, 4));

        @Test
        void agreedMigrationIsADecisionWithQuarterAndTheOwnerFromTheNextLine() {
            MemoryCandidate decision = find(out, MemoryType.DECISION, "Postgres 16");
            assertThat(decision.metadata()).containsEntry("timeline", "Q2").containsEntry("lead", "Tom");
        }

        @Test
        void questionsAndUndecidedPointsAreNotDecisions() {
            assertThat(ofType(out, MemoryType.DECISION)).hasSize(1);
            assertThat(any(out, MemoryType.DECISION, "legacy queue")).isFalse();
            assertThat(any(out, MemoryType.DECISION, "logging vendor")).isFalse();
        }

        @Test
        void actionItemsGetAssigneesAndDueDatesRelativeToTheReferenceDate() {
            assertThat(find(out, MemoryType.TASK, "runbook").metadata())
                    .containsEntry("assignee", "Priya").containsEntry("due_date", "2024-03-15");
            assertThat(find(out, MemoryType.TASK, "connection pool").metadata())
                    .containsEntry("assignee", "Lucia").containsEntry("due_date", "2024-03-14");
            assertThat(find(out, MemoryType.TASK, "capacity dashboard").metadata())
                    .containsEntry("assignee", "dmitri").containsEntry("due_date", "2024-03-08");
        }

        @Test
        void checklistMarksAreStrippedAndDoneItemsAreNotTasks() {
            assertThat(find(out, MemoryType.TASK, "capacity dashboard").content())
                    .isEqualTo("@dmitri update the capacity dashboard by EOW");
            assertThat(any(out, MemoryType.TASK, "incident report")).isFalse();
            assertThat(ofType(out, MemoryType.TASK)).hasSize(3);
        }

        @Test
        void latencyDropIsANegativeChange() {
            assertThat(find(out, MemoryType.INSIGHT, "latency").metadata())
                    .containsEntry("metric", "checkout latency").containsEntry("change", "-30%");
        }
    }

    @Nested
    class SlackChatLog {

        private final List<MemoryCandidate> out = extract("slack-export.txt", LocalDate.of(2024, 3, 4));

        @Test
        void mentionedHandleIsTheAssigneeWithoutTheAtSign() {
            assertThat(find(out, MemoryType.TASK, "screenshots").metadata())
                    .containsEntry("assignee", "mike").containsEntry("due_date", "2024-03-07");
        }

        @Test
        void speakersPromiseIsTheirTask() {
            assertThat(find(out, MemoryType.TASK, "release notes").metadata())
                    .containsEntry("assignee", "jordan").containsEntry("due_date", "2024-03-05");
        }

        @Test
        void labelledChoiceIsADecisionAndTheQuestionIsNot() {
            assertThat(find(out, MemoryType.DECISION, "two-step signup").confidence()).isGreaterThanOrEqualTo(0.8);
            assertThat(any(out, MemoryType.DECISION, "what time")).isFalse();
            assertThat(any(out, MemoryType.TASK, "what time")).isFalse();
        }

        @Test
        void demoIsADatedEvent() {
            assertThat(find(out, MemoryType.DATE, "customer demo").metadata())
                    .containsEntry("date", "2024-03-11").containsEntry("event", "customer demo");
        }
    }

    @Nested
    class WeeklyStatusReport {

        /** No reference date: "Week of 2024-05-06" anchors the relative dates. */
        private final List<MemoryCandidate> out = extract("weekly-status.txt", null);

        @Test
        void metricsCarryTheirChangeAndValue() {
            assertThat(find(out, MemoryType.INSIGHT, "active users").metadata())
                    .containsEntry("metric", "monthly active users").containsEntry("change", "+12%")
                    .containsEntry("value", "48,200");
            assertThat(find(out, MemoryType.INSIGHT, "churn").metadata())
                    .containsEntry("metric", "churn").containsEntry("change", "-3%");
            assertThat(find(out, MemoryType.INSIGHT, "doubled").metadata())
                    .containsEntry("metric", "paid signups").containsEntry("change", "2x");
            assertThat(find(out, MemoryType.INSIGHT, "percentage points").metadata())
                    .containsEntry("change", "+2.1pp");
            assertThat(find(out, MemoryType.INSIGHT, "NPS").metadata())
                    .containsEntry("metric", "nps").containsEntry("value", "41");
        }

        @Test
        void nextWeeksWorkIsATaskAndTheReviewADate() {
            assertThat(find(out, MemoryType.TASK, "budget").metadata())
                    .containsEntry("assignee", "Emma").containsEntry("due_date", "2024-05-15");
            assertThat(find(out, MemoryType.DATE, "pricing review").metadata()).containsEntry("date", "2024-05-20");
        }

        @Test
        void businessNumbersCarryNoSentiment() {
            assertThat(ofType(out, MemoryType.SENTIMENT)).isEmpty();
        }
    }

    @Nested
    class EmailThreadWithSignatures {

        private final List<MemoryCandidate> out = extract("email-thread.txt", LocalDate.of(2024, 5, 28));

        @Test
        void signatureBecomesAContactWithTitleOrganisationEmailAndPhone() {
            MemoryCandidate jane = find(out, MemoryType.CONTACT, "Jane Doe");
            assertThat(jane.metadata()).containsEntry("name", "Jane Doe")
                    .containsEntry("emails", List.of("jane.doe@acmecorp.com"))
                    .containsEntry("phone", "+1 415 555 0134")
                    .containsEntry("role", "Head of Partnerships")
                    .containsEntry("organization", "Acme Corp");
            assertThat(jane.confidence()).isGreaterThanOrEqualTo(0.85);
        }

        @Test
        void headerAndSignatureOfTheSamePersonMergeIntoOneContact() {
            MemoryCandidate robert = find(out, MemoryType.CONTACT, "Robert Chen");
            assertThat(robert.metadata()).containsEntry("emails", List.of("rchen@northwind.io"))
                    .containsEntry("role", "Director of IT").containsEntry("organization", "Northwind Traders")
                    .containsEntry("phone", "(206) 555-0199");
        }

        @Test
        void colleagueNamedInProseIsAContactToo() {
            assertThat(find(out, MemoryType.CONTACT, "Marcus Webb").metadata())
                    .containsEntry("emails", List.of("marcus.webb@acmecorp.com"));
            assertThat(ofType(out, MemoryType.CONTACT)).hasSize(3);
        }

        @Test
        void replyPromiseIsATaskDueThatFriday() {
            assertThat(find(out, MemoryType.TASK, "SSO metadata").metadata()).containsEntry("due_date", "2024-05-31");
        }
    }

    @Nested
    class Retrospective {

        private final List<MemoryCandidate> out = extract("retro.md", LocalDate.of(2024, 6, 14));

        @Test
        void praiseAndComplaintsReadAsOneMixedSentiment() {
            assertThat(ofType(out, MemoryType.SENTIMENT)).singleElement().satisfies(s -> {
                assertThat(s.metadata()).containsEntry("sentiment", "mixed");
                assertThat((Double) s.metadata().get("score")).isBetween(-1.0, 1.0);
            });
        }

        @Test
        void actionsSectionItemsAreTasksWithOwners() {
            assertThat(find(out, MemoryType.TASK, "alert thresholds").metadata()).containsEntry("assignee", "Nina");
            assertThat(find(out, MemoryType.TASK, "staging downtime").metadata()).containsEntry("assignee", "Oscar");
        }
    }

    @Nested
    class PlanningDoc {

        /** No reference date: "Date: July 1, 2024" (a Monday) anchors the relative dates. */
        private final List<MemoryCandidate> out = extract("planning-doc.md", null);

        @Test
        void labelledAgreedAndDecidedStatementsAreDecisions() {
            assertThat(find(out, MemoryType.DECISION, "offline mode").confidence()).isGreaterThanOrEqualTo(0.85);
            assertThat(find(out, MemoryType.DECISION, "design system").confidence()).isGreaterThanOrEqualTo(0.8);
            assertThat(find(out, MemoryType.DECISION, "iPad layout").metadata()).containsEntry("timeline", "Q3");
        }

        @Test
        void debatedAndQuestionedPointsAreNotDecisions() {
            assertThat(any(out, MemoryType.DECISION, "Android 9")).isFalse();
            assertThat(any(out, MemoryType.DECISION, "biweekly")).isFalse();
            // The three recorded decisions and Grace's promise (below).
            assertThat(ofType(out, MemoryType.DECISION)).hasSize(4);
        }

        @Test
        void aNamedPersonsPromiseIsBothTheirTaskAndADecisionTheyLead() {
            assertThat(find(out, MemoryType.TASK, "beta rollout").metadata()).containsEntry("assignee", "Grace");
            assertThat(find(out, MemoryType.DECISION, "beta rollout").metadata()).containsEntry("lead", "Grace");
        }

        @Test
        void everyTaskCueYieldsATaskWithItsAssigneeAndDueDate() {
            assertThat(find(out, MemoryType.TASK, "offline sync spec").metadata())
                    .containsEntry("assignee", "Kevin").containsEntry("due_date", "2024-07-12");
            assertThat(find(out, MemoryType.TASK, "QA matrix").content()).isEqualTo("Update the QA matrix for Android 14");
            assertThat(find(out, MemoryType.TASK, "deck").metadata())
                    .containsEntry("assignee", "mike").containsEntry("due_date", "2024-07-05");
            assertThat(find(out, MemoryType.TASK, "beta rollout").metadata()).containsEntry("assignee", "Grace");
            assertThat(find(out, MemoryType.TASK, "triage rotation").metadata())
                    .containsEntry("assignee", "Ravi").containsEntry("due_date", "2024-07-09");
            assertThat(find(out, MemoryType.TASK, "Sentry").metadata()).containsEntry("assignee", "Ravi");
        }

        @Test
        void strongCuesScoreHigherThanWeakOnes() {
            double action = find(out, MemoryType.TASK, "offline sync spec").confidence();
            double will = find(out, MemoryType.TASK, "beta rollout").confidence();
            assertThat(action).isBetween(0.8, 0.95);
            assertThat(will).isBetween(0.5, 0.75).isLessThan(action);
        }

        @Test
        void launchIsADatedEvent() {
            assertThat(find(out, MemoryType.DATE, "beta launch").metadata())
                    .containsEntry("date", "2024-08-05").containsEntry("event", "beta launch");
        }
    }
}
