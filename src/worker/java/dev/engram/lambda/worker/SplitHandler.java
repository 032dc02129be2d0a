package dev.engram.lambda.worker;

import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueNames;
import jakarta.inject.Named;

/**
 * The split function: the ingest queue (split requests and S3 notifications) into chunk messages. Its stage is
 * {@link dev.engram.split.SplitStage}, which reads the ingest queue.
 */
@Named("split")
public class SplitHandler extends SqsBatchHandler {

    SplitHandler(BatchProcessor processor) {
        super(processor, QueueNames.INGEST);
    }
}
