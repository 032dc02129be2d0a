package dev.engram.deploy;

import static dev.engram.deploy.Template.list;
import static dev.engram.deploy.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.queue.QueueNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** template.yaml against itself and against the code: references, handlers, queues, limits, network, IAM. */
class TemplateWiringTest {

    private static final Pattern NAMED = Pattern.compile("@Named\\(\"([^\"]+)\"\\)\\s*public\\s+class\\s+(\\w+)");
    private final Template template = Template.load();

    @Test
    void everyRefGetAttSubAndConditionNamesSomethingThatExists() {
        Set<String> names = new HashSet<>(template.section("Parameters").keySet());
        assertThat(names).as("parameters named like a resource (CloudFormation rejects the template)")
                .doesNotContainAnyElementsOf(template.resources().keySet());
        names.addAll(template.resources().keySet());
        Set<String> conditions = template.section("Conditions").keySet();
        List<String> broken = new ArrayList<>();
        Template.walk(template.root, "", (path, node) -> {
            if (node.get("Ref") instanceof String ref && !known(ref, names)) {
                broken.add(path + ": !Ref " + ref);
            }
            if (node.containsKey("Fn::GetAtt")) {
                String target = String.valueOf(list(node.get("Fn::GetAtt")).get(0));
                if (!names.contains(target)) {
                    broken.add(path + ": !GetAtt " + target);
                }
            }
            if (node.containsKey("Fn::Sub")) {
                Object sub = node.get("Fn::Sub");
                String text = sub instanceof String s ? s : String.valueOf(list(sub).get(0));
                Set<String> local = sub instanceof List<?> l ? map(l.get(1)).keySet() : Set.of();
                for (String variable : Template.subVariables(text)) {
                    String target = variable.contains("::") ? variable : variable.split("\\.", 2)[0];
                    if (!local.contains(target) && !known(target, names)) {
                        broken.add(path + ": ${" + variable + "}");
                    }
                }
            }
            if (node.containsKey("Fn::If")) {
                String condition = String.valueOf(list(node.get("Fn::If")).get(0));
                if (!conditions.contains(condition)) {
                    broken.add(path + ": !If " + condition);
                }
            }
            if (node.containsKey("Fn::FindInMap")) {
                List<Object> key = list(node.get("Fn::FindInMap"));
                Object value = map(map(template.section("Mappings").get(key.get(0))).get(key.get(1))).get(key.get(2));
                if (value == null) {
                    broken.add(path + ": !FindInMap " + key);
                }
            }
        });
        template.resources().forEach((name, r) -> {
            Object condition = map(r).get("Condition");
            if (condition != null && !conditions.contains(String.valueOf(condition))) {
                broken.add(name + ": Condition " + condition);
            }
            for (Object dependency : dependsOn(map(r).get("DependsOn"))) {
                if (!names.contains(String.valueOf(dependency))) {
                    broken.add(name + ": DependsOn " + dependency);
                }
            }
        });
        assertThat(broken).as("references to nothing").isEmpty();
    }

    /** Parameters, resources, pseudo parameters and what SAM generates ({@code Function.Alias}, {@code .Version}). */
    private boolean known(String ref, Set<String> names) {
        if (ref.startsWith("AWS::") || names.contains(ref)) {
            return true;
        }
        String[] parts = ref.split("\\.", 2);
        return parts.length == 2 && (parts[1].equals("Alias") || parts[1].equals("Version"))
                && template.function(parts[0]).containsKey("AutoPublishAlias");
    }

    private static List<Object> dependsOn(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? list(l) : List.of(value);
    }

