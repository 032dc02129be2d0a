package dev.engram.extract.llm;

import java.util.List;

/** The model's whole answer for one chunk: the structured output the AI service returns. */
public record ExtractionAnswer(List<ExtractedItem> memories) {
}
