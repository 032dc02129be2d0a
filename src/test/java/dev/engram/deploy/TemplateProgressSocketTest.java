package dev.engram.deploy;

import static dev.engram.deploy.Template.list;
import static dev.engram.deploy.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The progress WebSocket API of template.yaml against itself and the code: routes and their authorizer, the tokens it
 * accepts (the HTTP API's), the connections table, the stream that drives the pusher, and the pusher's reach.
 */
class TemplateProgressSocketTest {

    private final Template template = Template.load();

    @Test
    void theWebSocketApiRoutesByActionAndAuthorizesOnlyTheConnection() {
        Map<String, Object> api = template.properties("ProgressSocketApi");
        assertThat(api.get("ProtocolType")).isEqualTo("WEBSOCKET");
        assertThat(api.get("RouteSelectionExpression")).isEqualTo("$request.body.action");
        Set<String> routes = new TreeSet<>();
        for (String route : template.ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> props = template.properties(route);
            assertThat(props.get("ApiId")).isEqualTo(Map.of("Ref", "ProgressSocketApi"));
            routes.add(String.valueOf(props.get("RouteKey")));
            if ("$connect".equals(props.get("RouteKey"))) {
                assertThat(props.get("AuthorizationType")).isEqualTo("CUSTOM");
                assertThat(props.get("AuthorizerId")).isEqualTo(Map.of("Ref", "ProgressSocketAuthorizer"));
            }
        }
        assertThat(routes).containsExactly("$connect", "$default", "$disconnect", "subscribe");
        assertThat(template.properties("ProgressSocketAuthorizer").get("AuthorizerType")).isEqualTo("REQUEST");
        assertThat(template.properties("ProgressSocketStage").get("AutoDeploy")).isEqualTo(true);
    }

    @Test
    void theAuthorizerAcceptsTheTokensTheHttpApiAccepts() {
        Map<String, Object> jwt = map(map(map(map(map(template.properties("HttpApi").get("Auth")).get("Authorizers"))
                .get("EngramJwt")).get("JwtConfiguration")));
        Map<String, Object> env = template.environment("SocketAuthorizeFunction");
        assertThat(env.get("QUARKUS_LAMBDA_HANDLER")).isEqualTo("socket-authorize");
        assertThat(env.get("ENGRAM_PROGRESS_AWS_SOCKET_ISSUER")).isEqualTo(jwt.get("issuer"));
        List<Object> audiences = list(map(jwt.get("audience")).get("Fn::If"));
        List<Object> ours = list(map(env.get("ENGRAM_PROGRESS_AWS_SOCKET_AUDIENCES")).get("Fn::If"));
        assertThat(ours.get(0)).isEqualTo(audiences.get(0));
        assertThat(ours.get(1)).isEqualTo(list(audiences.get(1)).get(0));
        assertThat(ours.get(2)).isEqualTo(Map.of("Fn::Join", List.of(",", audiences.get(2))));
    }

    @Test
    void connectionsLiveInTheirOwnTableWithATtlAndTheTaskIndexTheCodeQueries() {
        Map<String, Object> table = template.properties("SocketConnectionTable");
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        String ttl = String.valueOf(map(table.get("TimeToLiveSpecification")).get("AttributeName"));
        List<String> indexes = list(table.get("GlobalSecondaryIndexes")).stream()
                .map(i -> "\"" + map(i).get("IndexName") + "\"").toList();
        String key = String.valueOf(map(list(table.get("KeySchema")).get(0)).get("AttributeName"));
        String code = String.join("\n", SourceTree.read(List.of(Path.of("src/main/java/dev/engram/progress"))).stream()
                .filter(source -> source.text().contains("class ConnectionStore")).map(SourceTree.Source::text).toList());
        assertThat(code).contains("\"" + ttl + "\"", "\"" + key + "\"");
        assertThat(indexes).containsExactly("\"by_task\"");
        assertThat(code).contains(indexes);
        for (String function : List.of("ProgressSocketFunction", "ProgressPushFunction")) {
            assertThat(template.environment(function).get("ENGRAM_PROGRESS_AWS_SOCKET_CONNECTIONS_TABLE"))
                    .as(function).isEqualTo(Map.of("Ref", "SocketConnectionTable"));
        }
    }

    @Test
    void theJobTablesStreamDrivesThePusherWhichPostsToThisApiOnly() {
        assertThat(map(template.properties("JobTable").get("StreamSpecification")).get("StreamViewType"))
                .isEqualTo("NEW_IMAGE");
        Map<String, Object> source = map(map(map(template.properties("ProgressPushFunction").get("Events"))
                .get("JobChanges")).get("Properties"));
        assertThat(source.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", List.of("JobTable", "StreamArn")));
        assertThat(list(source.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(String.valueOf(source.get("FilterCriteria"))).contains("\"sk\"", "\"JOB\"");
        String callback = String.valueOf(map(template.environment("ProgressPushFunction")
                .get("ENGRAM_AWS_SOCKET_CALLBACK_URL")).get("Fn::Sub"));
        assertThat(callback).isEqualTo("https://${ProgressSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ProgressSocketStage}");
        StringBuilder manage = new StringBuilder();
        Template.walk(template.properties("ProgressPushFunctionRole").get("Policies"), "ProgressPushFunctionRole",
                (path, node) -> {
                    if (String.valueOf(node.get("Action")).contains("execute-api:ManageConnections")) {
                        manage.append(node.get("Resource"));
                    }
                });
        assertThat(manage.toString()).contains(":${ProgressSocketApi}/${ProgressSocketStage}/*/@connections/*");
        String url = String.valueOf(map(map(template.section("Outputs").get("ProgressSocketUrl")).get("Value")).get("Fn::Sub"));
        assertThat(url).isEqualTo("wss://${ProgressSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ProgressSocketStage}");
    }

    @Test
    void thePusherClosesExpiredConnectionsEveryMinuteAndMayScanOnlyTheConnectionsTable() {
        Map<String, Object> schedule = map(map(template.properties("ProgressPushFunction").get("Events"))
                .get("TokenExpiry"));
        assertThat(schedule.get("Type")).isEqualTo("Schedule");
        assertThat(map(schedule.get("Properties")).get("Schedule")).isEqualTo("rate(1 minute)");
        StringBuilder scans = new StringBuilder();
        for (String role : List.of("ProgressPushFunctionRole", "ProgressSocketFunctionRole")) {
            Template.walk(template.properties(role).get("Policies"), role, (path, node) -> {
                if (String.valueOf(node.get("Action")).contains("dynamodb:Scan")) {
                    scans.append(role).append(' ').append(node.get("Resource")).append('\n');
                }
            });
        }
        assertThat(scans.toString().strip())
                .isEqualTo("ProgressPushFunctionRole " + Map.of("Fn::GetAtt", List.of("SocketConnectionTable", "Arn")));
    }

    @Test
    void theReviewPageIsToldTheWebSocketApisUrl() {
        String url = String.valueOf(map(map(template.section("Outputs").get("ProgressSocketUrl")).get("Value")).get("Fn::Sub"));
        Object given = template.environment("ApiFunction").get("ENGRAM_PROGRESS_AWS_SOCKET_URL");
        assertThat(given).isEqualTo(Map.of("Fn::Sub", url));
    }

    @Test
    void theWebSocketFunctionsRunOutsideTheVpcWithRolesOfTheirOwnThatGrantNoNetworkInterfaces() {
        for (String function : List.of("SocketAuthorizeFunction", "ProgressSocketFunction", "ProgressPushFunction")) {
            assertThat(template.properties(function).get("VpcConfig")).as(function).isEqualTo(Map.of("Ref", "AWS::NoValue"));
            assertThat(template.properties(function).get("Role")).as(function)
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(function + "Role", "Arn")));
            assertThat(String.valueOf(template.properties(function + "Role").get("ManagedPolicyArns"))).as(function)
                    .contains("AWSLambdaBasicExecutionRole").doesNotContain("VPCAccess");
        }
        assertThat(template.properties("SocketAuthorizeFunctionRole")).as("the authorizer calls no AWS API")
                .doesNotContainKey("Policies");
    }

    @Test
    void onlyThisApiMayInvokeItsFunctions() {
        for (String permission : List.of("ProgressSocketInvokePermission", "SocketAuthorizeInvokePermission")) {
            Map<String, Object> props = template.properties(permission);
            assertThat(props.get("Principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(String.valueOf(map(props.get("SourceArn")).get("Fn::Sub"))).as(permission)
                    .contains(":${ProgressSocketApi}/");
        }
    }
}
