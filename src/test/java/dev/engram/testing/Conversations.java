package dev.engram.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;

/** Conversations through the API for tests of what chat feeds: open one, summarize it and wait for the summary. */
public final class Conversations {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Conversations() {
    }

    /** Opens a conversation of {@code user}; answers its id. */
    public static String open(String user) {
        return Api.as(user).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/conversations").path("id");
    }

    /** Summarizes the conversation up to its last message and waits until the summary's job completed. */
    public static void summarize(String user, String conversation) {
        Response r = Api.as(user).post("/api/v1/conversations/{id}/summarize", conversation);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(Api.awaitFinished(user, r.path("task_id"), TIMEOUT).<String>path("state")).isEqualTo("completed");
    }
}
