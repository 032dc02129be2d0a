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

    /**
     * Sends a request the way a well-behaved client does: a 503 (a storage or queue service did not answer in time,
     * nothing was accepted) is retried after its Retry-After, up to three more times; any other answer is returned.
     * Only for requests that accept nothing when they fail this way, such as an upload.
     */
    public static Response retryingUnavailable(java.util.function.Supplier<Response> request) {
        Response r = request.get();
        for (int attempt = 0; attempt < 3 && r.statusCode() == 503 && r.header("Retry-After") != null; attempt++) {
            try {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = request.get();
        }
        return r;
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
