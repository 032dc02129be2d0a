package dev.engram.split;

import java.util.List;
import java.util.UUID;

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
 * @param people       the people the whole document lists as present ({@link dev.engram.extract.Roster}), so a
 *                     chunk far from the attendee list still knows their names; empty when it lists none
 * @param messageId    the chat message the chunk is, or null for a chunk of a document
 * @param spokenBefore lines naming who speaks ("SFC: ...", "**Rob:** ...") in the chunk's section before the chunk's
 *                     text, so a chunk cut from a long transcript still knows it is one, and that someone has spoken
 */
public record Chunk(int index, String text, int start, int end, int overlapChars, Integer pageStart,
        Integer pageEnd, String headingPath, int tokens, List<String> people, UUID messageId, int spokenBefore) {

    public Chunk {
        people = people == null ? List.of() : List.copyOf(people);
        spokenBefore = Math.max(0, spokenBefore);
    }

    /** A chunk of a document, its section's earlier speakers counted. */
    public Chunk(int index, String text, int start, int end, int overlapChars, Integer pageStart, Integer pageEnd,
            String headingPath, int tokens, List<String> people, int spokenBefore) {
        this(index, text, start, end, overlapChars, pageStart, pageEnd, headingPath, tokens, people, null, spokenBefore);
    }

    /** A chunk of a document. */
    public Chunk(int index, String text, int start, int end, int overlapChars, Integer pageStart, Integer pageEnd,
            String headingPath, int tokens, List<String> people) {
        this(index, text, start, end, overlapChars, pageStart, pageEnd, headingPath, tokens, people, null, 0);
    }

    /** One chat message as a chunk of its request's job. */
    public static Chunk ofMessage(UUID messageId, int seq, String text, int tokens) {
        return new Chunk(seq, text, 0, text.length(), 0, null, null, null, tokens, List.of(), messageId, 0);
    }

    /** A chunk of a document that lists no one. */
    public Chunk(int index, String text, int start, int end, int overlapChars, Integer pageStart, Integer pageEnd,
            String headingPath, int tokens) {
        this(index, text, start, end, overlapChars, pageStart, pageEnd, headingPath, tokens, List.of(), null, 0);
    }
}
