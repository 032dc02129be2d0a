package dev.engram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a million chunks would cost on AWS in requests and compute, from one run's measurements and us-east-1 list
 * prices: the process and split functions' billed GB-seconds at template.yaml's memory size and their invocations,
 * SQS requests, DynamoDB on-demand capacity units and Aurora I/O requests. Aurora's ACU-hours, storage, the API
 * function and data transfer are not included.
 */
record LambdaCost(Map<String, Double> usdPerMillionChunks, Map<String, Object> inputs) {

    /** Lambda (x86) per GB-second and per request; SQS standard per request (64 KB each). */
    static final double LAMBDA_GB_SECOND = 0.0000166667;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double SQS_REQUEST = 0.40 / 1e6;
    /** DynamoDB on demand since November 2024: per write and read request unit. */
    static final double DDB_WRITE_UNIT = 0.625 / 1e6;
    static final double DDB_READ_UNIT = 0.125 / 1e6;
    /** Aurora Standard (not I/O-Optimized): per million I/O requests. */
    static final double AURORA_IO = 0.20 / 1e6;
    static final String PRICES = "us-east-1 list prices: Lambda x86 $0.0000166667 per GB-s and $0.20 per million"
            + " requests; SQS standard $0.40 per million requests; DynamoDB on demand $0.625 per million write"
            + " units and $0.125 per million read units; Aurora Standard $0.20 per million I/O requests";

    /**
     * Measured inputs of one run, all deltas over the same interval.
     *
     * @param chunks                chunks processed
     * @param documents             documents split
     * @param processBatches        process-stage batches (Lambda invocations of the process function)
     * @param processWallSeconds    the process stage's batch wall time in Engram's own timer, summed
     * @param processLeastSeconds   the least the process stage could take: the provider's answer times it waited
     *                              for (at the provider's nominal latency) plus Engram's CPU seconds outside the
     *                              split stage
     * @param splitCpuSeconds       CPU seconds of the ingest pollers' threads (the split stage)
     * @param splitBatchSize        documents per split invocation (template.yaml)
     * @param sqsRequests           requests Engram made to SQS
     * @param ddbWriteUnits         DynamoDB write units of Engram's requests
     * @param ddbReadUnits          DynamoDB read units of Engram's requests
     * @param auroraIo              Postgres blocks read plus WAL written in 4 KiB units
     */
    record Inputs(long chunks, long documents, long processBatches, double processWallSeconds,
            double processLeastSeconds,
            double splitCpuSeconds, int splitBatchSize, long sqsRequests, double ddbWriteUnits, double ddbReadUnits,
            long auroraIo) {
    }

    static LambdaCost of(Inputs in) {
        double gb = functionMemoryMb(Path.of("template.yaml")) / 1024.0;
        double perChunk = 1e6 / in.chunks();
        Map<String, Double> usd = new LinkedHashMap<>();
        usd.put("process_compute", round(in.processLeastSeconds() * gb * LAMBDA_GB_SECOND * perChunk));
        usd.put("process_requests", round(in.processBatches() * LAMBDA_REQUEST * perChunk));
        usd.put("split_compute", round(in.splitCpuSeconds() * gb * LAMBDA_GB_SECOND * perChunk));
        usd.put("split_requests", round(Math.ceil(in.documents() / (double) in.splitBatchSize()) * LAMBDA_REQUEST
                * perChunk));
        usd.put("sqs", round(in.sqsRequests() * SQS_REQUEST * perChunk));
        usd.put("dynamodb", round((in.ddbWriteUnits() * DDB_WRITE_UNIT + in.ddbReadUnits() * DDB_READ_UNIT)
                * perChunk));
        usd.put("aurora_io", round(in.auroraIo() * AURORA_IO * perChunk));
        usd.put("total", round(usd.values().stream().mapToDouble(Double::doubleValue).sum()));
        // The same with the process stage billed for the wall time its batches took here, where they also waited
        // for the shared cores, the connection pool and the local stand-ins.
        usd.put("total_at_local_wall_time", round(usd.get("total") - usd.get("process_compute")
                + in.processWallSeconds() * gb * LAMBDA_GB_SECOND * perChunk));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("function_memory_gb", gb);
        inputs.put("process_billed_seconds_per_chunk", round4(in.processLeastSeconds() / in.chunks()));
        inputs.put("process_local_wall_seconds_per_chunk", round4(in.processWallSeconds() / in.chunks()));
        inputs.put("process_invocations_per_chunk", round4(in.processBatches() / (double) in.chunks()));
        inputs.put("split_billed_seconds_per_chunk", round4(in.splitCpuSeconds() / in.chunks()));
        inputs.put("sqs_requests_per_chunk", round4(in.sqsRequests() / (double) in.chunks()));
        inputs.put("dynamodb_write_units_per_chunk", round4(in.ddbWriteUnits() / in.chunks()));
        inputs.put("dynamodb_read_units_per_chunk", round4(in.ddbReadUnits() / in.chunks()));
        inputs.put("aurora_io_per_chunk", round4(in.auroraIo() / (double) in.chunks()));
        return new LambdaCost(usd, inputs);
    }

    double total() {
        return usdPerMillionChunks.get("total");
    }

    /** The functions' memory size: {@code MemorySize} under {@code Globals} in template.yaml. */
    static int functionMemoryMb(Path template) {
        try {
            Matcher m = Pattern.compile("(?s)^Globals:.*?\\n\\s+MemorySize:\\s*(\\d+)", Pattern.MULTILINE)
                    .matcher(Files.readString(template));
            if (!m.find()) {
                throw new IllegalStateException("no MemorySize under Globals in " + template);
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
