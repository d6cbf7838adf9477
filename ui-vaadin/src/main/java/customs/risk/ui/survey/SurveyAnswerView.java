package customs.risk.ui.survey;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyModel;
import customs.risk.survey.service.SurveyModel.Survey;
import customs.risk.survey.service.SurveyService;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One survey to answer: every statement rated from 1 (disagree completely) to 10 (agree completely),
 * all required, submitted once. Afterwards, and on every later visit, it says when the user answered.
 */
@Route(value = "surveys/:surveyId", layout = MainLayout.class)
@PageTitle("Survey | Customs risk")
@PermitAll
public class SurveyAnswerView extends VerticalLayout implements BeforeEnterObserver {

    private final SurveyService surveys;
    private final String username;

    public SurveyAnswerView(SurveyService surveys, AuthenticationContext authentication) {
        this.surveys = surveys;
        this.username = authentication.getPrincipalName().orElseThrow();
        setId("survey-answer-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String id = event.getRouteParameters().get("surveyId").orElse("");
        try {
            var survey = surveys.forAnswering(username, id);
            add(new H2(survey.title()));
            surveys.answeredAt(username, id).ifPresentOrElse(this::answered, () -> form(survey));
        } catch (SurveyException e) {
            var missing = new Paragraph(
                    e.reason() == SurveyException.Reason.NOT_FOUND ? "No survey " + id + "." : e.getMessage() + ".");
            missing.setId("survey-missing");
            add(missing);
        }
    }

    private void form(Survey survey) {
        if (survey.status() != SurveyModel.Status.OPEN) {
            var closed = new Paragraph("This survey is closed.");
            closed.setId("survey-closed");
            add(closed);
            return;
        }
        add(new Paragraph("Rate each statement from " + SurveyModel.MIN_RATING + " (disagree completely) to "
                + SurveyModel.MAX_RATING
                + " (agree completely). Every statement needs a rating; you can answer once."));
        var ratings = new LinkedHashMap<String, RadioButtonGroup<Integer>>();
        for (var construct : survey.constructs()) {
            add(new H3(construct.name()));
            for (var statement : construct.statements()) {
                var group = new RadioButtonGroup<Integer>(statement.column() + ". " + statement.text());
                group.setId("rating-" + statement.column());
                group.setItems(IntStream.rangeClosed(SurveyModel.MIN_RATING, SurveyModel.MAX_RATING)
                        .boxed()
                        .toList());
                group.setRequiredIndicatorVisible(true);
                ratings.put(statement.column(), group);
                add(group);
            }
        }
        var submit = new Button("Submit answers", e -> submit(survey.id(), ratings));
        submit.setId("survey-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(submit);
    }

    private void submit(String id, Map<String, RadioButtonGroup<Integer>> ratings) {
        var values = new LinkedHashMap<String, Integer>();
        int missing = 0;
        for (var entry : ratings.entrySet()) {
            var group = entry.getValue();
            group.setInvalid(group.getValue() == null);
            if (group.getValue() == null) {
                group.setErrorMessage("Choose a rating");
                missing++;
            } else {
                values.put(entry.getKey(), group.getValue());
            }
        }
        if (missing > 0) {
            Notification.show(missing + (missing == 1 ? " statement has" : " statements have") + " no rating yet.");
            return;
        }
        try {
            var at = surveys.answer(username, id, values);
            removeAll();
            add(new H2(surveys.survey(id).map(Survey::title).orElse(id)));
            answered(at);
        } catch (SurveyException e) {
            Notification.show(e.getMessage());
        }
    }

    private void answered(Instant at) {
        var done = new Paragraph("You answered this survey on " + SurveysView.WHEN.format(at) + ". Thank you.");
        done.setId("survey-answered");
        add(done);
    }
}
