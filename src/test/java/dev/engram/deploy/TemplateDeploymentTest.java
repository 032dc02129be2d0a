package dev.engram.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a deployment does with the template after the SAM transform: new settings publish new versions, the schema
 * migration waits for what it connects through, traffic waits for the migration, and the migration's custom resource
 * cannot hold the stack for an hour.
 */
class TemplateDeploymentTest {

    private static final List<String> SERVING = List.of("ApiFunction", "SplitFunction", "ProcessFunction",
            "ChatFunction", "ExpireFunction");
    private final Template template = Template.load();

    @Test
    void aDeploymentThatOnlyChangesParametersPublishesNewVersionsAndMovesTheAliases() {
        Map<String, String> before = versions(List.of("LlmRequestsPerMinute=60", "UseDatabaseProxy=true"));
        Map<String, String> again = versions(List.of("LlmRequestsPerMinute=60", "UseDatabaseProxy=true"));
        Map<String, String> budget = versions(List.of("LlmRequestsPerMinute=120", "UseDatabaseProxy=true"));
        Map<String, String> noProxy = versions(List.of("LlmRequestsPerMinute=60", "UseDatabaseProxy=false"));

        assertThat(before).containsOnlyKeys(template.ofType("AWS::Serverless::Function"));
        assertThat(again).as("the same deployment again publishes nothing").isEqualTo(before);
        before.forEach((function, version) -> {
            assertThat(budget.get(function)).as(function + " after LlmRequestsPerMinute changed").isNotEqualTo(version);
            assertThat(noProxy.get(function)).as(function + " after the proxy was turned off").isNotEqualTo(version);
        });
    }

    /** Each function's version that its live alias serves, after {@code make deploy PARAMS="<overrides>"}. */
    private static Map<String, String> versions(List<String> overrides) {
        Map<String, String> parameters = new HashMap<>();
        for (String override : overrides) {
            String[] pair = override.split("=", 2);
            parameters.put(pair[0], pair[1]);
        }
        parameters.put("DeploymentSha256", SamTransform.deploymentSha(overrides));
        JsonNode resources = SamTransform.of(parameters).path("Resources");
        Map<String, String> versions = new TreeMap<>();
        resources.properties().forEach(e -> {
            if ("AWS::Lambda::Alias".equals(e.getValue().path("Type").asText())) {
                String function = e.getValue().path("Properties").path("FunctionName").path("Ref").asText();
                String version = e.getValue().path("Properties").path("FunctionVersion").path("Fn::GetAtt").path(0).asText();
                assertThat(resources.has(version)).as(e.getKey() + " serves " + version).isTrue();
                versions.put(function, version);
            }
        });
        return versions;
    }

    @Test
    void theMigrationWaitsForTheProxyTargetTheDatabaseAndTheEndpointItReadsTheSecretThrough() {
        JsonNode resources = SamTransform.of(Map.of("UseDatabaseProxy", "true")).path("Resources");
        Set<String> needs = dependencies(resources, "DatabaseMigration");
        assertThat(needs).as("the migration connects through the proxy once its target is registered")
                .contains("DatabaseProxyTargets", "DatabaseInstance");
        assertThat(resources.path("DatabaseMigration").path("DependsOn").toString())
                .as("deleted before the endpoint its function reads the database secret through")
                .contains("SecretsManagerEndpoint");
        assertThat(template.environment("MigrateFunction")).containsKey("QUARKUS_FLYWAY_CONNECT_RETRIES");
    }

    @Test
    void trafficWaitsForTheSchemaMigrationOfTheSameDeployment() {
        JsonNode resources = SamTransform.of(Map.of()).path("Resources");
        for (String function : SERVING) {
            assertThat(dependencies(resources, function + "Aliaslive")).as(function + "'s live alias")
                    .contains("DatabaseMigration");
        }
    }

    @Test
    void theMigrationsCustomResourceGivesUpSoonAfterItsFunctionCould() {
        int function = template.number(template.function("MigrateFunction").get("Timeout"));
        int service = template.number(template.properties("DatabaseMigration").get("ServiceTimeout"));
        assertThat(service).as("ServiceTimeout (CloudFormation waits an hour without it)")
                .isGreaterThan(function).isLessThanOrEqualTo(function + 120);
    }

    @Test
    void noFunctionRoleGrantsAnActionOnEveryQueueTableBucketOrSecret() {
        IamCoverage iam = IamCoverage.ofTemplate();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            // Logs and the VPC's network interfaces are the Lambda service's own, on * by AWS's design.
            assertThat(iam.role(function)).as(function + "'s role (after the SAM transform)")
                    .noneMatch(g -> g.resource().equals("*")
                            && List.of("sqs", "dynamodb", "s3", "secretsmanager").contains(g.action().split(":")[0]));
        }
    }

    @Test
    void theHttpApiAllowsTheConfiguredOriginAsOneOrigin() {
        JsonNode cors = SamTransform.of(Map.of("AllowedOrigins", "https://app.example.com")).path("Resources")
                .path("HttpApi").path("Properties").path("Body").path("x-amazon-apigateway-cors");
        assertThat(cors.path("allowOrigins").isArray()).as("allowOrigins " + cors.path("allowOrigins")).isTrue();
        assertThat(cors.path("allowOrigins").path(0).asText()).isEqualTo("https://app.example.com");
        assertThat(cors.path("allowOrigins").size()).isEqualTo(1);
    }

    /** Every resource {@code name} waits for: DependsOn, Ref, GetAtt and Sub references, transitively. */
    static Set<String> dependencies(JsonNode resources, String name) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(name));
        while (!next.isEmpty()) {
            JsonNode resource = resources.path(next.pop());
            Set<String> direct = new LinkedHashSet<>();
            JsonNode dependsOn = resource.path("DependsOn");
            if (dependsOn.isTextual()) {
                direct.add(dependsOn.asText());
            }
            dependsOn.forEach(d -> direct.add(d.asText()));
            references(resource.path("Properties"), direct);
            for (String target : direct) {
                if (resources.has(target) && seen.add(target)) {
                    next.push(target);
                }
            }
        }
        return seen;
    }

    private static void references(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            if (node.path("Ref").isTextual()) {
                into.add(node.path("Ref").asText());
            }
            if (node.path("Fn::GetAtt").isArray()) {
                into.add(node.path("Fn::GetAtt").path(0).asText());
            }
            JsonNode sub = node.path("Fn::Sub");
            String text = sub.isTextual() ? sub.asText() : sub.path(0).asText();
            for (String variable : Template.subVariables(text)) {
                into.add(variable.split("\\.", 2)[0]);
            }
        }
        node.forEach(child -> references(child, into));
    }
}
