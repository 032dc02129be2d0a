package dev.engram.platform.local;

import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotPermitted;
import dev.engram.platform.errors.Unavailable;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /local/dev-login}: mints a token for any user name, so the review page can be tried without pasting one.
 * It lives in the local sources, which the Lambda builds never compile, and answers only requests made on this
 * machine to a loopback name (the Host check keeps a web page that rebinds its own name to 127.0.0.1 out).
 */
@Path("/local/dev-login")
@Produces(MediaType.APPLICATION_JSON)
public class DevLoginResource {

    // The same names `make token` accepts.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final int MAX_GROUPS = 10;
    private static final Pattern LOOPBACK_HOST = Pattern.compile(
            "(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);

    private final DevLoginSigner signer;

    DevLoginResource(DevLoginSigner signer) {
        this.signer = signer;
    }

    /** Whether the page should offer the dev login. */
    @GET
    public Availability availability(@Context HttpServerRequest http) {
        return new Availability(fromThisMachine(http) && signer.available());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Login login(LoginRequest request, @Context HttpServerRequest http) {
        if (!fromThisMachine(http)) {
            throw new NotPermitted("dev login answers only requests made on this machine to localhost");
        }
        List<String> groups = validate(request);
        return switch (signer.sign(request.user(), groups, Instant.now())) {
            case DevLoginSigner.Signed s -> new Login(s.token(), request.user(), groups, s.expiresAt());
            case DevLoginSigner.Refused r -> throw new Unavailable("dev login is unavailable: " + r.reason());
        };
    }

    private static List<String> validate(LoginRequest request) {
        List<String> errors = new ArrayList<>();
        if (request == null || request.user() == null || !NAME.matcher(request.user()).matches()) {
            errors.add("user: 1 to 64 letters, digits and . _ @ + -");
        }
        List<String> groups = request == null || request.groups() == null ? List.of() : request.groups();
        if (groups.size() > MAX_GROUPS) {
            errors.add("groups: at most " + MAX_GROUPS);
        }
        for (String group : groups) {
            if (group == null || !NAME.matcher(group).matches()) {
                errors.add("groups: '" + group + "' may hold only letters, digits and . _ @ + -");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return List.copyOf(groups);
    }

    private static boolean fromThisMachine(HttpServerRequest http) {
        String host = http.getHeader("Host");
        if (host == null || !LOOPBACK_HOST.matcher(host).matches()
                || http.remoteAddress() == null || http.remoteAddress().hostAddress() == null) {
            return false;
        }
        try {
            // The remote address is an IP literal: this parses it, it never resolves a name.
            return InetAddress.getByName(http.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Body of {@code POST /local/dev-login}.
     *
     * @param user   the token's {@code sub} and {@code upn}
     * @param groups its {@code groups}, e.g. {@code admin}
     */
    public record LoginRequest(String user, List<String> groups) {
    }

    /** A minted token. */
    public record Login(String token, String user, List<String> groups, Instant expiresAt) {
    }

    /** Whether minting is possible for this caller. */
    public record Availability(boolean available) {
    }
}
