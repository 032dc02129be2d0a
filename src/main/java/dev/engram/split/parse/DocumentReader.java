package dev.engram.split.parse;

import dev.engram.split.parse.ContentSniffer.Sniffed;
import dev.engram.split.parse.UnreadableDocumentException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Reads the text of a document with its provenance. The type comes from the content (magic bytes and container
 * entries), never from the name: a PDF named .txt is read as a PDF, a .docx holding plain text as text. The name only
 * tells Markdown from plain text. Everything that goes wrong with the document itself surfaces as an
 * {@link UnreadableDocumentException}; a missing file is an {@link UncheckedIOException}.
 *
 * <p>Each read runs on its own thread against a deadline ({@link ParseLimits#timeout()}): parsers check it as they go,
 * and the caller stops waiting shortly after it in any case, so a crafted file cannot hang the caller. Thread-safe.
 *
 * <p>POI's zip-bomb limits are process-wide statics: constructing a reader sets them from its limits.
 */
@ApplicationScoped
public class DocumentReader {

    /** How long past the deadline the caller waits for a parser that does not check it. */
    private static final long GRACE_MILLIS = 5_000;
    private static final long STACK_BYTES = 8L << 20;

    private final ParseLimits limits;

    /** A reader with {@link ParseLimits#DEFAULTS}. */
    public DocumentReader() {
        this(ParseLimits.DEFAULTS);
    }

    public DocumentReader(ParseLimits limits) {
        this.limits = limits;
        applyZipLimits();
    }

    /**
     * Reads a whole document.
     *
     * @param file         the document
     * @param fileNameHint the name the user gave it, or null; used only to tell Markdown from plain text
     * @throws UnreadableDocumentException when the document cannot be read, with the reason and a user-facing message
     */
    public ParsedDocument read(Path file, String fileNameHint) {
        return read(file, fileNameHint, null);
    }

    /**
     * Reads a whole document within the invocation that ends at {@code until} (null: no bound but the read's own
     * limit); running out of that time throws {@link UnreadableDocumentException.Reason#OUT_OF_TIME}.
     */
    public ParsedDocument read(Path file, String fileNameHint, Instant until) {
        requireFile(file);
        return withinTimeLimit(until, deadline -> readNow(file, fileNameHint, deadline));
    }

    /** The number of pages of a PDF, read without parsing page content. */
    public int pageCount(Path pdf) {
        return pageCount(pdf, null);
    }

    /** {@link #pageCount(Path)} within the invocation that ends at {@code until}. */
    public int pageCount(Path pdf, Instant until) {
        requireFile(pdf);
        return withinTimeLimit(until, deadline -> {
            requirePdf(pdf);
            return PdfParser.pageCount(pdf);
        });
    }

    /**
     * Reads pages {@code fromPage}..{@code toPage} (1-based, inclusive; {@code toPage} past the end means up to the
     * last page) of a PDF, with offsets starting at 0. A range without text gives no sections rather than NO_TEXT.
     */
    public ParsedDocument readPdfPages(Path pdf, int fromPage, int toPage) {
        return readPdfPages(pdf, fromPage, toPage, 0, null);
    }

    /** {@link #readPdfPages(Path, int, int)} within the invocation that ends at {@code until}. */
    public ParsedDocument readPdfPages(Path pdf, int fromPage, int toPage, Instant until) {
        return readPdfPages(pdf, fromPage, toPage, 0, until);
    }

    /**
     * Reads a page range as {@link #readPdfPages(Path, int, int)}, its first section starting at {@code startOffset}
     * so that ranges read one after the other share one offset space: pass the previous range's
     * {@link ParsedDocument#nextStart(int) nextStart(previousStartOffset)}.
     */
    public ParsedDocument readPdfPages(Path pdf, int fromPage, int toPage, int startOffset) {
        return readPdfPages(pdf, fromPage, toPage, startOffset, null);
    }

    private ParsedDocument readPdfPages(Path pdf, int fromPage, int toPage, int startOffset, Instant until) {
        if (fromPage < 1 || toPage < fromPage || startOffset < 0) {
            throw new IllegalArgumentException("need 1 <= fromPage <= toPage and startOffset >= 0, got "
                    + fromPage + ".." + toPage + " at " + startOffset);
        }
        requireFile(pdf);
        return withinTimeLimit(until, deadline -> {
            requirePdf(pdf);
            SectionCollector out = new SectionCollector(startOffset, limits.maxChars(), deadline);
            return PdfParser.read(pdf, fromPage, toPage, false, out, deadline);
        });
    }

    private ParsedDocument readNow(Path file, String hint, Deadline deadline) {
        try {
            if (Files.size(file) == 0) {
                throw new UnreadableDocumentException(Reason.EMPTY, "the file is empty");
            }
            Sniffed sniffed = ContentSniffer.sniff(file);
            SectionCollector out = new SectionCollector(0, limits.maxChars(), deadline);
            return switch (sniffed.kind()) {
                case PDF -> PdfParser.read(file, 1, Integer.MAX_VALUE, true, out, deadline);
                case DOCX -> nonEmpty(readDocx(file, out, deadline));
                case DOC -> nonEmpty(readDoc(file, out, deadline));
                case TEXT -> nonEmpty(readText(file, hint, out));
                case ENCRYPTED_OOXML -> throw new UnreadableDocumentException(Reason.ENCRYPTED, passwordMessage());
                case DAMAGED_OLE2 -> throw new UnreadableDocumentException(Reason.CORRUPT,
                        "the file is damaged and could not be read (" + sniffed.description() + ")");
                case DAMAGED_ZIP -> throw new UnreadableDocumentException(Reason.CORRUPT,
                        "the file is a damaged or truncated ZIP archive (as an incomplete DOCX upload would be); "
                                + "upload it again");
                case UNSUPPORTED -> throw new UnreadableDocumentException(Reason.UNSUPPORTED,
                        "unsupported file type: the content is " + article(sniffed.description()) + " "
                                + sniffed.description() + "; upload a PDF, Word (DOCX or DOC), Markdown or text file");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName(), e);
        }
    }

    private ParsedDocument readDocx(Path file, SectionCollector out, Deadline deadline) {
        applyZipLimits();
        try {
            return DocxParser.parse(file, out, deadline);
        } catch (Exception | StackOverflowError e) {
            throw translateOffice("DOCX", e, file);
        }
    }

    private ParsedDocument readDoc(Path file, SectionCollector out, Deadline deadline) throws IOException {
        if (Files.size(file) > limits.maxFileBytes()) {
            throw fileTooLarge();
        }
        try {
            return LegacyDocParser.parse(file, out, deadline);
        } catch (Exception | StackOverflowError e) {
            throw translateOffice("Word document", e, file);
        }
    }

    private ParsedDocument readText(Path file, String hint, SectionCollector out) throws IOException {
        long size = Files.size(file);
        // Every encoding we read spends at most four bytes on a character.
        if (size > limits.maxFileBytes() || size > 4L * (limits.maxChars() + 1)) {
            throw size > limits.maxFileBytes() ? fileTooLarge() : SectionCollector.tooMuchText(limits.maxChars());
        }
        String text = TextDecoder.decode(Files.readAllBytes(file)).text();
        if (text.isBlank()) {
            throw new UnreadableDocumentException(Reason.EMPTY, "the file contains only whitespace");
        }
        String name = hint == null ? "" : hint.strip().toLowerCase(Locale.ROOT);
        boolean markdown = name.endsWith(".md") || name.endsWith(".markdown")
                || MarkdownParser.looksLikeMarkdown(text);
        return markdown ? MarkdownParser.parse(text, out) : PlainTextParser.parse(text, out);
    }

    private static ParsedDocument nonEmpty(ParsedDocument document) {
        if (document.sections().isEmpty()) {
            throw new UnreadableDocumentException(Reason.EMPTY, "the document has no text");
        }
        return document;
    }

    static UnreadableDocumentException translateOffice(String kind, Throwable e, Path file) {
        if (e instanceof UnreadableDocumentException unreadable) {
            return unreadable;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new UnreadableDocumentException(Reason.ENCRYPTED, passwordMessage(), e);
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // POI's ZipSecureFile limits: expanded size, inflate ratio, entry count, extracted text size.
            if (message.contains("zip bomb") || message.contains("more internal file entries")
                    || message.contains("max allowed overall size")) {
                return new UnreadableDocumentException(Reason.TOO_LARGE, "the " + kind
                        + " expands to far more data than allowed (it may be a zip bomb); split or re-save it", e);
            }
        }
        if (e instanceof StackOverflowError) {
            return new UnreadableDocumentException(Reason.CORRUPT,
                    "the " + kind + " is damaged: its structure is nested too deeply to read", e);
        }
        return new UnreadableDocumentException(Reason.CORRUPT, "the " + kind + " is damaged and could not be read ("
                + ParseFailures.describe(e, file) + ")", e);
    }

    private static String passwordMessage() {
        return "the document is protected by a password; remove the password (save an unprotected copy) and upload "
                + "it again";
    }

    private UnreadableDocumentException fileTooLarge() {
        return new UnreadableDocumentException(Reason.TOO_LARGE,
                "the file is larger than " + (limits.maxFileBytes() >> 20) + " MB; split it into smaller files");
    }

    private static String article(String description) {
        return "aeiouAEIOU".indexOf(description.charAt(0)) >= 0 ? "an" : "a";
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(String.valueOf(file)));
        }
    }

    private static void requirePdf(Path file) {
        try {
            Sniffed sniffed = ContentSniffer.sniff(file);
            if (sniffed.kind() != ContentSniffer.Kind.PDF) {
                throw new UnreadableDocumentException(Reason.UNSUPPORTED,
                        "expected a PDF but the content is " + sniffed.description());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName(), e);
        }
    }

    private void applyZipLimits() {
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxEntryBytes());
        ZipSecureFile.setMaxTextSize(Math.max(2L * limits.maxChars(), 1_000_000L));
    }

    /** Runs a read on a thread of its own and gives up on it shortly after the deadline. */
    private <T> T withinTimeLimit(Instant until, Function<Deadline, T> work) {
        Deadline deadline = Deadline.within(limits.timeout(), until);
        if (deadline.budget().isZero()) {
            throw deadline.exceeded();
        }
        FutureTask<T> task = new FutureTask<>(() -> work.apply(deadline));
        Thread thread = new Thread(null, task, "document-reader", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        // Past an invocation's end the grace would be time the function does not have.
        long grace = until == null ? GRACE_MILLIS : 0;
        try {
            return task.get(deadline.budget().toMillis() + grace, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupting also closes the file channels the parser reads from, which ends most stuck reads.
            task.cancel(true);
            throw deadline.exceeded();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading a document");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof UnreadableDocumentException | cause instanceof UncheckedIOException
                | cause instanceof PdfParser.PageOutOfRangeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof OutOfMemoryError) {
            return new UnreadableDocumentException(Reason.TOO_LARGE,
                    "the document needs more memory than is available; split it into smaller files", cause);
        }
        if (cause instanceof StackOverflowError) {
            return new UnreadableDocumentException(Reason.CORRUPT,
                    "the document is damaged: its structure is nested too deeply to read", cause);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new UnreadableDocumentException(Reason.CORRUPT,
                "the document is damaged and could not be read (" + ParseFailures.describe(cause, null) + ")", cause);
    }
}
