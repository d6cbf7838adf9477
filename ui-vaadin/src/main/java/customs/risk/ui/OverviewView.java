package customs.risk.ui;

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
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.graph.store.GraphCounts;
import jakarta.annotation.security.PermitAll;
import org.neo4j.driver.Driver;

/**
 * The landing page for every logged-in user: staff see what the common data environment holds right
 * now; a trader, who may not see figures about other companies, sees a greeting only.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview | Customs risk engine")
@PermitAll
class OverviewView extends VerticalLayout {

    OverviewView(
            Driver driver,
            AuthenticationContext authentication,
            customs.risk.cases.announcements.AnnouncementService announcements) {
        setId("overview");
        add(new H1("Customs risk engine"));
        String username = authentication.getPrincipalName().orElse("");
        add(new AnnouncementsPanel(announcements, username, authentication.hasAnyRole("ADMIN", "RISK_OFFICER")));
        if (authentication.hasRole("TRADER")) {
            add(new Paragraph("Your company's declarations: GET /api/my/declarations."));
            return;
        }
        add(new Paragraph("Declarations, traders and their links in one graph. Bundles load through "
                + "./risk ingest or POST /api/bundles."));
        add(counts(GraphCounts.read(driver)));
        if (authentication.hasRole("ADMIN")) {
            var users = new Anchor("admin/users", "Manage users");
            users.setId("manage-users");
            add(users);
        }
    }

    private static FlexLayout counts(GraphCounts counts) {
        var cards = new FlexLayout();
        cards.setId("counts");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        counts.asMap().forEach((name, value) -> {
            var card = new Div(new H3(String.format("%,d", value)), new Span(name));
            card.setId("count-" + name);
            card.getStyle()
                    .set("padding", "var(--lumo-space-m)")
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("min-width", "9em");
            cards.add(card);
        });
        return cards;
    }
}
