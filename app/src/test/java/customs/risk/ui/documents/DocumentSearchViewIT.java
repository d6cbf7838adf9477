package customs.risk.ui.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import customs.risk.app.RiskApplication;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Actor;
import customs.risk.ui.SignedIn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The document search view against the real in-process Elasticsearch node and Neo4j, entered with
 * a URL as the router would (no browser): hits, facets, links, and snippets whose document text
 * stays text.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentSearchViewIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        var dataDir = TestFolders.temporary("document-search-view-it");
        registry.add("risk.data-dir", dataDir::toString);
        customs.risk.app.security.TestAdmin.register(registry);
    }

    private static final Actor INVESTIGATOR = new Actor("investigator", false);

    @Autowired
    customs.risk.cases.alerts.AlertService alerts;

    @Autowired
    DocumentService documents;

    @Autowired
    Driver driver;

    @Test
    void aUrlReproducesTheSearchWithFacetsLinksAndSafeSnippets() throws Exception {
        try (var session = driver.session()) {
            session.run("""
                    MERGE (s:Company {id: 'C-LAMPS'}) SET s.name = 'Ningbo Bright Lamps Co'
                    MERGE (d:Declaration {id: 'D-LAMPS:1'}) SET d.hsCode = '853921', d.filedOn = date('2024-05-02')
                    MERGE (d)-[:SOLD_BY]->(s)
                    """).consume();
        }
        var filed = documents.file(
                INVESTIGATOR,
                new ByteArrayInputStream(("Invoice <script>alert('x')</script> for " + "400 tungsten filament lamps")
                        .getBytes(StandardCharsets.UTF_8)),
                DocumentService.Filing.of(
                        "invoice.txt", "INVOICE", "DOC-LAMPS", "D-LAMPS:1", "C-LAMPS", LocalDate.of(2024, 5, 3)));
        assertThat(filed.indexed()).isTrue();

        var view = new DocumentSearchView(documents, alerts, SignedIn.as(INVESTIGATOR));
        view.beforeEnter(enter(Map.of("q", List.of("tungsten"), "type", List.of("INVOICE"), "hs", List.of("8539"))));

        assertThat(text(view, "doc-search-error")).isEmpty();
        assertThat(text(view, "doc-search-total")).isEqualTo("1 document");
        assertThat(byId(view, "doc-filter-hs").getElement().getProperty("value"))
                .isEqualTo("8539");
        var hit = byId(view, "doc-hit-DOC-LAMPS");
        var highlighted = descendants(hit)
                .filter(c -> c.hasClassName("doc-snippet-hit"))
                .map(c -> c.getElement().getText())
                .toList();
        assertThat(highlighted).containsExactly("tungsten");
        var snippet = descendants(hit)
                .filter(c -> c.hasClassName("doc-snippet"))
                .findFirst()
                .orElseThrow();
        // The markup in the document is a text node, not an element: nothing of it can run.
        assertThat(snippet.getElement().getTextRecursively()).contains("<script>alert('x')</script>");
        assertThat(elements(snippet.getElement()).filter(e -> !e.isTextNode()))
                .noneMatch(e -> e.getTag().equals("script"));
        assertThat(descendants(hit).filter(Anchor.class::isInstance).map(a -> ((Anchor) a).getHref()))
                .contains("entity/company/C-LAMPS", "entity/declaration/D-LAMPS:1", "/download/documents/DOC-LAMPS");
        assertThat(descendants(view).flatMap(c -> c.getId().stream()))
                .contains(
                        "doc-facet-type-INVOICE",
                        "doc-facet-company-C-LAMPS",
                        "doc-facet-year-2024",
                        "doc-preview-DOC-LAMPS",
                        "doc-download-DOC-LAMPS");

        // The company facet and the hit's link read by the company's name, the id as the tooltip.
        var companyFacet = (com.vaadin.flow.component.button.Button) byId(view, "doc-facet-company-C-LAMPS");
        assertThat(companyFacet.getText()).isEqualTo("Ningbo Bright Lamps Co (1)");
        assertThat(companyFacet.getTooltip().getText()).isEqualTo("C-LAMPS");
        assertThat(descendants(hit)
                        .filter(c -> c.hasClassName("doc-link-company"))
                        .map(c ->
                                ((Anchor) c).getText() + " / " + c.getElement().getAttribute("title")))
                .containsExactly("company Ningbo Bright Lamps Co / C-LAMPS");

        view.beforeEnter(enter(Map.of("q", List.of("tungsten"), "type", List.of("CONTRACT"))));
        assertThat(text(view, "doc-search-total")).isEqualTo("0 documents");
        view.beforeEnter(enter(Map.of("from", List.of("2024-06-01"), "to", List.of("2024-01-01"))));
        assertThat(text(view, "doc-search-error")).startsWith("Cannot search:");
    }

    @Test
    void aPreviewShowsTheExtractedTextCutAtTheLimit() throws Exception {
        documents.file(
                INVESTIGATOR,
                new ByteArrayInputStream(
                        "Packing list: 12 crates of osmium crucibles".getBytes(StandardCharsets.UTF_8)),
                DocumentService.Filing.of("packing.txt", "PACKING_LIST", "DOC-PACKING", null, null, null));

        var preview = documents.preview(INVESTIGATOR, "DOC-PACKING", 12).orElseThrow();
        assertThat(preview.fileName()).isEqualTo("packing.txt");
        assertThat(preview.contentType()).startsWith("text/plain");
        assertThat(preview.text()).isEqualTo("Packing list");
        assertThat(preview.truncated()).isTrue();
        assertThat(documents
                        .preview(INVESTIGATOR, "DOC-PACKING", 1_000)
                        .orElseThrow()
                        .truncated())
                .isFalse();
        assertThat(documents.preview(INVESTIGATOR, "NO-SUCH-DOC", 100)).isEmpty();
    }

    private static BeforeEnterEvent enter(Map<String, List<String>> parameters) {
        var event = mock(BeforeEnterEvent.class);
        when(event.getLocation()).thenReturn(new Location("documents", new QueryParameters(parameters)));
        return event;
    }

    private static String text(Component root, String id) {
        return byId(root, id).getElement().getText();
    }

    private static Component byId(Component root, String id) {
        return descendants(root)
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component with id " + id));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DocumentSearchViewIT::descendants));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DocumentSearchViewIT::elements));
    }
}
