package dev.engram.extract;

import java.util.List;

/** Turns one chunk of text into memory candidates. Implementations are chosen by {@code engram.extract.provider}. */
public interface Extractor {

    /** The provider name used in configuration ({@code rules}, {@code openai}). */
    String name();

    /**
     * Extracts candidates of the requested types from {@code text}.
     *
     * @throws ExtractionException when the provider failed; {@link ExtractionException#permanent()} tells whether a
     *                             retry could help
     */
    List<MemoryCandidate> extract(String text, ExtractionContext context);
}
