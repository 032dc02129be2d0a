package dev.engram.platform.metrics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Flushes the metrics when an HTTP request is answered: in the API function each invocation is one request, so this
 * is the end of the invocation. Locally EMF output is off and the flush does nothing.
 */
public class MetricsFlushFilter {

    private final MetricsFlush flush;

    MetricsFlushFilter(MetricsFlush flush) {
        this.flush = flush;
    }

    @ServerResponseFilter
    public void afterResponse(ContainerRequestContext request, ContainerResponseContext response) {
        flush.flush();
    }
}
