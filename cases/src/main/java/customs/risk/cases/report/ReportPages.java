package customs.risk.cases.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The report's pages as a flow from top to bottom: headings, wrapped paragraphs and blocks of a
 * given height (the drawings), a new A4 page whenever the next line or block does not fit, and a
 * footer with page numbers once the number of pages is known.
 */
final class ReportPages implements Closeable {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 50;
    static final float BODY = 10;
    static final float SMALL = 8;
    static final float[] TEXT = {0.13f, 0.13f, 0.14f};
    static final float[] MUTED = {0.42f, 0.44f, 0.46f};

    private static final float LEADING = 1.3f;
    private static final float FOOTER = 24;

    private final PDDocument document = new PDDocument();
    private final ReportFont regular = ReportFont.load(document, "DejaVuSans.ttf");
    private final ReportFont bold = ReportFont.load(document, "DejaVuSans-Bold.ttf");
    private final String footer;
    private PDPageContentStream canvas;
    private float y;

    ReportPages(String footer) {
        this.footer = footer;
        newPage();
    }

    PDDocument document() {
        return document;
    }

    ReportFont regular() {
        return regular;
    }

    ReportFont bold() {
        return bold;
    }

    /** The content stream of the current page; see {@link #block}. */
    PDPageContentStream canvas() {
        return canvas;
    }

    static float left() {
        return MARGIN;
    }

    static float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    /** A heading kept together with the lines that follow it. */
    void heading(String text, float size) {
        space(size * 0.6f);
        ensure(size * LEADING + 3 * BODY * LEADING);
        paragraph(text, bold, size, 0, TEXT);
        space(size * 0.2f);
    }

    /** Wrapped text; each line of {@code text} starts a new line. */
    void paragraph(String text, ReportFont font, float size, float indent, float[] colour) {
        for (String line : lines(text, font, size, width() - indent)) {
            ensure(size * LEADING);
            y -= size * LEADING;
            text(line, font, size, left() + indent, y + size * (LEADING - 1), colour);
        }
    }

    /** {@code name: value}, the value wrapped beside the name. */
    void field(String name, String value) {
        float column = 95;
        var lines = lines(value, regular, BODY, width() - column);
        for (int i = 0; i < lines.size(); i++) {
            ensure(BODY * LEADING);
            y -= BODY * LEADING;
            float baseline = y + BODY * (LEADING - 1);
            if (i == 0) {
                text(name, bold, BODY, left(), baseline, TEXT);
            }
            text(lines.get(i), regular, BODY, left() + column, baseline, TEXT);
        }
    }

    void space(float points) {
        y -= points;
    }

    /**
     * Makes room for a block {@code height} points high (on a new page if needed) and returns the
     * y of its bottom edge; the caller draws on {@link #canvas()} between that and the old y.
     */
    float block(float height) {
        ensure(height);
        y -= height;
        return y;
    }

    /** Starts a new page unless {@code height} more points fit on this one. */
    void ensure(float height) {
        if (y - height < MARGIN + FOOTER) {
            newPage();
        }
    }

    /** One line of text, made printable; does not move the flow. */
    void text(String text, ReportFont font, float size, float x, float baseline, float[] colour) {
        try {
            canvas.beginText();
            canvas.setFont(font.pdf(), size);
            canvas.setNonStrokingColor(colour[0], colour[1], colour[2]);
            canvas.newLineAtOffset(x, baseline);
            canvas.showText(font.printable(text));
            canvas.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Breaks text into lines no wider than {@code width}: at spaces, and inside a word only when the
     * word alone is wider than a line.
     */
    static List<String> lines(String text, ReportFont font, float size, float width) {
        var lines = new ArrayList<String>();
        for (String paragraph : text.split("\r\n|\r|\n", -1)) {
            var line = new StringBuilder();
            float lineWidth = 0;
            float space = font.width(" ", size);
            for (String word : font.printable(paragraph).split(" ")) {
                float wordWidth = font.width(word, size);
                if (line.length() > 0 && lineWidth + space + wordWidth <= width) {
                    line.append(' ').append(word);
                    lineWidth += space + wordWidth;
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (wordWidth > width) {
                    int fits = fitting(word, font, size, width);
                    lines.add(word.substring(0, fits));
                    word = word.substring(fits);
                    wordWidth = font.width(word, size);
                }
                line.append(word);
                lineWidth = wordWidth;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** How many chars of a word fit into {@code width}: at least one code point. */
    private static int fitting(String word, ReportFont font, float size, float width) {
        int end = word.offsetByCodePoints(0, 1);
        while (end < word.length()) {
            int next = word.offsetByCodePoints(end, 1);
            if (font.width(word.substring(0, next), size) > width) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Numbers the pages and writes the document. */
    void save(OutputStream out) throws IOException {
        canvas.close();
        canvas = null;
        int count = document.getNumberOfPages();
        for (int i = 0; i < count; i++) {
            try (var footerCanvas =
                    new PDPageContentStream(document, document.getPage(i), AppendMode.APPEND, true, true)) {
                canvas = footerCanvas;
                String number = "page " + (i + 1) + " of " + count;
                float numberWidth = regular.width(number, SMALL);
                text(
                        truncated(footer, regular, SMALL, width() - numberWidth - 20),
                        regular,
                        SMALL,
                        left(),
                        MARGIN - 12,
                        MUTED);
                text(number, regular, SMALL, left() + width() - numberWidth, MARGIN - 12, MUTED);
            } finally {
                canvas = null;
            }
        }
        document.save(out);
    }

    /** The printable text cut to {@code width} with an ellipsis. */
    static String truncated(String text, ReportFont font, float size, float width) {
        String printable = font.printable(text);
        if (font.width(printable, size) <= width) {
            return printable;
        }
        String ellipsis = "…";
        int end = fitting(printable, font, size, Math.max(0, width - font.width(ellipsis, size)));
        return printable.substring(0, end) + ellipsis;
    }

    private void newPage() {
        try {
            if (canvas != null) {
                canvas.close();
            }
            var page = new PDPage(SIZE);
            document.addPage(page);
            canvas = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (canvas != null) {
            canvas.close();
        }
        document.close();
    }
}
