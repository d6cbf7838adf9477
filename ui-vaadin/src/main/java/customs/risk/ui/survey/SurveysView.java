package customs.risk.ui.survey;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.survey.service.SurveyModel.Listing;
import customs.risk.survey.service.SurveyService;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The acceptance surveys open to the user, to answer once; administrators and risk officers also find
 * every survey's statistics here.
 */
@Route(value = "surveys", layout = MainLayout.class)
@PageTitle("Surveys | Customs risk")
@PermitAll
public class SurveysView extends VerticalLayout {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    public SurveysView(SurveyService surveys, AuthenticationContext authentication) {
        setId("surveys-view");
        String username = authentication.getPrincipalName().orElseThrow();
        add(new H2("Surveys"));
        add(openToMe(surveys.openTo(username)));
        if (authentication.hasAnyRole("ADMIN", "RISK_OFFICER")) {
            add(new H3("Results"), results(surveys.all()));
        }
    }

    private static com.vaadin.flow.component.Component openToMe(List<Listing> open) {
        if (open.isEmpty()) {
            var none = new Paragraph("No survey is open to you at the moment.");
            none.setId("surveys-none");
            return none;
        }
        var grid = new Grid<Listing>();
        grid.setId("surveys-open");
        grid.setAllRowsVisible(true);
        grid.addColumn(Listing::title).setHeader("Survey").setFlexGrow(1);
        grid.addColumn(Listing::statements).setHeader("Statements").setAutoWidth(true);
        grid.addComponentColumn(l -> l.answeredAt()
                        .<com.vaadin.flow.component.Component>map(at -> new Span("Answered " + WHEN.format(at)))
                        .orElseGet(() -> {
                            var answer = new Anchor("surveys/" + l.id(), "Answer");
                            answer.setId("answer-" + l.id());
                            return answer;
                        }))
                .setHeader("Your answer")
                .setAutoWidth(true);
        grid.setItems(open);
        return grid;
    }

    private static Grid<Listing> results(List<Listing> all) {
        var grid = new Grid<Listing>();
        grid.setId("surveys-results");
        grid.setAllRowsVisible(true);
        grid.addColumn(Listing::title).setHeader("Survey").setFlexGrow(1);
        grid.addColumn(l -> l.status().name().toLowerCase()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(Listing::answers).setHeader("Answers").setAutoWidth(true);
        grid.addComponentColumn(l -> {
                    var link = new Anchor("surveys/" + l.id() + "/statistics", "Statistics");
                    link.setId("stats-" + l.id());
                    return link;
                })
                .setHeader("")
                .setAutoWidth(true);
        grid.setItems(all);
        return grid;
    }
}
