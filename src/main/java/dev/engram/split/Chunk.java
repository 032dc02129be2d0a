package dev.engram.split;

/**
 * A piece of a document sized for extraction and embedding, with its provenance.
 *
 * @param index        0-based position in the document
 * @param text         the chunk's text
 * @param start        character offset of the chunk in the document (inclusive)
 * @param end          character offset of the chunk in the document (exclusive)
 * @param overlapChars length of the prefix repeated from the previous chunk (0 for the first)
 * @param pageStart    first page the chunk covers, or null
 * @param pageEnd      last page the chunk covers, or null
 * @param headingPath  the headings above the chunk's start, or null
 * @param tokens       estimated model tokens
 */
public record Chunk(int index, String text, int start, int end, int overlapChars, Integer pageStart,
        Integer pageEnd, String headingPath, int tokens) {
}
