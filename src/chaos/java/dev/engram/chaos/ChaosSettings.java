package dev.engram.chaos;

import java.nio.file.Path;

/**
 * One chaos run's settings, from system properties ({@code -Dchaos.jobs=400}); the Makefile passes the ports and
 * CHAOS_OPTS. The defaults are the full run of {@code make chaos}; {@link #isShort()} runs are the smaller version.
 *
 * @param jobs              jobs to submit (a bulk group counts its items; purged ones leave the job table)
 * @param users             users submitting at once, one thread each
 * @param faultSeconds      least time faults are injected; load and kills run during it
 * @param settleSeconds     at most how long, after the faults stop, the run waits for every job to settle
 * @param settleIdleSeconds how long the run waits with no change in the job table or the work queues before it
 *                          gives up on the jobs not yet terminal (0: the queued timeout plus a minute, so the sweep's
 *                          own timers always get their turn)
 * @param killEveryMin      least seconds between two worker kills
 * @param killEveryMax      most seconds between two worker kills
 * @param dynamodbRate      share of DynamoDB calls that fail
 * @param sqsRate           share of SQS calls that fail
 * @param s3Rate            share of S3 calls that fail
 * @param haltRate          share of chunk counts before which the worker halts on the spot
 * @param apiFaultShare     the API process's fault rates as a share of the worker's
 * @param llmRate           share of LLM calls answered 429, 500, garbage or slowly
 * @param pgCutsPerMinute   Postgres connections cut per minute
 * @param duplicateEvery    seconds between two resent ingest messages
 * @param queuedTimeoutSeconds how long a job may wait queued before the sweep fails it as never queued
 * @param apiPort           the API process's HTTP port
 * @param workerPort        the worker process's HTTP port (health only)
 * @param proxyPort         the Postgres proxy's port
 * @param appDir            the packaged Engram to run
 * @param out               where logs and summary.json go
 * @param docs              the page written from the run, or null
 */
record ChaosSettings(int jobs, int users, int faultSeconds, int settleSeconds, int settleIdleSeconds,
        int killEveryMin, int killEveryMax,
        double dynamodbRate, double sqsRate, double s3Rate, double haltRate, double apiFaultShare, double llmRate,
        double pgCutsPerMinute, int duplicateEvery, int queuedTimeoutSeconds, int apiPort, int workerPort, int proxyPort, Path appDir,
        Path out, Path docs) {

    static ChaosSettings fromSystemProperties() {
        String docs = System.getProperty("chaos.docs", "docs/CHAOS.md");
        return new ChaosSettings(Integer.getInteger("chaos.jobs", 340), Integer.getInteger("chaos.users", 6),
                Integer.getInteger("chaos.fault-seconds", 480), Integer.getInteger("chaos.settle-seconds", 900),
                Integer.getInteger("chaos.settle-idle-seconds", 0),
                Integer.getInteger("chaos.kill-every-min", 10), Integer.getInteger("chaos.kill-every-max", 25),
                rate("chaos.dynamodb-rate", 0.3), rate("chaos.sqs-rate", 0.2), rate("chaos.s3-rate", 0.2),
                rate("chaos.halt-rate", 0.01), rate("chaos.api-fault-share", 1.0), rate("chaos.llm-rate", 0.4),
                rate("chaos.pg-cuts-per-minute", 90), Integer.getInteger("chaos.duplicate-every", 2),
                Integer.getInteger("chaos.queued-timeout-seconds", 600),
                Integer.getInteger("chaos.api-port", 18590), Integer.getInteger("chaos.worker-port", 18591),
                Integer.getInteger("chaos.proxy-port", 18592),
                Path.of(System.getProperty("chaos.app", "target/chaos/app")),
                Path.of(System.getProperty("chaos.out", "target/chaos")), docs.isBlank() ? null : Path.of(docs));
    }

    /** The settle wait's patience: with no change for this long, nothing is moving and what is left is stuck. */
    int settleIdle() {
        return settleIdleSeconds > 0 ? settleIdleSeconds : queuedTimeoutSeconds + 60;
    }

    /** A run smaller than the default's goals (fewer than 300 jobs): it proves the invariants, not the scale. */
    boolean isShort() {
        return jobs < 300;
    }

    private static double rate(String key, double fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }
}
