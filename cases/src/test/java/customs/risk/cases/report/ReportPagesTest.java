package customs.risk.cases.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's layout on its own: wrapping, odd text, and graphs too large or too odd to draw whole. */
class ReportPagesTest {

    @Test
    void linesNeverOverflowAndAWordLongerThanALineIsBrokenWithoutLosingACharacter() throws IOException {
        try (var pages = new ReportPages("footer")) {
            var font = pages.regular();
            String word = "x".repeat(500);
            var lines = ReportPages.lines("short words first " + word + "\ttab\r\nnext line", font, 10, 200);

            assertThat(lines)
                    .allSatisfy(line -> assertThat(font.width(line, 10)).isLessThanOrEqualTo(200));
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo("shortwordsfirst" + word + "tabnextline");
            assertThat(lines.getLast()).isEqualTo("next line");
        }
    }

    @Test
    void charactersWithoutAGlyphPrintAsQuestionMarks() throws IOException {
        try (var pages = new ReportPages("footer")) {
            assertThat(pages.regular().printable("Şahin Привет 株式会社 🚢\u0007")).isEqualTo("Şahin Привет ???? ? ");
        }
    }

    @Test
    void aLargeGraphDrawsItsFirstNodesAndTheFocusWithoutFailingOnOddEdges() throws IOException {
        var nodes = new ArrayList<ReportGraph.Node>();
        IntStream.rangeClosed(1, 40)
                .forEach(i -> nodes.add(new ReportGraph.Node(
                        "Company:C" + i, "Company number " + i, i % 3 == 0 ? "RED" : i % 3 == 1 ? "YELLOW" : null)));
        nodes.add(new ReportGraph.Node("Company:FOCUS", "The focus " + "with a very long name ".repeat(10), "GREEN"));
        var edges = new ArrayList<ReportGraph.Edge>();
        IntStream.rangeClosed(1, 40)
                .forEach(i -> edges.add(new ReportGraph.Edge("Company:FOCUS", "Company:C" + i, "sold HS 8517 x" + i)));
        edges.add(new ReportGraph.Edge("Company:C1", "Company:C1", "itself"));
        edges.add(new ReportGraph.Edge("Company:C2", "Company:FOCUS", ""));
        var graph = new ReportGraph(nodes, edges);

        var out = new ByteArrayOutputStream();
        try (var pages = new ReportPages("footer")) {
            EvidenceDrawing.draw(pages, graph, "Company:FOCUS");
            pages.save(out);
        }

        assertThat(EvidenceDrawing.drawn(graph, "Company:FOCUS"))
                .hasSize(EvidenceDrawing.MAX_NODES)
                .extracting(ReportGraph.Node::id)
                .contains("Company:C1", "Company:FOCUS")
                .doesNotContain("Company:C40");
        try (var document = Loader.loadPDF(out.toByteArray())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Company number 1", "Company number 23", "The focus", "…")
                    .doesNotContain("Company number 40");
        }
    }
}
