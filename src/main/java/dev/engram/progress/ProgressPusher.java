package dev.engram.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pushes a job's changed record (from the job table's stream) to the WebSocket API connections following it, as the
 * same progress object the local socket and {@code GET …/progress} show. A connection that is gone (410) is forgotten;
 * after a final state, or once its token has expired (an {@code unauthorized} message with the reason
 * {@code token expired} first), the connection is closed, as the local socket closes. Expired tokens are also looked
 * for on a schedule ({@link #closeExpired}), so a connection following a job that does not change is closed too.
 */
@ApplicationScoped
public class ProgressPusher {

    private static final Logger LOG = Logger.getLogger(ProgressPusher.class);

    private final ConnectionStore connections;
    private final ApiGatewayManagementApiClient managementApi;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    ProgressPusher(ConnectionStore connections, ApiGatewayManagementApiClient managementApi, ObjectMapper json) {
        this.connections = connections;
        this.managementApi = managementApi;
        this.json = json;
    }

    /**
     * Pushes the job a changed item of the job table shows; other items (chunk outcomes, idempotency keys) push
     * nothing. Returns how many connections received it.
     */
    public int changed(Map<String, AttributeValue> newImage) {
        if (newImage == null || !JobItems.JOB_SK.equals(text(newImage, JobItems.SK)) || !newImage.containsKey("state")) {
            return 0;
        }
        return push(JobItems.fromItem(newImage));
    }

    /** Pushes {@code job}'s progress to every connection of its user following it. */
    public int push(Job job) {
        ProgressView view = ProgressView.of(job);
        String progress = write(view);
        int sent = 0;
        for (SocketConnection connection : connections.following(job.taskId())) {
            if (!connection.userId().equals(job.userId())) {
                continue; // subscribe checks ownership; never push a job to another user's connection
            }
            if (connection.expired(clock.instant())) {
                send(connection, write(SocketError.expired()));
                close(connection);
                continue;
            }
            if (send(connection, progress)) {
                sent++;
                if (view.finished()) {
                    close(connection);
                }
            }
        }
        return sent;
    }

    /**
     * Closes every connection whose token has expired by now, whatever it follows: the {@code token expired} message,
     * then the close. Returns how many were closed.
     */
    public int closeExpired() {
        int closed = 0;
        for (SocketConnection connection : connections.expired(clock.instant())) {
            send(connection, write(SocketError.expired()));
            close(connection);
            closed++;
        }
        if (closed > 0) {
            LOG.infof("closed %d progress connections whose token expired", closed);
        }
        return closed;
    }

    /** Posts one message; false, forgetting the connection, when API Gateway says it is gone. */
    private boolean send(SocketConnection connection, String message) {
        try {
            managementApi.postToConnection(b -> b.connectionId(connection.connectionId())
                    .data(SdkBytes.fromUtf8String(message)));
            return true;
        } catch (GoneException e) {
            LOG.debugf("connection %s is gone: forgotten", connection.connectionId());
            connections.close(connection.connectionId());
            return false;
        }
    }

    private void close(SocketConnection connection) {
        try {
            managementApi.deleteConnection(b -> b.connectionId(connection.connectionId()));
        } catch (GoneException e) {
            // closed already
        }
        connections.close(connection.connectionId());
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise progress", e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
