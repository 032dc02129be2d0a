package dev.engram.lambda.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.amazon.lambda.http.LambdaIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caller on AWS: API Gateway's JWT authorizer has already verified the token (issuer, audience, signature,
 * expiry), so the identity is read from the claims it forwards. The principal's name is the {@code sub} claim, as
 * smallrye-jwt makes it locally; roles come from {@code groups} (or Cognito's {@code cognito:groups}). Without
 * authorizer claims or a {@code sub}, the request stays anonymous and protected resources answer 401.
 *
 * <p>lambda-http's built-in provider names the principal after {@code cognito:username} and ignores tokens from other
 * issuers; registering this provider replaces it.
 */
@ApplicationScoped
public class AuthorizerIdentityProvider implements LambdaIdentityProvider {

    /** API Gateway flattens array claims to strings such as {@code [admin reviewer]}. */
    private static final Pattern GROUP = Pattern.compile("[^\\[\\]\\s,\"]+");

    @Override
    public SecurityIdentity authenticate(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            return null;
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(sub));
        for (String claim : new String[] {"groups", "cognito:groups"}) {
            String groups = claims.get(claim);
            if (groups != null) {
                Matcher m = GROUP.matcher(groups);
                while (m.find()) {
                    identity.addRole(m.group());
                }
            }
        }
        return identity.build();
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return context.getAuthorizer().getJwt().getClaims();
    }
}
