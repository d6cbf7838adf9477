package customs.risk.app.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import customs.risk.graph.store.GraphCounts;
import org.neo4j.driver.Driver;

/** The landing page: what the common data environment holds right now. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview | Customs risk engine")
class OverviewView extends VerticalLayout {

    OverviewView(Driver driver) {
        setId("overview");
        add(new H1("Customs risk engine"));
        add(new Paragraph("Declarations, traders and their links in one graph. Bundles load through "
                + "./risk ingest or POST /api/bundles."));
        add(counts(GraphCounts.read(driver)));
        add(new Anchor("/api/stats", "Counts as JSON"));
    }

    private static FlexLayout counts(GraphCounts counts) {
        var cards = new FlexLayout();
        cards.setId("counts");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        counts.asMap().forEach((name, value) -> {
            var card = new Div(new H3(String.format("%,d", value)), new Span(name));
            card.setId("count-" + name);
            card.getStyle().set("padding", "var(--lumo-space-m)")
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)").set("min-width", "9em");
            cards.add(card);
        });
        return cards;
    }
}
