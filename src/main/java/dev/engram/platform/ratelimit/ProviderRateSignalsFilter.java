package dev.engram.platform.ratelimit;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads the quota headers of every provider answer (REST clients register {@code @Provider} filters globally). The
 * provider clients turn an error answer into an exception that has lost its headers, so this is where
 * {@code Retry-After} and {@code x-ratelimit-*} are seen; answers to paths no limiter registered are ignored.
 */
@Provider
public class ProviderRateSignalsFilter implements ClientRequestFilter, ClientResponseFilter {

    private static final String SENT_AT = ProviderRateSignalsFilter.class.getName() + ".sentAt";

    private final ProviderLimits limits;

    ProviderRateSignalsFilter(ProviderLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.setProperty(SENT_AT, System.nanoTime());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Object sent = request.getProperty(SENT_AT);
        long sentAt = sent instanceof Long l ? l : System.nanoTime();
        limits.observe(request.getUri().getPath(), sentAt, response.getStatus(), response.getHeaders()::getFirst);
    }
}
