package dev.engram.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The review page is served by Engram itself, and the local build's dev login mints tokens the API accepts. */
@QuarkusTest
@TestProfile(DevLoginKeys.class)
class ReviewPageTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");

    @Test
    void pageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Extract Memories"), containsString("assets/js/main.js"),
                        containsString("assets/app.css"));
        given().get("/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void everyModuleThePageImportsIsServed() {
        Deque<String> pending = new ArrayDeque<>(List.of("main.js"));
        Set<String> served = new HashSet<>();
        while (!pending.isEmpty()) {
            String module = pending.pop();
            if (!served.add(module)) {
                continue;
            }
            String source = given().get("/assets/js/" + module).then().statusCode(200)
                    .contentType(containsString("javascript")).extract().asString();
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                pending.push(imports.group(1));
            }
        }
        assertThat(served).contains("api.js", "auth.js", "review.js", "progress.js", "search.js", "dlq.js");
    }

    @Test
    void devLoginMintsATokenTheApiAccepts() throws Exception {
        String user = Users.fresh("ui");
        given().get("/local/dev-login").then().statusCode(200).body("available", equalTo(true));

        var login = given().contentType(ContentType.JSON).body(Map.of("user", user, "groups", List.of("admin")))
                .post("/local/dev-login").then().statusCode(200)
                .body("user", equalTo(user)).extract().jsonPath();
        String token = login.getString("token");

        given().auth().oauth2(token).get("/api/v1/jobs").then().statusCode(200).body("jobs.size()", equalTo(0));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("https://engram.local");
        assertThat(claims.path("aud").asText()).isEqualTo("engram");
        assertThat(claims.path("sub").asText()).isEqualTo(user);
        assertThat(claims.path("upn").asText()).isEqualTo(user);
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("admin");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(12 * 3600);
    }

    @Test
    void devLoginRefusesNamesThatMakeTokenRefuses() {
        given().contentType(ContentType.JSON).body(Map.of("user", "../alice", "groups", List.of("admin ops")))
                .post("/local/dev-login").then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(2));
        given().contentType(ContentType.JSON).body("{}").post("/local/dev-login").then().statusCode(400);
    }

    @Test
    void devLoginRefusesRequestsAddressedToAnotherHostName() {
        given().header("Host", "rebound.example:8080").get("/local/dev-login").then().statusCode(200)
                .body("available", equalTo(false));
        given().header("Host", "rebound.example:8080").contentType(ContentType.JSON)
                .body(Map.of("user", Users.fresh("ui"))).post("/local/dev-login").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void devLoginRefusesWhenTheKeyIsAbsent() throws Exception {
        Path aside = DevLoginKeys.PRIVATE_KEY.resolveSibling("private.pem.aside");
        Files.move(DevLoginKeys.PRIVATE_KEY, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            given().get("/local/dev-login").then().statusCode(200).body("available", equalTo(false));
            given().contentType(ContentType.JSON).body(Map.of("user", Users.fresh("ui")))
                    .post("/local/dev-login").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("no usable signing key"));
        } finally {
            Files.move(aside, DevLoginKeys.PRIVATE_KEY, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
