package customs.risk.app.survey;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.graph.access.Role;
import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyModel.ConstructDraft;
import customs.risk.survey.service.SurveyModel.Draft;
import customs.risk.survey.service.SurveyModel.Listing;
import customs.risk.survey.service.SurveyModel.Survey;
import customs.risk.survey.service.SurveyService;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Acceptance surveys over REST. Who may define, open and close surveys and read results is
 * {@code ApiAccess}'s rule (administrators; results also risk officers); who may answer is the
 * service's (a user with one of the survey's roles).
 */
@RestController
class SurveysController {

    private final SurveyService surveys;
    private final SurveyDownloads downloads;

    SurveysController(SurveyService surveys, SurveyDownloads downloads) {
        this.surveys = surveys;
        this.downloads = downloads;
    }

    record NewConstruct(String name, List<String> statements) {}

    /** @param anonymous true for answers without usernames; absent or false for signed answers */
    record NewSurvey(String title, Set<Role> roles, List<NewConstruct> constructs, Boolean anonymous) {
        Draft draft() {
            return new Draft(
                    title,
                    roles,
                    constructs == null
                            ? List.of()
                            : constructs.stream()
                                    .map(c -> new ConstructDraft(c.name(), c.statements()))
                                    .toList());
        }
    }

    record Answer(Map<String, Integer> ratings) {}

    record Answered(String surveyId, Instant answeredAt) {}

    @PostMapping("/api/surveys")
    ResponseEntity<Survey> create(@AuthenticationPrincipal AccountPrincipal user, @RequestBody NewSurvey body) {
        var created = surveys.create(user.getUsername(), body.draft(), Boolean.TRUE.equals(body.anonymous()));
        return ResponseEntity.created(URI.create("/api/surveys/" + created.id()))
                .body(created);
    }

    @PutMapping("/api/surveys/{id}")
    Survey update(@PathVariable String id, @RequestBody NewSurvey body) {
        return surveys.update(id, body.draft());
    }

    record NewRoles(Set<Role> roles) {}

    /** Who may answer; unlike {@code PUT /api/surveys/{id}}, allowed after the first answer. */
    @PutMapping("/api/surveys/{id}/roles")
    Survey changeRoles(@PathVariable String id, @RequestBody NewRoles body) {
        return surveys.changeRoles(id, body.roles());
    }

    @PostMapping("/api/surveys/{id}/open")
    Survey open(@PathVariable String id) {
        return surveys.open(id);
    }

    @PostMapping("/api/surveys/{id}/close")
    Survey close(@PathVariable String id) {
        return surveys.close(id);
    }

    /** The open surveys addressed to the caller's roles. */
    @GetMapping("/api/surveys")
    List<Listing> mine(@AuthenticationPrincipal AccountPrincipal user) {
        return surveys.openTo(user.getUsername());
    }

    /** A survey to answer; administrators and risk officers see any. */
    @GetMapping("/api/surveys/{id}")
    Survey survey(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        if (user.account().roles().contains(Role.ADMIN)
                || user.account().roles().contains(Role.RISK_OFFICER)) {
            return surveys.survey(id).orElseThrow(() -> SurveyException.notFound(id));
        }
        return surveys.forAnswering(user.getUsername(), id);
    }

    @PostMapping("/api/surveys/{id}/answers")
    ResponseEntity<Answered> answer(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Answer body) {
        var at = surveys.answer(user.getUsername(), id, body.ratings());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Answered(id, at));
    }

    /** {@code ./risk survey-stats}'s JSON for the survey's answers, or {@code unavailable} with the reason. */
    @GetMapping("/api/surveys/{id}/statistics")
    Map<String, Object> statistics(@PathVariable String id) {
        var statistics = surveys.statistics(id);
        var json = new LinkedHashMap<String, Object>();
        json.put("survey_id", id);
        json.put("title", statistics.survey().title());
        statistics.report().ifPresentOrElse(report -> json.putAll(StatisticsJson.of(report)), () -> {
            json.put("n", statistics.survey().answers());
            json.put("unavailable", statistics.unavailable().orElse(""));
        });
        return json;
    }

    @GetMapping("/api/surveys/{id}/results.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String id) {
        return downloads.csv(id);
    }

    @GetMapping("/api/surveys/{id}/results.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String id) throws IOException {
        return downloads.xlsx(id);
    }
}
