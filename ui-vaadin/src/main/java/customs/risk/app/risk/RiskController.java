package customs.risk.app.risk;

import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/risk/entities} and {@code /api/risk/declarations}: the rankings, riskiest first. */
@RestController
@RequestMapping("/api/risk")
class RiskController {

    private static final int MAX_TOP = 10_000;

    private final RiskService risk;

    RiskController(RiskService risk) {
        this.risk = risk;
    }

    @GetMapping("/entities")
    List<Map<String, Object>> entities(@RequestParam(defaultValue = "100") int top,
            @RequestParam(required = false) Lane lane) {
        return ranking(RiskStore.Kind.ENTITIES, top, lane);
    }

    @GetMapping("/declarations")
    List<Map<String, Object>> declarations(@RequestParam(defaultValue = "100") int top,
            @RequestParam(required = false) Lane lane) {
        return ranking(RiskStore.Kind.DECLARATIONS, top, lane);
    }

    private List<Map<String, Object>> ranking(RiskStore.Kind kind, int top, Lane lane) {
        if (top < 1 || top > MAX_TOP) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "top must be within 1.." + MAX_TOP);
        }
        List<ScoredItem> items = risk.top(kind, top);
        var rows = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (lane == null || item.lane() == lane) {
                rows.add(Map.of("rank", i + 1, "id", item.id(), "score", item.score(), "lane", item.lane(),
                        "reasons", item.reasons()));
            }
        }
        return rows;
    }
}
