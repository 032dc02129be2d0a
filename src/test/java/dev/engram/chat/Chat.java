package dev.engram.chat;

import dev.engram.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Chat API calls as a given user, for the chat tests. */
final class Chat {

    private Chat() {
    }

    static String open(String user) {
        Response r = Api.as(user).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/conversations");
        if (r.statusCode() != 201) {
            throw new AssertionError("opening a conversation answered " + r.statusCode() + ": " + r.asString());
        }
        return r.path("id");
    }

    static Response post(String user, String conversation, List<Map<String, Object>> messages) {
        return Api.as(user).contentType(ContentType.JSON).body(Map.of("messages", messages))
                .post("/api/v1/conversations/{id}/messages", conversation);
    }

    static Map<String, Object> message(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    static Response messages(String user, String conversation) {
        return Api.as(user).get("/api/v1/conversations/{id}/messages?limit=200", conversation);
    }
}
