package customs.risk.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.SearchResults;
import customs.risk.engine.explore.NetworkService;
import customs.risk.graph.access.Actor;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What the global search box finds: entities by id or name, and documents by their text. */
@Route(value = "search", layout = MainLayout.class)
@PageTitle("Search | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

    private final NetworkService network;
    private final DocumentService documents;
    private final Actor viewer;

    public SearchView(NetworkService network, DocumentService documents, AuthenticationContext authentication) {
        this.network = network;
        this.documents = documents;
        this.viewer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("search-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String q = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("q")
                .orElse("")
                .strip();
        add(new H2("Search: " + q));
        var entities = new Div();
        entities.setId("search-entities");
        var found = q.isEmpty() ? java.util.List.<NetworkService.GraphNode>of() : network.find(q, 25);
        found.forEach(n -> entities.add(new Div(
                RiskBadges.link(n.ref(), n.caption()),
                new Span(" " + n.ref().label() + " " + n.ref().key() + " "),
                RiskBadges.lane(n.lane()))));
        add(
                new H3("Entities"),
                found.isEmpty() ? new Paragraph("No company, person or declaration matches.") : entities);

        var docs = new Div();
        docs.setId("search-documents");
        add(new H3("Documents"), docs);
        if (q.isEmpty()) {
            return;
        }
        try {
            var results = documents.search(viewer, DocumentQuery.of(q).withPage(0, 10));
            for (var hit : results.hits()) {
                var file = new Anchor(RiskBadges.documentHref(hit.documentId()), hit.title());
                file.setRouterIgnore(true);
                var snippet = new Span(
                        hit.snippets().isEmpty()
                                ? ""
                                : " " + SearchResults.plain(hit.snippets().getFirst()));
                snippet.getStyle().set("color", "var(--lumo-secondary-text-color)");
                docs.add(new Div(file, new Span(" " + hit.docType()), snippet));
            }
            docs.add(new Anchor(
                    "/documents?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                    String.format("All %,d matching documents", results.total())));
        } catch (IOException | RuntimeException e) {
            docs.add(new Paragraph("Document search is unavailable: " + e.getMessage()));
        }
    }
}
