package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The migrate function's Lambda entry point, in front of Quarkus: a Delete is answered at once (the schema is kept, so
 * nothing needs the database, its secret or the endpoints a stack delete may already have removed), and when Quarkus
 * cannot start (a secret unreadable, the network not there) CloudFormation still gets a FAILED answer with the reason
 * instead of waiting for the resource's ServiceTimeout. Everything else goes to {@link MigrateHandler} through Quarkus.
 */
public final class MigrateEntry implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(MigrateEntry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<RequestStreamHandler> start;
    private RequestStreamHandler quarkus;

    /** What Lambda calls: Quarkus starts on the first Create or Update. */
    public MigrateEntry() {
        this(QuarkusStreamHandler::new);
    }

    MigrateEntry(Supplier<RequestStreamHandler> start) {
        this.start = start;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readAllBytes();
        JsonNode event = JSON.readTree(bytes);
        if ("Delete".equals(event.path("RequestType").asText())) {
            LOG.info("Delete: schema kept on delete");
            CloudFormationAnswer.send(event, "SUCCESS", "schema kept on delete");
            output.write(JSON.writeValueAsBytes(new MigrateHandler.Outcome("SUCCESS", "schema kept on delete")));
            return;
        }
        try {
            if (quarkus == null) {
                quarkus = start.get();
            }
            quarkus.handleRequest(new ByteArrayInputStream(bytes), output, context);
        } catch (RuntimeException | Error e) {
            // MigrateHandler answers every failure of its own; reaching here means it never ran.
            LOG.errorf(e, "the migrate function could not start");
            CloudFormationAnswer.send(event, "FAILED", "the migrate function could not start: " + rootMessage(e));
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
