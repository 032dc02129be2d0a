package dev.engram.split.parse;

import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.logging.Logger;

/**
 * PDFs, one section per page with its page number. The file is read from disk and PDFBox caches decoded streams in
 * temporary files only, so memory stays bounded whatever the page count; a page range can be read on its own.
 */
final class PdfParser {

    private static final Logger LOG = Logger.getLogger(PdfParser.class);
    static final String NO_TEXT_MESSAGE = "no extractable text; OCR is not supported";

    /** A hyphen at a line end followed by a lower-case continuation: a word broken across lines. */
    private static final Pattern BROKEN_WORD = Pattern.compile("(\\p{Ll})-\\n(\\p{Ll})");
    /** A line followed by one starting in lower case continues the same sentence. */
    private static final Pattern WRAPPED_LINE = Pattern.compile("(\\S)\\n(\\p{Ll})");

    private PdfParser() {
    }

    static int pageCount(Path file) {
        try (PDDocument document = open(file)) {
            return document.getNumberOfPages();
        } catch (IOException | RuntimeException e) {
            throw translate(e, file);
        }
    }

    /**
     * Reads pages {@code from}..{@code to} (1-based, inclusive, {@code to} capped at the last page).
     *
     * @param wholeDocument true when this is the whole file: no text at all is then NO_TEXT, not an empty result
     */
    static ParsedDocument read(Path file, int from, int to, boolean wholeDocument, SectionCollector out,
            Deadline deadline) {
        try (PDDocument document = open(file)) {
            int pages = document.getNumberOfPages();
            if (wholeDocument && pages == 0) {
                throw new UnreadableDocumentException(Reason.EMPTY, "the PDF has no pages");
            }
            if (from > pages && !wholeDocument) {
                throw new PageOutOfRangeException("page " + from + " is past the last page " + pages);
            }
            PageStripper stripper = new PageStripper(out, deadline);
            stripper.setStartPage(from);
            stripper.setEndPage(Math.min(to, pages));
            stripper.setSortByPosition(false);
            stripper.setLineSeparator("\n");
            stripper.setParagraphStart("");
            stripper.setParagraphEnd("\n\n");
            stripper.setAddMoreFormatting(true);
            stripper.writeText(document, new StringWriter());
            if (stripper.failedPages > 0 && stripper.failedPages == stripper.processedPages) {
                throw new UnreadableDocumentException(Reason.CORRUPT, "the PDF is damaged: no page could be read ("
                        + stripper.firstFailure + ")");
            }
            if (wholeDocument && stripper.pagesWithText == 0) {
                throw new UnreadableDocumentException(Reason.NO_TEXT,
                        "the PDF has " + pages + (pages == 1 ? " page" : " pages") + " but " + NO_TEXT_MESSAGE
                                + " (its pages are scanned images, pictures or blank)");
            }
            return out.finish("pdf", pages);
        } catch (IOException | RuntimeException e) {
            throw translate(e, file);
        }
    }

    private static PDDocument open(Path file) throws IOException {
        RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        try {
            // Decoded streams go to temp files only: a 1,000-page PDF then parses under a small heap.
            return Loader.loadPDF(source, "", null, null, IOUtils.createTempFileOnlyStreamCache());
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static RuntimeException translate(Exception e, Path file) {
        if (e instanceof UnreadableDocumentException | e instanceof PageOutOfRangeException) {
            return (RuntimeException) e;
        }
        if (e instanceof InvalidPasswordException) {
            return new UnreadableDocumentException(Reason.ENCRYPTED,
                    "the PDF is protected by a password; remove the password (or print it to a new PDF) and upload "
                            + "it again", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("security handler") || message.contains("decrypt")) {
            return new UnreadableDocumentException(Reason.ENCRYPTED,
                    "the PDF is encrypted in a way that needs a password or certificate we do not have ("
                            + ParseFailures.describe(e, file) + ")", e);
        }
        return new UnreadableDocumentException(Reason.CORRUPT,
                "the PDF is damaged and could not be read (" + ParseFailures.describe(e, file) + ")", e);
    }

    /**
     * A page that shows an image and has fewer letters and digits than this is a scan whatever text it carries: a
     * scanner app's stamp, a page number, a file name. A document of such pages has no text to extract.
     */
    static final int SCAN_STAMP_CHARS = 32;

    private static int countWordCharacters(String text) {
        int count = 0;
        for (int i = 0; i < text.length() && count < SCAN_STAMP_CHARS; i++) {
            count += Character.isLetterOrDigit(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }

    private static boolean drawsImages(PDPage page) {
        try {
            return drawsImages(page.getResources(), 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Image XObjects in the resources, or in those of forms they use (a few levels deep). */
    private static boolean drawsImages(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > 3) {
            return false;
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.isImageXObject(name)) {
                return true;
            }
            if (resources.getXObject(name) instanceof PDFormXObject form
                    && drawsImages(form.getResources(), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    static String tidyPage(String text) {
        String tidy = TextNormalizer.tidy(text);
        tidy = BROKEN_WORD.matcher(tidy).replaceAll("$1$2");
        return WRAPPED_LINE.matcher(tidy).replaceAll("$1 $2");
    }

    /** A page range that starts after the last page: the caller's mistake, not the document's. */
    static final class PageOutOfRangeException extends IllegalArgumentException {
        PageOutOfRangeException(String message) {
            super(message);
        }
    }

    /** Hands each page's text to the collector as soon as the page is done, and survives a broken page. */
    private static final class PageStripper extends PDFTextStripper {

        private final SectionCollector out;
        private final Deadline deadline;
        private StringWriter pageText;
        int processedPages;
        int pagesWithText;
        int failedPages;
        String firstFailure;

        PageStripper(SectionCollector out, Deadline deadline) {
            this.out = out;
            this.deadline = deadline;
        }

        @Override
        public void processPage(PDPage page) throws IOException {
            int number = getCurrentPageNo();
            if (number < getStartPage() || number > getEndPage()) {
                return;
            }
            deadline.check();
            processedPages++;
            StringWriter previous = pageText;
            pageText = new StringWriter();
            output = pageText;
            try {
                super.processPage(page);
                String text = tidyPage(pageText.toString());
                if (!text.isBlank() && (countWordCharacters(text) >= SCAN_STAMP_CHARS || !drawsImages(page))) {
                    pagesWithText++;
                }
                out.add(text, number, null);
            } catch (UnreadableDocumentException e) {
                throw e;
            } catch (IOException | RuntimeException | StackOverflowError e) {
                failedPages++;
                if (firstFailure == null) {
                    firstFailure = "page " + number + ": " + ParseFailures.describe(e, null);
                }
                LOG.debugf("skipped unreadable PDF page %d: %s", number, e);
            } finally {
                output = previous == null ? new StringWriter() : previous;
            }
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            deadline.check();
            super.processOperator(operator, operands);
        }
    }
}
