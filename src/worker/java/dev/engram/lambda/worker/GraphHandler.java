package dev.engram.lambda.worker;

import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueNames;
import jakarta.inject.Named;

/**
 * The graph function: processed chunks' entities and relationships into their owners' knowledge graphs. Its stage
 * is {@link dev.engram.graph.GraphStage}, which reads the graph queue.
 */
@Named("graph")
public class GraphHandler extends SqsBatchHandler {

    GraphHandler(BatchProcessor processor) {
        super(processor, QueueNames.GRAPH);
    }
}
