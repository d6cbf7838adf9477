package customs.risk.cases.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A font embedded in one report, and the text it can show.
 *
 * <p>Why a font of our own: PDFBox's standard 14 fonts encode WinAnsi only, so "Şahin" or a Cyrillic
 * name would throw half-way through a report, and whatever fonts the server has (a clean Debian
 * may have none) would make the same case print differently on different machines. DejaVu Sans
 * (Bitstream Vera licence, see DejaVu-LICENSE.txt beside it) ships in the jar and covers Latin,
 * Greek, Cyrillic and more; only the glyphs a report uses are embedded. It has no CJK: a character
 * it has no glyph for is printed as {@code ?} rather than as an empty box or an exception. Ids,
 * which are ASCII, always survive.
 */
final class ReportFont {

    static final char MISSING = '?';

    private final PDType0Font font;
    private final CmapLookup glyphs;

    private ReportFont(PDType0Font font, CmapLookup glyphs) {
        this.font = font;
        this.glyphs = glyphs;
    }

    /** Loads a font from beside this class into {@code document} (closed with it). */
    static ReportFont load(PDDocument document, String resource) {
        try (InputStream in = ReportFont.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            var ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
            return new ReportFont(PDType0Font.load(document, ttf, true), ttf.getUnicodeCmapLookup());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        }
    }

    PDType0Font pdf() {
        return font;
    }

    /**
     * The text as this font can show it on one line: tabs and other control characters become
     * spaces, characters without a glyph {@link #MISSING}.
     */
    String printable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                out.append(' ');
            } else if (glyphs.getGlyphId(c) > 0) {
                out.appendCodePoint(c);
            } else {
                out.append(MISSING);
            }
        });
        return out.toString();
    }

    /** Width in points of printable text at {@code size}. */
    float width(String printable, float size) {
        try {
            return font.getStringWidth(printable) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
