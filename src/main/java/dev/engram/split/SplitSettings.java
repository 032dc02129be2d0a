package dev.engram.split;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How documents are cut into chunks. */
@ConfigMapping(prefix = "engram.split")
public interface SplitSettings {

    /** Upper bound of a chunk's estimated tokens (bge-small reads 512). */
    @WithDefault("400")
    int chunkTokens();

    /** Tokens repeated from the end of one chunk at the start of the next. */
    @WithDefault("48")
    int overlapTokens();

    /** A PDF with more pages than this is parsed in page ranges of this size, one message each, in bounded memory. */
    @WithDefault("50")
    int pdfPagesPerRange();

    /**
     * Largest stored input the split stage reads, checked by its size (HEAD) before any of it is downloaded: presigned
     * uploads and drop-folder files arrive without passing the API's limits, and Lambda's {@code /tmp} holds 512 MB.
     * The same as the presigned upload limit.
     */
    @WithDefault("104857600")
    long maxInputBytes();

    /** Largest stored text input (the API's 50,000 characters take at most 200 KB); read into memory whole. */
    @WithDefault("1048576")
    long maxTextBytes();
}
