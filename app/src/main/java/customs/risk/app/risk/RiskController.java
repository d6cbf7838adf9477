package customs.risk.app.risk;

import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/risk/entities} and {@code /api/risk/declarations}: the rankings, riskiest first,
 * a page at a time, filtered by lane, HS code prefix, office, country and filing dates. Each row
 * carries the names behind its ids: a company's name and country, a declaration's origin, seller and
 * buyer.
 */
@RestController
@RequestMapping("/api/risk")
class RiskController {

    private static final int MAX_PAGE_SIZE = 1_000;

    private final RiskService risk;

    RiskController(RiskService risk) {
        this.risk = risk;
    }

    @GetMapping("/entities")
    Map<String, Object> entities(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) Lane lane,
            @RequestParam(required = false) String country) {
        return ranking(RiskStore.Kind.ENTITIES, page, size, new RankingFilter(lane, null, null, country, null, null));
    }

    @GetMapping("/declarations")
    Map<String, Object> declarations(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) Lane lane,
            @RequestParam(required = false) String hs,
            @RequestParam(required = false) String office,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return ranking(RiskStore.Kind.DECLARATIONS, page, size, new RankingFilter(lane, hs, office, country, from, to));
    }

    private Map<String, Object> ranking(RiskStore.Kind kind, int page, int size, RankingFilter filter) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE - size) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "page must be >= 0, size within 1.." + MAX_PAGE_SIZE + ", and page * size below "
                            + String.format("%,d", Integer.MAX_VALUE));
        }
        int offset = page * size;
        var items = risk.namedPage(kind, filter, RiskStore.Order.RISKIEST_FIRST, offset, size);
        var rows = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < items.size(); i++) {
            var named = items.get(i);
            var item = named.item();
            var row = new LinkedHashMap<String, Object>();
            row.put("rank", offset + i + 1);
            row.put("id", item.id());
            row.put("score", item.score());
            row.put("lane", item.lane());
            row.put("reasons", item.reasons());
            if (kind == RiskStore.Kind.ENTITIES) {
                row.put("name", named.name());
                row.put("country", named.country());
            } else {
                row.put("originCountry", named.country());
                row.put("seller", named.seller());
                row.put("buyer", named.buyer());
            }
            rows.add(row);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("page", page);
        body.put("size", size);
        body.put("items", rows);
        return body;
    }
}
