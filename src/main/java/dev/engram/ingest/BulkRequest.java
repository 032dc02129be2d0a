package dev.engram.ingest;

import java.util.List;

/**
 * Body of {@code POST /api/v1/memories/extract/bulk}: up to 100 items extracted as one group.
 *
 * @param items         what to extract
 * @param extractTypes  types for every item (default all)
 * @param autoSave      save without review
 * @param referenceDate ISO date the items were written
 * @param timezone      IANA zone for relative dates
 */
record BulkRequest(List<Item> items, List<String> extractTypes, Boolean autoSave, String referenceDate,
        String timezone) {

    /**
     * One item.
     *
     * @param type     {@code text}, {@code message} (a chat message) or {@code file} (a stored file: the task id of
     *                 an earlier upload, or a key under your drop folder)
     * @param text     the text of a text or message item
     * @param id       the file's task id or key; for a message with text, its id in the source system; for a
     *                 message without text, the id of one of the caller's stored chat messages, extracted from its
     *                 content
     */
    public record Item(String type, String text, String id) {
    }
}