    @Test
    void everyWorkerFunctionNamesARealHandlerAndEveryHandlerHasAFunction() {
        Map<String, String> handlers = new java.util.TreeMap<>();
        for (SourceTree.Source source : SourceTree.read(List.of(Path.of("src/worker/java")))) {
            Matcher m = NAMED.matcher(source.text());
            while (m.find()) {
                assertThat(source.text()).as(m.group(2) + " is a Lambda handler")
                        .containsAnyOf("implements RequestHandler", "extends SqsBatchHandler");
                handlers.put(m.group(1), m.group(2));
            }
        }
        Set<String> used = new TreeSet<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> env = template.environment(function);
            String codeUri = String.valueOf(template.function(function).get("CodeUri"));
            if (codeUri.endsWith("worker.zip")) {
                String handler = String.valueOf(env.get("QUARKUS_LAMBDA_HANDLER"));
                assertThat(handlers).as(function + "'s QUARKUS_LAMBDA_HANDLER").containsKey(handler);
                used.add(handler);
            } else {
                assertThat(codeUri).as(function + "'s code").endsWith("api.zip");
                assertThat(env).as(function + " (lambda-http has one handler)").doesNotContainKey("QUARKUS_LAMBDA_HANDLER");
            }
            // The migrate function's entry answers CloudFormation even when Quarkus cannot start, then delegates.
            assertThat(template.function(function).get("Handler")).as(function).isEqualTo(function.equals("MigrateFunction")
                    ? "dev.engram.lambda.worker.MigrateEntry::handleRequest"
                    : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        }
        assertThat(used).as("handlers without a function").isEqualTo(handlers.keySet());
    }

    @Test
    void theMigrateFunctionsEntryPointExists() {
        assertThat(Path.of("src/worker/java/dev/engram/lambda/worker/MigrateEntry.java")).exists();
    }

    @Test
    void everyQueueEventSourceReportsBatchItemFailuresAndIsBoundedByAParameter() {
        int sources = 0;
        for (String function : template.ofType("AWS::Serverless::Function")) {
            for (Object event : map(template.properties(function).get("Events")).values()) {
                if (!"SQS".equals(map(event).get("Type"))) {
                    continue;
                }
                sources++;
                Map<String, Object> props = map(map(event).get("Properties"));
                assertThat(list(props.get("FunctionResponseTypes"))).as(function)
                        .containsExactly("ReportBatchItemFailures");
                Object batch = props.get("BatchSize");
                List<Object> sizes = batch instanceof Map<?, ?> m && m.containsKey("Fn::If")
                        ? list(m.get("Fn::If")).subList(1, 3) : List.of(batch);
                for (Object size : sizes) {
                    assertThat(template.number(size)).as(function + " batch size").isBetween(1, 10);
                }
                Object concurrency = map(props.get("ScalingConfig")).get("MaximumConcurrency");
                assertThat(map(concurrency).get("Ref")).as(function + " maximum concurrency")
                        .isIn(template.section("Parameters").keySet());
            }
        }
        assertThat(sources).isEqualTo(4);
    }

    @Test
    void theChatQueueFeedsTheChatHandlerAtMostChatConcurrencyAtOnce() {
        assertThat(template.environment("ChatFunction").get("QUARKUS_LAMBDA_HANDLER")).isEqualTo("chat");
        Map<String, Object> chat = map(map(map(template.properties("ChatFunction").get("Events")).get("Chat"))
                .get("Properties"));
        assertThat(chat.get("Queue")).isEqualTo(Map.of("Fn::GetAtt", List.of("ChatQueue", "Arn")));
        assertThat(map(chat.get("ScalingConfig")).get("MaximumConcurrency")).isEqualTo(Map.of("Ref",
                "ChatConcurrency"));
        assertThat(template.number(map(template.section("Parameters").get("ChatConcurrency")).get("Default")))
                .isEqualTo(2);
    }

    @Test
    void theGraphQueueFeedsTheGraphHandlerAtMostGraphConcurrencyAtOnce() {
        assertThat(template.environment("GraphFunction").get("QUARKUS_LAMBDA_HANDLER")).isEqualTo("graph");
        Map<String, Object> graph = map(map(map(template.properties("GraphFunction").get("Events")).get("Graph"))
                .get("Properties"));
        assertThat(graph.get("Queue")).isEqualTo(Map.of("Fn::GetAtt", List.of("GraphQueue", "Arn")));
        assertThat(map(graph.get("ScalingConfig")).get("MaximumConcurrency")).isEqualTo(Map.of("Ref",
                "GraphConcurrency"));
    }

