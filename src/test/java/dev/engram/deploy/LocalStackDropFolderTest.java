package dev.engram.deploy;

import static dev.engram.deploy.Template.list;
import static dev.engram.deploy.Template.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the Docker-free local stack cannot show: real S3 event notifications. On a machine with Docker, LocalStack
 * gets the template's bucket notifications (drop/ and uploads/ to the ingest queue), and a file put under
 * {@code drop/<user>/} arrives on the queue as the notification the split stage reads. Without a Docker daemon the
 * test is skipped, before Testcontainers is even asked.
 */
@Tag("docker")
class LocalStackDropFolderTest {

    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    @Test
    void aFileDroppedUnderAUsersFolderNotifiesTheIngestQueue() {
        assumeTrue(dockerAvailable(), "no Docker daemon here: LocalStack profile skipped (needs Docker; "
                + "the local stack without Docker covers everything else)");
        try (LocalStackContainer localstack = new LocalStackContainer(IMAGE)
                .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS)) {
            localstack.start();
            var credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
            Region region = Region.of(localstack.getRegion());
            try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(localstack.getEndpoint()).region(region).credentialsProvider(credentials)
                    .forcePathStyle(true).build();
                    SqsClient sqs = SqsClient.builder().endpointOverride(localstack.getEndpoint()).region(region)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .credentialsProvider(credentials).build()) {
                String queueUrl = sqs.createQueue(b -> b.queueName("engram-ingest")).queueUrl();
                String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                s3.createBucket(b -> b.bucket("engram-inputs"));
                List<QueueConfiguration> notifications = templatePrefixes().stream()
                        .map(prefix -> QueueConfiguration.builder().queueArn(queueArn).events(Event.S3_OBJECT_CREATED)
                                .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value(prefix))))
                                .build()).toList();
                s3.putBucketNotificationConfiguration(b -> b.bucket("engram-inputs")
                        .notificationConfiguration(n -> n.queueConfigurations(notifications)));

                s3.putObject(b -> b.bucket("engram-inputs").key("drop/alice/notes.md"),
                        RequestBody.fromString("Action item: Sarah to prepare market research by Feb 1."));
                s3.putObject(b -> b.bucket("engram-inputs").key("inputs/alice/ignored.txt"), RequestBody.fromString("x"));

                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10)
                        .maxNumberOfMessages(10)).messages();
                assertThat(messages).anySatisfy(m -> assertThat(m.body()).contains("drop/alice/notes.md"));
                assertThat(messages).noneSatisfy(m -> assertThat(m.body()).contains("inputs/alice/ignored.txt"));
            }
        }
    }

    private static List<String> templatePrefixes() {
        Map<String, Object> bucket = Template.load().properties("InputBucket");
        return list(map(bucket.get("NotificationConfiguration")).get("QueueConfigurations")).stream()
                .flatMap(n -> list(map(map(map(n).get("Filter")).get("S3Key")).get("Rules")).stream())
                .map(rule -> String.valueOf(map(rule).get("Value"))).toList();
    }

    /** A cheap look for a daemon first, so machines without Docker never wait on Testcontainers' probes. */
    private static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
