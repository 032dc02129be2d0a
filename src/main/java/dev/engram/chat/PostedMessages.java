package dev.engram.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The answer to posted messages.
 *
 * @param conversationId where they went (the one {@code current} resolved to)
 * @param taskId         the job extracting memories from the user messages among them, absent when there were none
 * @param messages       each message's id, seq and processing state, in the order posted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostedMessages(UUID conversationId, String taskId, List<Posted> messages) {

    /** One posted message. */
    public record Posted(UUID id, int seq, String processing) {
    }
}
