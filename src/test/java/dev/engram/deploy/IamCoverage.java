package dev.engram.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a function's role in template.yaml allows (after the SAM transform, the policies SAM adds included) against what
 * its code was seen to call in the Lambda variants' tests ({@code target/iam-calls}, recorded by the SDK interceptor
 * {@code SdkCallRecorder}), with IAM's matching: actions case-insensitively, actions and ARNs with {@code *} and
 * {@code ?} wildcards, {@code s3:prefix} conditions on listings. Resources are rendered as a stack named
 * {@value #STACK} in {@value #REGION}, account {@value #ACCOUNT}, with the template's defaults.
 */
public final class IamCoverage {

    static final String STACK = "engram";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final Path CALLS = Path.of("target", "iam-calls");
    static final Path REPORT = Path.of("target", "iam-coverage");
    /** Services whose grants the Lambda service itself uses for any function (logs, VPC network interfaces). */
    private static final Set<String> PLATFORM = Set.of("logs", "ec2");
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    /** The AWS managed policies SAM attaches, as AWS documents them. */
    private static final Map<String, List<Grant>> MANAGED = Map.of(
            "AWSLambdaBasicExecutionRole", List.of(
                    new Grant("logs:CreateLogGroup", "*", null), new Grant("logs:CreateLogStream", "*", null),
                    new Grant("logs:PutLogEvents", "*", null)),
            "AWSLambdaVPCAccessExecutionRole", List.of(
                    new Grant("logs:CreateLogGroup", "*", null), new Grant("logs:CreateLogStream", "*", null),
                    new Grant("logs:PutLogEvents", "*", null), new Grant("ec2:CreateNetworkInterface", "*", null),
                    new Grant("ec2:DescribeNetworkInterfaces", "*", null), new Grant("ec2:DescribeSubnets", "*", null),
                    new Grant("ec2:DeleteNetworkInterface", "*", null),
                    new Grant("ec2:AssignPrivateIpAddresses", "*", null),
                    new Grant("ec2:UnassignPrivateIpAddresses", "*", null)),
            "AWSLambdaSQSQueueExecutionRole", List.of(
                    new Grant("sqs:ReceiveMessage", "*", null), new Grant("sqs:DeleteMessage", "*", null),
                    new Grant("sqs:GetQueueAttributes", "*", null), new Grant("logs:CreateLogGroup", "*", null),
                    new Grant("logs:CreateLogStream", "*", null), new Grant("logs:PutLogEvents", "*", null)));

    private final JsonNode template;
    private final JsonNode resources;

    private IamCoverage(JsonNode template) {
        this.template = template;
        this.resources = template.path("Resources");
    }

    /**
     * Checks every function whose calls this test run recorded (skipped, and said so, when it recorded none) and
     * returns the outcomes; the caller asserts on them.
     */
    public static List<Coverage> checkThisRun() {
        if (!dev.engram.testing.SdkCallRecorder.recordedThisRun()) {
            System.out.println("==> no AWS SDK call was recorded in this test run: IAM coverage skipped");
            org.junit.jupiter.api.Assumptions.abort("no AWS SDK call was recorded in this test run");
        }
        IamCoverage iam = ofTemplate();
        List<Coverage> outcomes = new ArrayList<>();
        for (String function : iam.ofType("AWS::Lambda::Function")) {
            String handler = iam.handlerOf(function);
            if (Files.exists(CALLS.resolve(handler + ".tsv"))) {
                outcomes.add(iam.check(function, handler, iam.beyondTheSdk(function)));
            }
        }
        return outcomes;
    }

    /** What a function's role does that no SDK call in the tests shows: the secrets read at start (tests set none). */
    List<Grant> beyondTheSdk(String function) {
        return List.of(new Grant("secretsmanager:GetSecretValue",
                environmentValue(function, "ENGRAM_SECRETS_DATABASE_ARN"), null));
    }

    /** The template with its defaults, transformed. */
    public static IamCoverage ofTemplate() {
        return new IamCoverage(SamTransform.of(Map.of()));
    }

    /** One action on one resource (an ARN, wildcards allowed in grants), with the listing prefix where it matters. */
    public record Grant(String action, String resource, String prefix) {
        @Override
        public String toString() {
            return action + " on " + resource + (prefix == null || prefix.isEmpty() ? "" : " (prefix " + prefix + ")");
        }
    }

    /** The outcome for one function: calls its role does not allow, and grants nothing was seen to use. */
    public record Coverage(String function, List<Grant> denied, List<Grant> unused, int calls) {
    }

    /**
     * Compares {@code function}'s role with its recorded calls (handler {@code handler}) and what the platform does
     * with its role on the function's behalf: the queue event sources poll with it, and the secrets are read at start.
     */
    public Coverage check(String function, String handler, List<Grant> declared) {
        Set<Grant> needed = new LinkedHashSet<>(recorded(handler));
        int calls = needed.size();
        needed.addAll(eventSources(function));
        needed.addAll(declared);
        List<Grant> grants = role(function);
        List<Grant> denied = new ArrayList<>();
        Set<Grant> used = new LinkedHashSet<>();
        for (Grant need : needed) {
            List<Grant> allowing = grants.stream().filter(g -> allows(g, need)).toList();
            if (allowing.isEmpty()) {
                denied.add(need);
            }
            used.addAll(allowing);
        }
        List<Grant> unused = grants.stream().filter(g -> !used.contains(g))
                .filter(g -> !PLATFORM.contains(g.action().split(":")[0])).distinct().toList();
        report(function, needed, denied, unused);
        return new Coverage(function, denied, unused, calls);
    }

    /** The function's calls as the tests recorded them, their resources renamed to the stack's. */
    List<Grant> recorded(String handler) {
        Path file = CALLS.resolve(handler + ".tsv");
        if (!Files.exists(file)) {
            return List.of();
        }
        Set<Grant> calls = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                calls.add(new Grant(f[1], deployed(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(calls);
    }

    /** A recorded resource ({@code queue:…}, {@code table:…}, {@code object:bucket/key}, …) as the stack's ARN. */
    public String deployed(String recorded) {
        String kind = recorded.substring(0, recorded.indexOf(':') + 1);
        String name = recorded.substring(kind.length());
        return switch (kind) {
            case "queue:" -> arn(queueFor(name), "Arn");
            case "table:" -> arn(only("AWS::DynamoDB::Table"), "Arn");
            case "index:" -> arn(only("AWS::DynamoDB::Table"), "Arn") + "/index/" + name.substring(name.indexOf('/') + 1);
            case "object:" -> arn(only("AWS::S3::Bucket"), "Arn") + "/" + name.substring(name.indexOf('/') + 1);
            case "bucket:" -> arn(only("AWS::S3::Bucket"), "Arn");
            case "topic:" -> ref(only("AWS::SNS::Topic"));
            default -> recorded;
        };
    }

    /** The queue whose name, after the stack's prefix, the test queue's name ends with (the longest such). */
    private String queueFor(String testName) {
        String best = null;
        int bestLength = -1;
        for (String logical : ofType("AWS::SQS::Queue")) {
            String deployedName = text(resources.path(logical).path("Properties").path("QueueName"));
            String suffix = deployedName.substring(STACK.length());
            if (testName.endsWith(suffix) && suffix.length() > bestLength) {
                best = logical;
                bestLength = suffix.length();
            }
        }
        if (best == null) {
            throw new IllegalStateException("no queue in template.yaml for the test queue " + testName);
        }
        return best;
    }

    /** What the Lambda service does with the function's role for each queue event source. */
    private List<Grant> eventSources(String function) {
        List<Grant> needs = new ArrayList<>();
        resources.properties().forEach(e -> {
            JsonNode props = e.getValue().path("Properties");
            if ("AWS::Lambda::EventSourceMapping".equals(e.getValue().path("Type").asText())
                    && String.valueOf(props.path("FunctionName").path("Ref").asText()).startsWith(function + "Alias")) {
                String queue = text(props.path("EventSourceArn"));
                for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
                    needs.add(new Grant(action, queue, null));
                }
            }
        });
        return needs;
    }

    /** Every Allow grant of the function's role, one per action and resource, managed policies expanded. */
    List<Grant> role(String function) {
        JsonNode role = resources.path(function + "Role");
        if (role.isMissingNode()) {
            throw new IllegalStateException(function + " has no role SAM generated (" + function + "Role)");
        }
        List<Grant> grants = new ArrayList<>();
        for (JsonNode arn : role.path("Properties").path("ManagedPolicyArns")) {
            String name = text(arn).replaceAll(".*/", "");
            List<Grant> managed = MANAGED.get(name);
            if (managed == null) {
                throw new IllegalStateException(function + "'s role has a managed policy the check does not know: " + name);
            }
            grants.addAll(managed);
        }
        for (JsonNode policy : role.path("Properties").path("Policies")) {
            for (JsonNode statement : list(value(policy.path("PolicyDocument").path("Statement")))) {
                if (statement.has("NotAction") || statement.has("NotResource")) {
                    throw new IllegalStateException(function + ": NotAction/NotResource are not checked");
                }
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    throw new IllegalStateException(function + ": only Allow statements are checked");
                }
                String prefix = prefixCondition(statement.path("Condition"));
                for (JsonNode action : list(value(statement.path("Action")))) {
                    for (JsonNode resource : list(value(statement.path("Resource")))) {
                        grants.add(new Grant(text(action), text(resource), prefix));
                    }
                }
            }
        }
        return grants;
    }

    /** The {@code s3:prefix} patterns of a StringLike condition, joined by {@code |}; other conditions fail the check. */
    private String prefixCondition(JsonNode condition) {
        if (condition.isMissingNode() || condition.isEmpty()) {
            return null;
        }
        JsonNode like = condition.path("StringLike");
        if (condition.size() != 1 || like.size() != 1 || !like.has("s3:prefix")) {
            throw new IllegalStateException("a condition the check does not evaluate: " + condition);
        }
        List<String> patterns = new ArrayList<>();
        list(value(like.path("s3:prefix"))).forEach(p -> patterns.add(text(p)));
        return String.join("|", patterns);
    }

    /** Whether IAM would let {@code grant} authorize {@code need}. */
    static boolean allows(Grant grant, Grant need) {
        if (!wildcard(grant.action().toLowerCase(Locale.ROOT), need.action().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (!wildcard(grant.resource(), need.resource())) {
            return false;
        }
        if (grant.prefix() == null) {
            return true;
        }
        // With an s3:prefix condition a listing must name a prefix the condition accepts.
        String asked = need.prefix() == null ? "" : need.prefix();
        for (String pattern : grant.prefix().split("\\|")) {
            if (wildcard(pattern, asked)) {
                return true;
            }
        }
        return false;
    }

    /** IAM's wildcards: {@code *} any run of characters (slashes and colons included), {@code ?} one character. */
    static boolean wildcard(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    // ---- rendering the template's intrinsic functions for one stack ----

    /** A node with its intrinsic functions evaluated ({@code !If} by the conditions at the defaults). */
    JsonNode value(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Fn::If" -> {
                    return value(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                }
                case "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::FindInMap" -> {
                    return JsonNodeFactory.instance.textNode(text(node));
                }
                default -> {
                    return node;
                }
            }
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> {
                JsonNode v = value(n);
                if (v.isArray()) {
                    out.addAll((com.fasterxml.jackson.databind.node.ArrayNode) v);
                } else {
                    out.add(v);
                }
            });
            return out;
        }
        return node;
    }

    /** A scalar expression as the stack would resolve it. */
    String text(JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return ref(node.get("Ref").asText());
        }
        if (node.has("Fn::GetAtt")) {
            JsonNode at = node.get("Fn::GetAtt");
            return at.isArray() ? arn(at.get(0).asText(), at.get(1).asText())
                    : arn(at.asText().split("\\.", 2)[0], at.asText().split("\\.", 2)[1]);
        }
        if (node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            String body = sub.isArray() ? sub.get(0).asText() : sub.asText();
            JsonNode vars = sub.isArray() ? sub.get(1) : JsonNodeFactory.instance.objectNode();
            Matcher m = SUB.matcher(body);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String replacement;
                if (name.startsWith("!")) {
                    replacement = "${" + name.substring(1) + "}";
                } else if (vars.has(name)) {
                    replacement = text(vars.get(name));
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    replacement = arn(name.split("\\.", 2)[0], name.split("\\.", 2)[1]);
                } else {
                    replacement = ref(name);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (node.has("Fn::If")) {
            return text(value(node));
        }
        if (node.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            node.get("Fn::Join").get(1).forEach(p -> parts.add(text(p)));
            return String.join(node.get("Fn::Join").get(0).asText(), parts);
        }
        if (node.has("Fn::FindInMap")) {
            JsonNode key = node.get("Fn::FindInMap");
            return text(template.path("Mappings").path(text(key.get(0))).path(text(key.get(1))).path(text(key.get(2))));
        }
        throw new IllegalStateException("an expression the check cannot render: " + node);
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return STACK;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asText("");
        }
        JsonNode resource = resources.path(name);
        String type = resource.path("Type").asText();
        JsonNode props = resource.path("Properties");
        return switch (type) {
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/"
                    + text(props.path("QueueName"));
            case "AWS::DynamoDB::Table" -> text(props.path("TableName"));
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + text(props.path("TopicName"));
            case "AWS::S3::Bucket" -> text(props.path("BucketName"));
            case "AWS::SecretsManager::Secret" -> "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:"
                    + text(props.path("Name")) + "-AbCdEf";
            default -> name;
        };
    }

    private String arn(String logical, String attribute) {
        JsonNode props = resources.path(logical).path("Properties");
        String type = resources.path(logical).path("Type").asText();
        return switch (type + "." + attribute) {
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + text(props.path("QueueName"));
            case "AWS::SQS::Queue.QueueName" -> text(props.path("QueueName"));
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + text(props.path("BucketName"));
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/"
                    + text(props.path("TableName"));
            default -> logical + "." + attribute;
        };
    }

    private boolean condition(String name) {
        return evaluate(template.path("Conditions").path(name));
    }

    private boolean evaluate(JsonNode c) {
        if (c.has("Fn::Equals")) {
            return text(c.get("Fn::Equals").get(0)).equals(text(c.get("Fn::Equals").get(1)));
        }
        if (c.has("Fn::Not")) {
            return !evaluate(c.get("Fn::Not").get(0));
        }
        if (c.has("Fn::And")) {
            boolean all = true;
            for (JsonNode part : c.get("Fn::And")) {
                all &= evaluate(part);
            }
            return all;
        }
        if (c.has("Fn::Or")) {
            boolean any = false;
            for (JsonNode part : c.get("Fn::Or")) {
                any |= evaluate(part);
            }
            return any;
        }
        if (c.has("Condition")) {
            return condition(c.get("Condition").asText());
        }
        throw new IllegalStateException("a condition the check cannot evaluate: " + c);
    }

    private String only(String type) {
        List<String> names = ofType(type);
        if (names.size() != 1) {
            throw new IllegalStateException("expected one " + type + ", found " + names);
        }
        return names.get(0);
    }

    private List<String> ofType(String type) {
        List<String> names = new ArrayList<>();
        resources.properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    /** The function's {@code QUARKUS_LAMBDA_HANDLER}, or {@code api} for the lambda-http function. */
    public String handlerOf(String function) {
        JsonNode handler = resources.path(function).path("Properties").path("Environment").path("Variables")
                .path("QUARKUS_LAMBDA_HANDLER");
        return handler.isMissingNode() ? "api" : handler.asText();
    }

    /** The ARN the function's environment variable resolves to (e.g. the database secret). */
    public String environmentValue(String function, String variable) {
        return text(resources.path(function).path("Properties").path("Environment").path("Variables").path(variable));
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    private void report(String function, Set<Grant> needed, List<Grant> denied, List<Grant> unused) {
        StringBuilder out = new StringBuilder(function + "\n\nneeded (calls seen, event sources, start-up reads):\n");
        new TreeSet<>(needed.stream().map(Grant::toString).toList()).forEach(g -> out.append("  ").append(g).append('\n'));
        out.append("\nnot allowed by its role:\n");
        denied.forEach(g -> out.append("  ").append(g).append('\n'));
        out.append("\ngranted but used by no call seen:\n");
        unused.forEach(g -> out.append("  ").append(g).append('\n'));
        try {
            Files.createDirectories(REPORT);
            Files.writeString(REPORT.resolve(function + ".txt"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("==> IAM coverage of " + function + ": " + needed.size() + " needs, " + denied.size()
                + " not allowed, " + unused.size() + " grants unused (" + REPORT.resolve(function + ".txt") + ")");
        unused.forEach(g -> System.out.println("    unused: " + g));
    }
}
