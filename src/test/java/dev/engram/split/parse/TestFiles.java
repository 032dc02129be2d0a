package dev.engram.split.parse;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFComments;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Writes the documents the parser tests read, normal and nasty, at test time. */
public final class TestFiles {

    private static final String MAIN_CONTENT_TYPE =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String OFFICE_DOCUMENT_RELATIONSHIP =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    private TestFiles() {
    }

    /** A PDF with one paragraph of text per page: "Page N says ..." */
    public static Path pdf(Path file, String... pageTexts) throws IOException {
        try (PDDocument document = textPdf(pageTexts)) {
            document.save(file.toFile());
        }
        return file;
    }

    public static Path encryptedPdf(Path file, String userPassword, String ownerPassword, String text) throws IOException {
        try (PDDocument document = textPdf(text)) {
            // Copying and extraction forbidden, as owners who protect a PDF usually set it.
            AccessPermission permissions = new AccessPermission();
            permissions.setCanExtractContent(false);
            permissions.setCanExtractForAccessibility(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword, userPassword, permissions);
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(file.toFile());
        }
        return file;
    }

    /** A PDF whose only page shows an image: what a scanner produces. */
    public static Path imageOnlyPdf(Path file) throws IOException {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.setColor(Color.BLACK);
        g.drawString("scanned words", 20, 50);
        g.dispose();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(xobject, 50, 500, 400, 200);
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static PDDocument textPdf(String... pageTexts) throws IOException {
        PDDocument document = new PDDocument();
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (String text : pageTexts) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 12);
                content.newLineAtOffset(72, 700);
                content.setLeading(16);
                for (String line : text.split("\n")) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
        }
        return document;
    }

    /** A DOCX with a title, two heading levels, a table, header, footer, footnote and comment. */
    public static Path richDocx(Path file) throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            document.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun()
                    .setText("ACME Confidential");
            document.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun()
                    .setText("Printed for the board");
            styled(document, "Title", "Expansion plan");
            document.createParagraph().createRun().setText("Opening words before any heading.");
            styled(document, "Heading1", "Intro");
            document.createParagraph().createRun().setText("Revenue grew 15% last quarter.");
            styled(document, "Heading2", "Scope");
            XWPFParagraph scoped = document.createParagraph();
            scoped.createRun().setText("Decided to expand to the European market in Q2.");
            XWPFFootnote footnote = document.createFootnote();
            footnote.createParagraph().createRun().setText("Source: the Q4 finance report.");
            scoped.addFootnoteReference(footnote);
            XWPFTable table = document.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Owner");
            table.getRow(0).getCell(1).setText("Task");
            table.getRow(1).getCell(0).setText("Sarah");
            table.getRow(1).getCell(1).setText("Market research by Feb 1");
            styled(document, "Heading1", "Risks");
            document.createParagraph().createRun().setText("Currency exposure.");
            XWPFComments comments = document.createComments();
            XWPFComment comment = comments.createComment(BigInteger.ONE);
            comment.setAuthor("John");
            comment.createParagraph().createRun().setText("Check the Q2 date with legal.");
            try (OutputStream out = Files.newOutputStream(file)) {
                document.write(out);
            }
        }
        return file;
    }

    private static void styled(XWPFDocument document, String style, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setStyle(style);
        paragraph.createRun().setText(text);
    }

    /**
     * A minimal DOCX whose document.xml expands to {@code expandedBytes} of one repeated letter: a few hundred KB on
     * disk, a classic zip bomb.
     */
    public static Path zipBombDocx(Path file, long expandedBytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/word/document.xml" ContentType="%s"/>
                    </Types>""".formatted(MAIN_CONTENT_TYPE));
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="%s" Target="word/document.xml"/>
                    </Relationships>""".formatted(OFFICE_DOCUMENT_RELATIONSHIP));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w="
                    + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < expandedBytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The first {@code fraction} of a file's bytes, as an interrupted download leaves it. */
    public static Path truncated(Path source, Path file, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return file;
    }

    public static Path randomBytes(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }
}
