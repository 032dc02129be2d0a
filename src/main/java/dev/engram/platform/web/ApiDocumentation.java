package dev.engram.platform.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header: what Engram is and how every call authenticates. */
@OpenAPIDefinition(
        info = @Info(title = "Engram API", version = "1",
                description = "Text, chat messages and documents in; typed, deduplicated, searchable memories out. "
                        + "Every call needs a JWT bearer token; the user is its sub. Errors are "
                        + "application/problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class ApiDocumentation extends Application {
}