    @Test
    void oneLlmBudgetIsSharedByAtMostTheProcessFunctionsMaximumConcurrency() {
        Map<String, Object> chunks = map(map(template.properties("ProcessFunction").get("Events")).get("Chunks"));
        Object concurrency = map(map(chunks.get("Properties")).get("ScalingConfig")).get("MaximumConcurrency");
        assertThat(concurrency).isEqualTo(Map.of("Ref", "ProcessConcurrency"));
        assertThat(template.environment("ProcessFunction").get("ENGRAM_LLM_REQUESTS_PER_MINUTE"))
                .isEqualTo(Map.of("Ref", "LlmRequestsPerMinute"));
        assertThat(template.environment("ProcessFunction").get("ENGRAM_LLM_INSTANCES"))
                .isEqualTo(Map.of("Ref", "ProcessConcurrency"));
        String budget = String.valueOf(map(map(template.section("Outputs").get("LlmGlobalBudget")).get("Value"))
                .get("Fn::Sub"));
        assertThat(budget).contains("${LlmRequestsPerMinute}", "${ProcessConcurrency}");
    }

    @Test
    void everyWorkQueueRedrivesToADeadLetterQueueThatOutlivesIt() {
        for (String function : template.ofType("AWS::Serverless::Function")) {
            for (Object event : map(template.properties(function).get("Events")).values()) {
                if (!"SQS".equals(map(event).get("Type"))) {
                    continue;
                }
                String queue = queueOf(map(map(event).get("Properties")).get("Queue"));
                Map<String, Object> redrive = map(template.properties(queue).get("RedrivePolicy"));
                assertThat(redrive).as(queue + " redrive policy").isNotEmpty();
                String dlq = queueOf(redrive.get("deadLetterTargetArn"));
                assertThat(template.resource(dlq).get("Type")).isEqualTo("AWS::SQS::Queue");
                assertThat(redrive.get("maxReceiveCount")).isEqualTo(Map.of("Ref", "MaxReceiveCount"));
                assertThat(template.environment(function).get("ENGRAM_QUEUES_MAX_RECEIVE_COUNT"))
                        .as("the app's last-attempt logic reads the same count").isEqualTo(Map.of("Ref", "MaxReceiveCount"));
                assertThat(template.number(template.properties(dlq).get("MessageRetentionPeriod")))
                        .isGreaterThan(template.number(template.properties(queue).get("MessageRetentionPeriod")));
            }
        }
    }

    @Test
    void queueNamesAreWhatTheAppDerivesFromItsPrefix() {
        Object prefix = template.environment("SplitFunction").get("ENGRAM_QUEUES_PREFIX");
        assertThat(prefix).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-"));
        Set<String> names = new TreeSet<>();
        for (String queue : template.ofType("AWS::SQS::Queue")) {
            names.add(String.valueOf(map(template.properties(queue).get("QueueName")).get("Fn::Sub")));
        }
        Set<String> expected = new TreeSet<>();
        for (String logical : List.of(QueueNames.INGEST, QueueNames.CHUNKS, QueueNames.CHAT, QueueNames.GRAPH)) {
            expected.add("${AWS::StackName}-" + logical);
            expected.add("${AWS::StackName}-" + logical + "-dlq");
        }
        assertThat(names).isEqualTo(expected);
    }

