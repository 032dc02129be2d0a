package dev.engram.platform.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The local event-source runner: what Lambda's SQS event sources and S3 notifications do on AWS. */
@ConfigMapping(prefix = "engram.local.runner")
public interface LocalRunnerSettings {

    /** Whether the runner polls the queues (and provisions the local queues, table and bucket). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long one batch may take, as a Lambda function's timeout does on AWS (template.yaml: split 120 s, process
     * 300 s); each message of a batch gets its share.
     */
    @WithDefault("PT120S")
    Duration invocationTimeout();

    /** How often the scheduled stages run (expire, sweeps), as the template's schedule does on AWS; e.g. {@code 5m}. */
    @WithDefault("5m")
    String scheduleEvery();

    /** Long-poll wait of each receive. */
    @WithDefault("PT5S")
    Duration waitTime();

    /** Concurrent pollers per logical queue (Lambda's maximum concurrency); queues not listed get one. */
    Map<String, Integer> concurrency();

    /**
     * CPU niceness of the pollers (Linux, 0 to 19): the stages run in the background of the API, as on AWS where
     * they are functions of their own.
     */
    @WithDefault("10")
    int nice();
}
