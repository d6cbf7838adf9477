package customs.risk.app.resolution;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.RiskService;
import customs.risk.engine.resolution.MatchStatus;
import customs.risk.engine.resolution.ResolutionService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Entity resolution over REST: run it (all records, or those new or changed since), read the review
 * queue and any pair with its fields compared, decide a pair (accept, reject, unsure, or undo), and
 * read the party of a company with its records.
 */
@RestController
@RequestMapping("/api/resolution")
class ResolutionController {

    private static final int MAX_PAGE = 500;

    private final ResolutionService resolution;
    private final RiskService risk;

    ResolutionController(ResolutionService resolution, RiskService risk) {
        this.resolution = resolution;
        this.risk = risk;
    }

    /** Runs resolution; rescoring follows when parties changed and a model exists (unless {@code score=false}). */
    @PostMapping("/run")
    Map<String, Object> run(
            @RequestParam(defaultValue = "all") String scope, @RequestParam(defaultValue = "true") boolean score) {
        var s = switch (scope) {
            case "all" -> resolution.resolveAll();
            case "changed" -> resolution.resolveChanged();
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scope must be all or changed");
        };
        var body = new LinkedHashMap<String, Object>();
        body.put("records", s.records());
        body.put("candidates", s.candidates());
        body.put("merged", s.merged());
        body.put("toReview", s.toReview());
        body.put("parties", s.parties());
        body.put("recordsInParties", s.inParties());
        body.put("chains", s.chains());
        body.put("changed", s.changed());
        body.put("autoMergeAt", s.model().autoMerge());
        body.put("reviewFrom", s.model().review());
        body.put("seconds", s.took().toMillis() / 1000.0);
        boolean rescore = score && s.changed() > 0 && risk.currentModel().isPresent();
        if (rescore) {
            risk.rescore();
        }
        body.put("rescored", rescore);
        return body;
    }

    @GetMapping("/queue")
    Map<String, Object> queue(
            @RequestParam(defaultValue = "PENDING") String status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "offset must be >= 0 and limit within 1.." + MAX_PAGE);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("counts", resolution.counts());
        body.put("items", resolution.queue(status(status), offset, limit));
        return body;
    }

    @GetMapping("/pairs/{a}/{b}")
    ResolutionService.Review pair(@PathVariable String a, @PathVariable String b) {
        return resolution.review(a, b).orElseThrow(() -> unknownPair(a, b));
    }

    /** {@code {"decision": "ACCEPTED" | "REJECTED" | "UNSURE" | "PENDING"}}; PENDING undoes a decision. */
    @PostMapping("/pairs/{a}/{b}")
    ResolutionService.Review decide(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String a,
            @PathVariable String b,
            @RequestBody Map<String, String> body) {
        var decision = status(body.getOrDefault("decision", ""));
        if (decision == MatchStatus.AUTO) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "decision must be ACCEPTED, REJECTED, UNSURE or PENDING (undo)");
        }
        if (!resolution.decide(a, b, decision, user.getUsername())) {
            throw unknownPair(a, b);
        }
        return resolution.review(a, b).orElseThrow(() -> unknownPair(a, b));
    }

    @GetMapping("/parties/{companyId}")
    ResolutionService.Party party(@PathVariable String companyId) {
        return resolution
                .partyOf(companyId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "company " + companyId + " is in no party (or does not exist)"));
    }

    private static MatchStatus status(String text) {
        try {
            return MatchStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "unknown status '" + text + "': one of " + List.of(MatchStatus.values()));
        }
    }

    private static ResponseStatusException unknownPair(String a, String b) {
        return new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no match candidate between " + a + " and " + b + " (run ./risk resolve)");
    }
}
