package dev.engram.eval;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.Extractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.process.Proposals;
import dev.engram.split.Chunk;
import dev.engram.split.Chunker;
import dev.engram.split.parse.DocumentReader;
import dev.engram.split.parse.ParsedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A document through the code a file upload takes: the split stage's parser and chunker, then the process stage's
 * {@link Proposals#candidates} per chunk with every type requested.
 */
public final class SplitPath {

    /** The split stage's defaults ({@code engram.split.chunk-tokens}, {@code engram.split.overlap-tokens}). */
    static final int CHUNK_TOKENS = 400;
    static final int OVERLAP_TOKENS = 48;

    private final DocumentReader reader = new DocumentReader();
    private final Chunker chunker = new Chunker(CHUNK_TOKENS, OVERLAP_TOKENS);
    private final Path scratch;

    public SplitPath(Path scratch) {
        this.scratch = scratch;
    }

    /** The document's chunks, as the split stage would send them. */
    public List<Chunk> chunks(LabelledDocument doc) {
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve(doc.fileName());
            Files.writeString(file, doc.text());
            try {
                ParsedDocument parsed = reader.read(file, doc.fileName());
                return chunker.chunk(parsed.sections(), 0);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every memory the extractor proposes for the document, chunk after chunk. */
    public List<MemoryCandidate> extract(Extractor extractor, LabelledDocument doc) {
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), doc.referenceDate(),
                ZoneOffset.UTC);
        List<MemoryCandidate> out = new ArrayList<>();
        for (Chunk chunk : chunks(doc)) {
            out.addAll(Proposals.candidates(extractor, chunk, context));
        }
        return out;
    }
}
