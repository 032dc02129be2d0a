package dev.engram.lambda.worker;

import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueNames;
import jakarta.inject.Named;

/** The process function: chunk messages into pending memories and job progress. */
@Named("process")
public class ProcessHandler extends SqsBatchHandler {

    ProcessHandler(BatchProcessor processor) {
        super(processor, QueueNames.CHUNKS);
    }
}
