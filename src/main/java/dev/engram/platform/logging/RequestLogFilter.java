package dev.engram.platform.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tags the log lines of an HTTP request with its request id (the caller's {@code X-Request-Id}, else API Gateway's
 * trace id, else a new one, echoed back in {@code X-Request-Id}) and, when the path names one, the job. The user is
 * added where it is resolved ({@code CurrentUser}).
 */
public class RequestLogFilter {

    static final String HEADER = "X-Request-Id";
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";

    @ServerRequestFilter
    public void beforeRequest(ContainerRequestContext request, UriInfo uri) {
        LogContext.clear();
        request.setProperty(HEADER, requestId(request));
        LogContext.put(LogContext.REQUEST_ID, (String) request.getProperty(HEADER));
        String job = uri.getPathParameters().getFirst("task_id");
        LogContext.put(LogContext.JOB_ID, job);
    }

    @ServerResponseFilter
    public void afterResponse(ContainerRequestContext request, jakarta.ws.rs.container.ContainerResponseContext response) {
        Object id = request.getProperty(HEADER);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    private static String requestId(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && !id.isBlank() && id.length() <= 128) {
            return id;
        }
        String trace = request.getHeaderString(TRACE_HEADER);
        if (trace != null && !trace.isBlank()) {
            return trace.startsWith("Root=") ? trace.substring(5).split(";", 2)[0] : trace;
        }
        return UUID.randomUUID().toString();
    }
}
