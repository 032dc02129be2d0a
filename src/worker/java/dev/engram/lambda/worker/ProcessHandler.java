package dev.engram.lambda.worker;

import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueNames;
import jakarta.inject.Named;

/**
 * The process function: chunk messages into pending memories and job progress. Its stage is
 * {@link dev.engram.process.ProcessStage}, which reads the chunk queue.
 */
@Named("process")
public class ProcessHandler extends SqsBatchHandler {

    ProcessHandler(BatchProcessor processor) {
        super(processor, QueueNames.CHUNKS);
    }
}