    @Test
    void bucketIsPrivateEncryptedAndNotifiesTheIngestQueueOfDropAndUploads() {
        Map<String, Object> bucket = template.properties("InputBucket");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).containsOnly(true).hasSize(4);
        assertThat(bucket).containsKeys("BucketEncryption", "LifecycleConfiguration", "CorsConfiguration");
        Set<String> prefixes = new TreeSet<>();
        for (Object notification : list(map(bucket.get("NotificationConfiguration")).get("QueueConfigurations"))) {
            assertThat(queueOf(map(notification).get("Queue"))).isEqualTo("IngestQueue");
            for (Object rule : list(map(map(map(notification).get("Filter")).get("S3Key")).get("Rules"))) {
                prefixes.add(String.valueOf(map(rule).get("Value")));
            }
        }
        assertThat(prefixes).containsExactly("drop/", "uploads/");
    }

    @Test
    void jobTableIsOnDemandWithTheTtlAttributeAndIndexTheCodeUses() {
        Map<String, Object> table = template.properties("JobTable");
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        String ttl = String.valueOf(map(table.get("TimeToLiveSpecification")).get("AttributeName"));
        String index = String.valueOf(map(list(table.get("GlobalSecondaryIndexes")).get(0)).get("IndexName"));
        String code = String.join("\n", SourceTree.read(List.of(Path.of("src/main/java/dev/engram/progress")))
                .stream().map(SourceTree.Source::text).toList());
        assertThat(code).contains("\"" + ttl + "\"", "\"" + index + "\"");
    }

    /** The progress WebSocket API's functions: its keys, DynamoDB and the Management API are on the internet. */
    private static final Set<String> OUTSIDE_THE_VPC = Set.of("SocketAuthorizeFunction", "ProgressSocketFunction",
            "ProgressPushFunction");

    @Test
    void jvmFunctionsUseSnapStartAndLiveInThePrivateSubnets() {
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> f = template.function(function);
            assertThat(f.get("Runtime")).isEqualTo("java21");
            assertThat(f).as(function).containsKey("AutoPublishAlias");
            String snapStart = String.valueOf(map(f.get("SnapStart")).get("ApplyOn"));
            assertThat(snapStart).as(function + " SnapStart")
                    .isEqualTo(function.equals("MigrateFunction") ? "None" : "PublishedVersions");
            if (OUTSIDE_THE_VPC.contains(function)) {
                // The WebSocket functions reach no database (no secret read at start) and need the internet.
                assertThat(f).as(function).doesNotContainKey("VpcConfig");
                assertThat(template.environment(function).get("ENGRAM_SECRETS_DATABASE_ARN")).as(function).isEqualTo("");
            } else {
                assertThat(list(map(f.get("VpcConfig")).get("SubnetIds"))).as(function)
                        .containsExactly(Map.of("Ref", "PrivateSubnetA"), Map.of("Ref", "PrivateSubnetB"));
            }
            Object logGroup = map(f.get("LoggingConfig")).get("LogGroup");
            String group = String.valueOf(map(logGroup).get("Ref"));
            assertThat(template.resource(group).get("Type")).as(function + " log group").isEqualTo("AWS::Logs::LogGroup");
            assertThat(template.properties(group)).containsKey("RetentionInDays");
        }
    }

    @Test
    void thePrivateNetworkReachesAwsThroughEndpointsAndTheInternetOnlyThroughAnOptionalNat() {
        Map<String, String> endpoints = new java.util.TreeMap<>();
        for (String endpoint : template.ofType("AWS::EC2::VPCEndpoint")) {
            Map<String, Object> props = template.properties(endpoint);
            String service = String.valueOf(map(props.get("ServiceName")).get("Fn::Sub"))
                    .replace("com.amazonaws.${AWS::Region}.", "");
            endpoints.put(service, String.valueOf(props.get("VpcEndpointType")));
        }
        assertThat(endpoints).containsExactlyInAnyOrderEntriesOf(Map.of("s3", "Gateway", "dynamodb", "Gateway",
                "sqs", "Interface", "secretsmanager", "Interface", "sns", "Interface"));
        for (String type : List.of("AWS::EC2::NatGateway", "AWS::EC2::InternetGateway", "AWS::EC2::EIP")) {
            for (String name : template.ofType(type)) {
                assertThat(template.resource(name).get("Condition")).as(name).isEqualTo("UseNat");
            }
        }
    }

    @Test
    void theDatabaseIsAuroraServerlessV2BehindTheProxyWithGeneratedCredentials() {
        Map<String, Object> cluster = template.properties("DatabaseCluster");
        assertThat(cluster.get("Engine")).isEqualTo("aurora-postgresql");
        assertThat(cluster).containsKey("ServerlessV2ScalingConfiguration").doesNotContainKey("PubliclyAccessible");
        assertThat(template.properties("DatabaseInstance").get("DBInstanceClass")).isEqualTo("db.serverless");
        assertThat(String.valueOf(cluster.get("MasterUserPassword"))).contains("resolve:secretsmanager");
        assertThat(list(template.properties("DatabaseProxy").get("Auth"))).singleElement()
                .satisfies(auth -> assertThat(map(auth).get("SecretArn")).isEqualTo(Map.of("Ref", "DatabaseSecret")));
        Map<String, Object> migration = template.resource("DatabaseMigration");
        assertThat(map(migration.get("Properties")).get("ServiceToken")).isEqualTo(Map.of("Ref", "MigrateFunction.Alias"));
    }

    @Test
    void noSecretTravelsAsAParameterOrAnEnvironmentVariable() {
        template.section("Parameters").forEach((name, p) ->
                assertThat(map(p)).as(name + " (secrets belong in Secrets Manager)").doesNotContainKey("NoEcho"));
        for (String function : template.ofType("AWS::Serverless::Function")) {
            for (String variable : template.environment(function).keySet()) {
                if (!variable.endsWith("_ARN")) {
                    assertThat(variable).as(function).doesNotContain("PASSWORD", "SECRET", "API_KEY", "TOKEN");
                }
            }
        }
    }

    @Test
    void functionPoliciesNameTheirResourcesAndTheDropFolderIsScopedToTheCallersSub() {
        List<String> owners = new ArrayList<>(template.ofType("AWS::Serverless::Function"));
        owners.addAll(template.ofType("AWS::IAM::Role"));
        for (String function : owners) {
            Template.walk(template.properties(function).get("Policies"), function, (path, node) -> {
                if (node.containsKey("Effect")) {
                    assertThat(node.get("Resource")).as(path + " resource").isNotNull().isNotEqualTo("*");
                    assertThat(String.valueOf(node.get("Action"))).as(path).doesNotContain("s3:*", "sqs:*", "dynamodb:*");
                }
            });
        }
        String drop = String.valueOf(map(list(map(map(list(template.properties("DropFolderRole").get("Policies"))
                .get(0)).get("PolicyDocument")).get("Statement")).get(0)).get("Resource"));
        assertThat(drop).contains("/drop/${!aws:PrincipalTag/sub}/*");
        assertThat(template.properties("IdentityPoolPrincipalTags").get("PrincipalTags")).isEqualTo(Map.of("sub", "sub"));
    }

    @Test
    void signUpIsClosedByDefaultAndTheAdminGroupIsTheRoleTheAdminRoutesRequire() {
        Object adminOnly = map(template.properties("UserPool").get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly");
        assertThat(list(map(adminOnly).get("Fn::If"))).containsExactly("OpenSignUp", false, true);
        assertThat(map(template.section("Parameters").get("SelfSignUp")).get("Default")).isEqualTo("false");
        String group = String.valueOf(template.properties("AdminGroup").get("GroupName"));
        String code = String.join("\n", SourceTree.read(List.of(Path.of("src/main/java"))).stream()
                .map(SourceTree.Source::text).toList());
        assertThat(code).contains("@RolesAllowed(\"" + group + "\")");
        assertThat(template.section("Rules")).as("a JWT issuer needs an audience").containsKey("AudienceWithIssuer");
    }

    @Test
    void everyFunctionThatReadsTheProviderSecretAtStartMayReadIt() {
        for (String function : template.ofType("AWS::Serverless::Function")) {
            if (!template.environment(function).containsKey("ENGRAM_SECRETS_PROVIDER_ARN")
                    || "".equals(template.environment(function).get("ENGRAM_SECRETS_PROVIDER_ARN"))) {
                continue;
            }
            List<String> resources = new ArrayList<>();
            Object role = map(template.properties(function).get("Role")).get("Fn::GetAtt");
            Object policies = role == null ? template.properties(function).get("Policies")
                    : template.properties(String.valueOf(list(role).get(0))).get("Policies");
            Template.walk(policies, function, (path, node) -> {
                if (String.valueOf(node.get("Action")).contains("secretsmanager:GetSecretValue")) {
                    resources.add(String.valueOf(node.get("Resource")));
                }
            });
            assertThat(resources).as(function + " reads ENGRAM_SECRETS_PROVIDER_ARN at start")
                    .anySatisfy(r -> assertThat(r).contains("ProviderSecretArn"));
        }
    }

    /** The queue a {@code !GetAtt Queue.Arn} or {@code !Ref Queue} names. */
    private static String queueOf(Object reference) {
        Map<String, Object> fn = map(reference);
        if (fn.containsKey("Fn::GetAtt")) {
            return String.valueOf(list(fn.get("Fn::GetAtt")).get(0));
        }
        return String.valueOf(fn.get("Ref"));
    }
}
