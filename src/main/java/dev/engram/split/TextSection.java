package dev.engram.split;

/**
 * A run of text from a parsed document with where it came from.
 *
 * @param text        the text
 * @param start       character offset of the text in the whole document
 * @param page        1-based page number, or null when the format has no pages
 * @param headingPath the headings above the text joined with " > ", or null
 */
public record TextSection(String text, int start, Integer page, String headingPath) {
}
