package dev.engram.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import dev.engram.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class OpenApiTest {

    @Test
    void theDocumentDescribesTheApiWithBearerAuthAndExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/memories/extract'.post", notNullValue())
                .body("paths.'/api/v1/memories/search'.post", notNullValue())
                .body("paths.'/api/v1/memories/extract/{extraction_id}/confirm'.post", notNullValue())
                .body("components.securitySchemes.bearer.scheme", containsString("bearer"))
                .body("components.schemas.ExtractRequest.examples[0].text", containsString("Sarah"))
                .body("components.schemas.ExtractRequest.properties.source_id", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
