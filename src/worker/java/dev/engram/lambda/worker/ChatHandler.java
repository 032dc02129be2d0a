package dev.engram.lambda.worker;

import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueNames;
import jakarta.inject.Named;

/**
 * The chat function: new chat messages scored, the user messages worth it sent to the chunk queue. Its stage is
 * {@link dev.engram.chat.ChatStage}, which reads the chat queue.
 */
@Named("chat")
public class ChatHandler extends SqsBatchHandler {

    ChatHandler(BatchProcessor processor) {
        super(processor, QueueNames.CHAT);
    }
}
