package dev.engram.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;

/** Calls to Engram's API as a given user. */
public final class Api {

    /** The acceptance example of the design brief. */
    public static final String MEETING_NOTES = "Meeting notes - Jan 15, 2024\n"
            + "Revenue up 15% compared to last quarter. Decided to expand to European market in Q2. "
            + "John will lead the expansion. Action item: Sarah to prepare market research by Feb 1.";

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.forUser(user));
    }

    public static Response extract(String user, Map<String, Object> body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/api/v1/memories/extract");
    }

    /** Polls progress until the job has finished; returns the last progress answer. */
    public static Response awaitFinished(String user, String taskId, Duration timeout) {
        Response last = Await.until("task " + taskId + " to finish", timeout,
                () -> as(user).get("/api/v1/memories/extract/{id}/progress", taskId),
                r -> {
                    if (r.statusCode() != 200) {
                        throw new AssertionError("progress answered " + r.statusCode() + ": " + r.asString());
                    }
                    return !r.path("state").equals("pending") && !r.path("state").equals("processing");
                });
        return last;
    }
}
