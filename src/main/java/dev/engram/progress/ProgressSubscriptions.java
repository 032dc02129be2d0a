package dev.engram.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The routes of the progress WebSocket API: {@code $connect} records the connection of the user its authorizer let
 * in (up to {@code max-per-user} of them), {@code subscribe} makes it follow one of that user's tasks and answers
 * with the task's progress (another user's task or a missing one answers a {@code not_found} error, exactly alike),
 * {@code $disconnect} forgets it. The pusher ({@link ProgressPusher}) then sends each change.
 */
@ApplicationScoped
public class ProgressSubscriptions {

    private final ConnectionStore connections;
    private final JobStore jobs;
    private final ObjectMapper json;
    private final SocketSettings settings;

    ProgressSubscriptions(ConnectionStore connections, JobStore jobs, ObjectMapper json, SocketSettings settings) {
        this.connections = connections;
        this.jobs = jobs;
        this.json = json;
        this.settings = settings;
    }

    /**
     * A connection the authorizer let in for {@code userId}, whose token expires at {@code expiresAt}; false, recording
     * nothing, when the user already holds {@code max-per-user} connections. The place is taken atomically
     * ({@link ConnectionStore#open}), so connections racing for the last place cannot both pass.
     */
    public boolean connected(String connectionId, String userId, Instant expiresAt) {
        return connections.open(connectionId, userId, expiresAt, settings.maxPerUser(), Instant.now());
    }

    /**
     * The connection follows {@code taskId}: the answer (JSON) is the task's progress now, or an error. A finished
     * task answers its final state and is not followed.
     */
    public String subscribe(String connectionId, String taskId) {
        Optional<SocketConnection> connection = connections.find(connectionId);
        if (connection.isEmpty()) {
            return write(new SocketError("unauthorized", 4401, "connection unknown or its token expired"));
        }
        if (connection.get().expired(Instant.now())) {
            return write(SocketError.expired());
        }
        if (taskId == null || taskId.isBlank()) {
            return write(SocketError.badRequest("subscribe needs a task_id"));
        }
        Optional<Job> job = jobs.findOwned(taskId, connection.get().userId());
        if (job.isEmpty()) {
            return write(SocketError.notFound(taskId));
        }
        if (job.get().state().finished()) {
            return write(ProgressView.of(job.get()));
        }
        if (!connections.follow(connectionId, taskId)) {
            return write(new SocketError("unauthorized", 4401, "connection closed"));
        }
        // Read again after following: a change between the first read and now reaches the pusher or this answer.
        return write(ProgressView.of(jobs.find(taskId).orElse(job.get())));
    }

    /** What an unknown action answers. */
    public String unknownAction(String action) {
        return write(SocketError.badRequest("unknown action " + action + ": send {\"action\":\"subscribe\",\"task_id\":\"…\"}"));
    }

    /** The connection closed. */
    public void disconnected(String connectionId) {
        connections.close(connectionId);
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a socket message", e);
        }
    }
}
