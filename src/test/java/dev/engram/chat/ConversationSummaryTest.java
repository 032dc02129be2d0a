package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Conversation summaries on the local stack: every 20 messages, on request, on archive; once per window. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ConversationSummaryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Eight user messages on one subject, each worth extracting. */
    private static final List<String> BUDGET_TALK = List.of(
                "I think we should cut the marketing budget by ten percent this quarter.",
                "I want the finance team to send the revised forecast numbers by Monday.",
                "I worry that headcount costs are running over the plan again this year.",
                "I would move the travel budget into the events line for the next quarter.",
                "I prefer monthly budget reviews with the finance team over quarterly ones.",
                "I need the spreadsheet with the cost centres before the board meeting.",
                "I think the Q3 revenue forecast is far too optimistic for our sales team.",
                "I suggest we freeze hiring until the new budget forecast is approved.");

    @Inject
    SummarizeStage stage;

    @Test
    void fortyMessagesMakeVersionsAtTwentyAndFortyWhateverOrderTheRequestsArriveIn() throws Exception {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        for (int i = 1; i <= 20; i++) {
            String said = i == 3 ? "I always prefer meetings before 10am." : i == 5 ? "thanks!"
                    : "Sarah will send budget draft " + i + " by Friday.";
            Response posted = Chat.post(alice, c, List.of(message("user", said), message("twin", "Noted.")));
            assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(201);
        }
        // Besides the requests the chat stage makes at 20 and 40: the later window first, twice at once, then the
        // earlier one, as redeliveries and a slow queue could deliver them.
        UUID id = UUID.fromString(c);
        atOnce(SummarizeRequested.of(id, alice, 40, null), SummarizeRequested.of(id, alice, 40, null),
                SummarizeRequested.of(id, alice, 20, null));
        assertThat(stage.summarize(SummarizeRequested.of(id, alice, 20, null))).isZero();

        List<Map<String, Object>> versions = summaries(alice, c, 2);
        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1, 2);
        assertThat(versions).extracting(v -> v.get("from_seq")).containsExactly(1, 21);
        assertThat(versions).extracting(v -> v.get("to_seq")).containsExactly(20, 40);
        List<Map<String, Object>> rows = Chat.messages(alice, c).jsonPath().getList("messages");
        assertThat(List.of(rows.get(0), rows.get(20))).as("provider calls per window").allSatisfy(first ->
                assertThat(CountedSummarizer.calls(UUID.fromString((String) first.get("id")))).isEqualTo(1));

        Response conversation = Api.as(alice).get("/api/v1/conversations/{id}", c);
        assertThat(conversation.<Integer>path("summarized_to_seq")).isEqualTo(40);
        assertThat(conversation.<String>path("summary")).isEqualTo(versions.get(1).get("content"));
        assertThat(conversation.<String>path("title")).isNotBlank();
        assertThat(String.valueOf(versions.get(1).get("content"))).contains("Sarah will send budget draft");

        List<Map<String, Object>> summaryMemories = Api.as(alice).get("/api/v1/memories?type=summary").jsonPath()
                .getList("memories");
        assertThat(summaryMemories).singleElement().satisfies(m -> {
            assertThat(m.get("content")).isEqualTo(versions.get(1).get("content"));
            assertThat(m.get("id")).isEqualTo(versions.get(1).get("memory_id"));
            assertThat((Map<String, Object>) m.get("source")).containsEntry("kind", "chat")
                    .containsEntry("source_id", c);
            assertThat((Map<String, Object>) m.get("metadata")).containsEntry("to_seq", 40)
                    .containsEntry("version", 2);
        });
    }

    @Test
    void twentyMessagesAreSummarizedWithoutBeingAsked() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            batch.add(message("user", "Dana will review contract " + i + " by Tuesday."));
            batch.add(message("twin", "Noted."));
        }
        assertThat(Chat.post(alice, c, batch).statusCode()).isEqualTo(201);
        // 22 messages: one whole window; the last two wait for the next 18 (or a manual request, or the archive).
        assertThat(summaries(alice, c, 1)).singleElement().satisfies(v -> assertThat(v).containsEntry("to_seq", 20));
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", c).<Integer>path("summarized_to_seq"))
                .isEqualTo(20);
    }

    @Test
    void aConversationThatMovesFromBudgetsToAHolidaySummarizesTheBudgetsOnTheirOwn() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        List<String> budgets = BUDGET_TALK;
        List<String> holiday = List.of(
                "I am planning a two week trip to Portugal with my family in August.",
                "I would love to find quiet beaches near Lisbon for the kids to swim.",
                "I really enjoy seafood, so I want to try grilled sardines in Porto.",
                "I want to rent a car and drive along the Algarve coast for a few days.",
                "I need to book flights from Berlin to Lisbon before prices go up.",
                "I am looking for a small hotel with a pool close to the old town.");
        // One request per message, as a chat client sends them.
        for (String said : budgets) {
            assertThat(Chat.post(alice, c, List.of(message("user", said))).statusCode()).isEqualTo(201);
        }
        for (String said : holiday) {
            assertThat(Chat.post(alice, c, List.of(message("user", said))).statusCode()).isEqualTo(201);
        }
        // 14 messages, fewer than a window of 20: only the shift asks for a summary, of the budget talk alone.
        Map<String, Object> version = summaries(alice, c, 1).get(0);
        assertThat(version).containsEntry("from_seq", 1).containsEntry("to_seq", budgets.size());
        assertThat(String.valueOf(version.get("content"))).containsIgnoringCase("budget")
                .doesNotContain("Portugal", "Lisbon", "sardines");
    }

    @Test
    void aConversationThatStaysOnOneSubjectIsNotCutShort() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        List<String> said = new ArrayList<>(BUDGET_TALK);
        said.addAll(List.of(
                "I expect the cloud hosting costs to double after the migration finishes.",
                "I want a contingency line of five percent in every department budget.",
                "I think the software licences budget can shrink if we drop unused seats.",
                "I need the finance team to explain the overspend on contractors in May.",
                "I would ask each team lead to justify their travel costs for next year."));
        for (String text : said) {
            assertThat(Chat.post(alice, c, List.of(message("user", text))).statusCode()).isEqualTo(201);
        }
        List<Map<String, Object>> rows = Await.until("every message scored", TIMEOUT,
                () -> Chat.messages(alice, c).jsonPath().<Map<String, Object>>getList("messages"),
                r -> r.size() == said.size() && r.stream().noneMatch(m -> "pending".equals(m.get("processing"))));
        assertThat(rows).hasSize(said.size());
        // Asked now, the summary covers all of it in one version: no shift cut the conversation before.
        Response asked = Api.as(alice).post("/api/v1/conversations/{id}/summarize", c);
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(202);
        assertThat(Api.awaitFinished(alice, asked.path("task_id"), TIMEOUT).<String>path("state"))
                .isEqualTo("completed");
        assertThat(summaries(alice, c, 1)).singleElement().satisfies(v -> assertThat(v)
                .containsEntry("from_seq", 1).containsEntry("to_seq", said.size()));
    }

    @Test
    void manualSummaryAnswersWithAJobThenNothingNew() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "What should I bring to the offsite?"),
                message("twin", "Bring the Q3 roadmap. It is on the shared drive."),
                message("user", "We decided to hold the offsite in Lisbon.")));
        Response asked = Api.as(alice).post("/api/v1/conversations/{id}/summarize", c);
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(202);
        String taskId = asked.path("task_id");
        assertThat(Api.awaitFinished(alice, taskId, TIMEOUT).<String>path("state")).isEqualTo("completed");

        Map<String, Object> version = summaries(alice, c, 1).get(0);
        assertThat(version).containsEntry("from_seq", 1).containsEntry("to_seq", 3);
        Map<String, Object> structured = (Map<String, Object>) version.get("structured");
        assertThat((List<Map<String, Object>>) structured.get("questions")).singleElement().satisfies(q -> {
            assertThat(q).containsEntry("question", "What should I bring to the offsite?")
                    .containsEntry("answer", "Bring the Q3 roadmap.").containsEntry("seq", 1);
        });

        Response again = Api.as(alice).post("/api/v1/conversations/{id}/summarize", c);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.<Boolean>path("changed")).isFalse();
        assertThat(again.jsonPath().getString("task_id")).isNull();
    }

    @Test
    void archivingRunsAFinalSummaryAndDeletingPurgesIt() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "Tom will book the venue by Monday."),
                message("twin", "I will remind you on Monday.")));
        Response archived = Api.as(alice).contentType(ContentType.JSON).body(Map.of("status", "archived"))
                .patch("/api/v1/conversations/{id}", c);
        assertThat(archived.statusCode()).as(archived.asString()).isEqualTo(200);
        assertThat(summaries(alice, c, 1).get(0)).containsEntry("to_seq", 2);

        assertThat(Api.as(alice).get("/api/v1/memories?type=summary").jsonPath().getList("memories")).hasSize(1);
        assertThat(Api.as(alice).delete("/api/v1/conversations/{id}", c).statusCode()).isEqualTo(204);
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}/summaries", c).statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/memories?type=summary").jsonPath().getList("memories")).isEmpty();
    }

    @Test
    void redeliveredRequestWritesNothingAndCallsNoProvider() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "Dana will review the contract by Tuesday.")));
        SummarizeRequested request = SummarizeRequested.of(UUID.fromString(c), alice, 1, null);
        assertThat(stage.summarize(request)).isEqualTo(1);
        assertThat(stage.summarize(request)).isZero();
        String first = Chat.messages(alice, c).jsonPath().getString("messages[0].id");
        assertThat(CountedSummarizer.calls(UUID.fromString(first))).isEqualTo(1);
        assertThat(summaries(alice, c, 1)).hasSize(1);
    }

    @Test
    void anotherUsersConversationIsNotFound() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "Dana will review the contract by Tuesday.")));
        assertThat(Api.as(bob).post("/api/v1/conversations/{id}/summarize", c).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/conversations/{id}/summaries", c).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/conversations/{id}/summaries", "not-a-uuid").statusCode())
                .isEqualTo(404);
        // A request naming alice's conversation with bob as its owner finds nothing to summarize.
        assertThat(stage.summarize(SummarizeRequested.of(UUID.fromString(c), bob, 1, null))).isZero();
        assertThat(Api.as(bob).get("/api/v1/memories?type=summary").jsonPath().getList("memories")).isEmpty();
    }

    private void atOnce(SummarizeRequested... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (SummarizeRequested r : requests) {
                runs.add(CompletableFuture.runAsync(() -> stage.summarize(r), pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
    }

    /** The conversation's summary versions once there are {@code count}. */
    private static List<Map<String, Object>> summaries(String user, String conversation, int count) {
        return Await.until(count + " summary versions of " + conversation, TIMEOUT,
                () -> Api.as(user).get("/api/v1/conversations/{id}/summaries", conversation).jsonPath()
                        .<Map<String, Object>>getList("summaries"),
                rows -> rows != null && rows.size() >= count);
    }
}
