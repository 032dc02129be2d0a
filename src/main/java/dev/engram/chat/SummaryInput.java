package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a {@link Summarizer} reads for one version.
 *
 * @param previous the previous version's structured summary, or null for the first
 * @param window   the window's messages in seq order (purged ones carry no content)
 * @param context  what the client said the conversation is about (a JSON object), or null
 */
record SummaryInput(SummaryDraft previous, List<ChatMessage> window, JsonNode context) {
}
