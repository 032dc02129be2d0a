package dev.engram.platform.web;

import dev.engram.platform.logging.LogContext;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request: the token's {@code sub}, the key every piece of data is scoped by. Locally
 * smallrye-jwt verifies the token and the principal is the token itself; in the API function API Gateway's JWT
 * authorizer has verified it and the principal is named after the {@code sub} of the claims it forwards.
 */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final UserRateLimiter limiter;
    private String resolved;

    CurrentUser(SecurityIdentity identity, UserRateLimiter limiter) {
        this.identity = identity;
        this.limiter = limiter;
    }

    /**
     * The user id ({@code sub}); throws 401 for an anonymous caller. The first call of a request also counts the
     * request against the user's rate limit (429 with Retry-After when exceeded).
     */
    public String id() {
        if (resolved == null) {
            String sub = subject();
            limiter.acquire(sub);
            resolved = sub;
        }
        return resolved;
    }

    private String subject() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String sub = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject()
                : identity.getPrincipal().getName();
        if (sub == null || sub.isBlank() || sub.length() > 128 || sub.contains("/")) {
            throw new UnauthorizedException();
        }
        LogContext.put(LogContext.USER_ID, sub);
        return sub;
    }

    /** Whether the caller carries the {@code admin} group. */
    public boolean isAdmin() {
        return identity.hasRole("admin");
    }
}
