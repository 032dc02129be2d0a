package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/conversations}; every field optional.
 *
 * @param title    at most 255 characters
 * @param context  a JSON object of at most 16 KB
 * @param autoSave save extracted memories without review
 */
record NewConversation(String title, JsonNode context, Boolean autoSave) {
}
