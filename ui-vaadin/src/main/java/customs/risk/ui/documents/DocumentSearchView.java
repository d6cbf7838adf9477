package customs.risk.ui.documents;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.SearchResults;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-text search of the filed documents. Every search is a navigation to
 * {@code /documents?q=...&type=...}: the URL always holds the search on screen, so a link sent to
 * a colleague (or the back button) reproduces it.
 */
@Route(value = "documents", layout = MainLayout.class)
@PageTitle("Document search | Customs risk engine")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class DocumentSearchView extends VerticalLayout implements BeforeEnterObserver {

    private static final Logger log = LoggerFactory.getLogger(DocumentSearchView.class);
    /** Characters of extracted text shown in a preview; the original file holds the rest. */
    static final int PREVIEW_CHARS = 200_000;

    private final DocumentService documents;
    private final TextField query = new TextField();
    private final MultiSelectComboBox<String> types = new MultiSelectComboBox<>("Type");
    private final TextField companies = new TextField("Company id");
    private final TextField declarations = new TextField("Declaration id");
    private final TextField hsPrefix = new TextField("HS prefix");
    private final DatePicker from = new DatePicker("Filed from");
    private final DatePicker to = new DatePicker("Filed to");
    private final Span error = new Span();
    private final Span total = new Span();
    private final FlexLayout facets = new FlexLayout();
    private final Div results = new Div();
    private final Button previous = new Button("Previous");
    private final Button next = new Button("Next");
    private final Span pageLabel = new Span();
    private SearchParameters current = SearchParameters.EMPTY;

    private final Actor viewer;

    private final customs.risk.cases.alerts.AlertService alerts;

    public DocumentSearchView(
            DocumentService documents,
            customs.risk.cases.alerts.AlertService alerts,
            AuthenticationContext authentication) {
        this.documents = documents;
        this.alerts = alerts;
        this.viewer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("document-search");
        add(new H2("Document search"), searchBar(), filters(), error, total, facets, results, pager());
    }

    private Component searchBar() {
        query.setId("doc-search-query");
        query.setPlaceholder("words, \"a phrase\", AND / OR / NOT");
        query.setWidth("32em");
        query.setClearButtonVisible(true);
        var search = new Button("Search", e -> search(read()));
        search.setId("doc-search-button");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER);
        var clear = new Button(
                "Clear filters",
                e -> search(new SearchParameters(query.getValue(), Set.of(), Set.of(), Set.of(), "", null, null, 0)));
        clear.setId("doc-filter-clear");
        var upload = new Anchor("documents/upload", "File a document");
        upload.setId("doc-upload-link");
        // New documents this search finds come to the bell (its words, types and HS code).
        var watch = new Button("Watch this search", com.vaadin.flow.component.icon.VaadinIcon.EYE.create(), e -> {
            var wanted = read();
            try {
                var saved = alerts.watch(
                        viewer,
                        customs.risk.cases.alerts.Watch.Request.search(
                                null,
                                new customs.risk.cases.alerts.Watch.SavedSearch(
                                        wanted.text(), java.util.List.copyOf(wanted.types()), wanted.hsPrefix())));
                com.vaadin.flow.component.notification.Notification.show(
                        "Watching \"" + saved.label() + "\": new documents it finds come to the bell");
            } catch (IllegalArgumentException ex) {
                com.vaadin.flow.component.notification.Notification.show("Not watched: " + ex.getMessage());
            }
        });
        watch.setId("doc-watch-search");
        var bar = new HorizontalLayout(query, search, clear, watch, upload);
        bar.setAlignItems(Alignment.BASELINE);
        return bar;
    }

    private Component filters() {
        types.setId("doc-filter-type");
        types.setItems(new TreeSet<>(DocumentService.TYPES));
        companies.setId("doc-filter-company");
        companies.setHelperText("several: separate with commas");
        declarations.setId("doc-filter-declaration");
        hsPrefix.setId("doc-filter-hs");
        hsPrefix.setAllowedCharPattern("[0-9]");
        hsPrefix.setMaxLength(10);
        from.setId("doc-filter-from");
        to.setId("doc-filter-to");
        Dates.iso(from);
        Dates.iso(to);
        error.setId("doc-search-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        total.setId("doc-search-total");
        facets.setId("doc-facets");
        facets.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facets.getStyle().set("gap", "var(--lumo-space-xs)");
        results.setId("doc-results");
        results.setWidthFull();
        var row = new FlexLayout(types, companies, declarations, hsPrefix, from, to);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        return row;
    }

    private Component pager() {
        previous.setId("doc-page-prev");
        next.setId("doc-page-next");
        pageLabel.setId("doc-page-label");
        previous.addClickListener(e -> search(current.withPage(current.page() - 1)));
        next.addClickListener(e -> search(current.withPage(current.page() + 1)));
        var pager = new HorizontalLayout(previous, pageLabel, next);
        pager.setAlignItems(Alignment.BASELINE);
        return pager;
    }

    /** The search the fields describe now, on its first page. */
    private SearchParameters read() {
        return new SearchParameters(
                query.getValue(),
                types.getValue(),
                split(companies.getValue()),
                split(declarations.getValue()),
                hsPrefix.getValue(),
                from.getValue(),
                to.getValue(),
                0);
    }

    private static Set<String> split(String commaSeparated) {
        var values = new LinkedHashSet<String>();
        Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(values::add);
        return values;
    }

    /** Searching is navigating: the URL changes, and {@link #beforeEnter} runs the search. */
    private void search(SearchParameters search) {
        if (search.equals(current)) {
            // The URL already says this; searching again refreshes the hits (new documents may have come).
            run(current);
            return;
        }
        UI.getCurrent().navigate(DocumentSearchView.class, new QueryParameters(search.toUrl()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        current = SearchParameters.fromUrl(
                event.getLocation().getQueryParameters().getParameters());
        show(current);
        run(current);
    }

    private void show(SearchParameters search) {
        query.setValue(search.text());
        types.setValue(search.types());
        companies.setValue(String.join(", ", new TreeSet<>(search.companies())));
        declarations.setValue(String.join(", ", new TreeSet<>(search.declarations())));
        hsPrefix.setValue(search.hsPrefix());
        from.setValue(search.from());
        to.setValue(search.to());
    }

    private void run(SearchParameters search) {
        error.setText("");
        results.removeAll();
        facets.removeAll();
        total.setText("");
        SearchResults found;
        try {
            found = documents.search(viewer, search.toQuery());
        } catch (IllegalArgumentException e) {
            error.setText("Cannot search: " + e.getMessage());
            pageButtons(0);
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("document search failed: {}", e.getMessage());
            error.setText("Document search is unavailable right now: " + e.getMessage());
            pageButtons(0);
            return;
        }
        total.setText(found.total() == 1 ? "1 document" : String.format("%,d documents", found.total()));
        var names = companyNames(found);
        facets(found, names);
        int rank = search.page() * SearchParameters.PAGE_SIZE;
        for (SearchResults.Hit hit : found.hits()) {
            results.add(hit(hit, ++rank, names));
        }
        pageButtons(found.total());
    }

    private void pageButtons(long totalHits) {
        int pages = (int) Math.min(
                SearchParameters.LAST_PAGE + 1,
                (totalHits + SearchParameters.PAGE_SIZE - 1) / SearchParameters.PAGE_SIZE);
        previous.setEnabled(current.page() > 0);
        next.setEnabled(current.page() + 1 < pages);
        pageLabel.setText(pages == 0 ? "" : "Page " + (current.page() + 1) + " of " + pages);
    }

    /**
     * The names of the companies on screen (the company facet and the hits), in one query; the
     * index keeps ids only, the graph knows the names.
     */
    private Map<String, String> companyNames(SearchResults found) {
        var ids = new LinkedHashSet<String>();
        found.companies().forEach(count -> ids.add(count.value()));
        found.hits().forEach(hit -> ids.addAll(hit.companyIds()));
        try {
            return documents.companyNames(ids);
        } catch (RuntimeException e) {
            log.warn("company names for the search page failed: {}", e.getMessage());
            return Map.of();
        }
    }

    private void facets(SearchResults found, Map<String, String> companyNames) {
        facetGroup("type", found.types(), value -> value, current::withType);
        facetGroup("company", found.companies(), id -> companyNames.getOrDefault(id, id), current::withCompany);
        facetGroup("year", found.years(), value -> value, year -> current.withYear(Integer.parseInt(year)));
    }

    /**
     * Each count is a chip, shown by {@code label} (a company by its name) with the value itself as
     * its tooltip; a click narrows the search to that value.
     */
    private void facetGroup(
            String name,
            List<SearchResults.FacetCount> counts,
            Function<String, String> label,
            Function<String, SearchParameters> narrow) {
        if (counts.isEmpty()) {
            return;
        }
        facets.add(new Span(name + ":"));
        for (SearchResults.FacetCount count : counts) {
            var chip = new Button(label.apply(count.value()) + " (" + String.format("%,d", count.count()) + ")");
            chip.setId("doc-facet-" + name + "-" + count.value());
            chip.setTooltipText(count.value());
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            chip.addClickListener(e -> {
                try {
                    search(narrow.apply(count.value()));
                } catch (NumberFormatException ex) {
                    error.setText("Cannot filter by " + count.value());
                }
            });
            facets.add(chip);
        }
    }

    private Component hit(SearchResults.Hit hit, int rank, Map<String, String> companyNames) {
        String id = hit.documentId();
        var card = new Div();
        card.setId("doc-hit-" + id);
        card.addClassName("doc-hit");
        card.getStyle()
                .set("padding", "var(--lumo-space-s) 0")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        var title = new Span(rank + ". " + (hit.title().isBlank() ? id : hit.title()));
        title.getStyle().set("font-weight", "600");
        var meta = new Span(" " + hit.docType() + (hit.filedOn() == null ? "" : " · filed " + hit.filedOn()) + " · "
                + id + (hit.encrypted() ? " · encrypted" : "") + (hit.corrupt() ? " · damaged file" : ""));
        meta.getStyle().set("color", "var(--lumo-secondary-text-color)");
        card.add(new Div(title, meta));
        for (String snippet : hit.snippets()) {
            card.add(snippet(snippet));
        }
        var links = new FlexLayout();
        links.getStyle().set("gap", "var(--lumo-space-s)");
        for (String company : hit.companyIds()) {
            links.add(entityLink("company", company, companyNames.getOrDefault(company, company)));
        }
        for (String declaration : hit.declarationIds()) {
            links.add(entityLink("declaration", declaration, declaration));
        }
        if (!hit.hsCodes().isEmpty()) {
            links.add(new Span("HS " + String.join(", ", hit.hsCodes())));
        }
        var preview = new Button("Preview", e -> preview(id));
        preview.setId("doc-preview-" + id);
        preview.addThemeVariants(ButtonVariant.LUMO_SMALL);
        // A plain link to the session-authenticated download, not a stream resource per hit: a page of hits
        // registers nothing in the session.
        var download = new Anchor(customs.risk.ui.RiskBadges.documentHref(id), "Download original");
        download.getElement().setAttribute("download", true);
        download.setId("doc-download-" + id);
        card.add(links, new HorizontalLayout(preview, download));
        return card;
    }

    /** A snippet built from text nodes and highlight spans: the document's text never becomes markup. */
    static Component snippet(String snippet) {
        var paragraph = new Paragraph();
        paragraph.addClassName("doc-snippet");
        paragraph.getStyle().set("margin", "var(--lumo-space-xs) 0");
        for (Snippets.Part part : Snippets.parse(snippet)) {
            if (part.hit()) {
                var mark = new Span(part.text());
                mark.addClassName("doc-snippet-hit");
                mark.getStyle()
                        .set("background", "var(--lumo-primary-color-10pct)")
                        .set("font-weight", "600");
                paragraph.add(mark);
            } else {
                paragraph.add(new Text(part.text()));
            }
        }
        return paragraph;
    }

    /** A link to an entity's page that reads {@code kind name}, the id as its tooltip. */
    private static Anchor entityLink(String kind, String id, String name) {
        // Ids are [A-Za-z0-9._:-]; ':' is legal in a path, and kept so the link reads like the id.
        var link = new Anchor(
                "entity/" + kind + "/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("%3A", ":"),
                kind + " " + name);
        link.setTitle(id);
        link.addClassName("doc-link-" + kind);
        return link;
    }

    private DownloadHandler download(String documentId) {
        return DownloadHandler.fromInputStream(event -> documents
                .open(viewer, documentId)
                .map(file -> new DownloadResponse(file.getValue(), file.getKey(), "application/octet-stream", -1))
                .orElseGet(() -> DownloadResponse.error(404, "document " + documentId + " is not in the graph")));
    }

    private void preview(String documentId) {
        var dialog = new Dialog();
        dialog.setId("doc-preview-dialog");
        dialog.setWidth("min(60em, 95vw)");
        dialog.setHeight("80vh");
        var close = new Button("Close", e -> dialog.close());
        close.setId("doc-preview-close");
        dialog.getFooter().add(close);
        try {
            var found = documents.preview(viewer, documentId, PREVIEW_CHARS);
            if (found.isEmpty()) {
                dialog.setHeaderTitle(documentId);
                dialog.add(new Paragraph("This document is no longer in the graph."));
            } else {
                var preview = found.get();
                dialog.setHeaderTitle(preview.fileName());
                var download = new Anchor(download(documentId), AttachmentType.DOWNLOAD, "Download original");
                download.setId("doc-preview-download");
                dialog.getFooter().addComponentAsFirst(download);
                if ("application/pdf".equals(preview.contentType())) {
                    var frame = new IFrame(DownloadHandler.fromInputStream(event -> documents
                                    .open(viewer, documentId)
                                    .map(file ->
                                            new DownloadResponse(file.getValue(), file.getKey(), "application/pdf", -1))
                                    .orElseGet(() -> DownloadResponse.error(404)))
                            .inline());
                    frame.setId("doc-preview-frame");
                    frame.setSizeFull();
                    frame.getStyle().set("border", "none").set("min-height", "60vh");
                    dialog.add(frame);
                } else {
                    if (!preview.problem().isBlank()) {
                        dialog.add(new Paragraph(preview.problem()));
                    }
                    var text = new Pre(preview.text().isBlank() ? "(no text could be extracted)" : preview.text());
                    text.setId("doc-preview-text");
                    text.getStyle().set("white-space", "pre-wrap");
                    dialog.add(text);
                    if (preview.truncated()) {
                        dialog.add(new Paragraph("Only the first " + String.format("%,d", PREVIEW_CHARS)
                                + " characters are shown; download the original for the rest."));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("preview of {} failed: {}", documentId, e.getMessage());
            dialog.setHeaderTitle(documentId);
            dialog.add(new Paragraph("The document cannot be shown: " + e.getMessage()));
        }
        dialog.open();
    }
}
