package customs.risk.app.trader;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.graph.store.Graph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/my/declarations}: a trader's own declarations, those where its company is the
 * seller, the buyer or the declarant, newest first. The company comes from the logged-in user,
 * never from a parameter, so a trader cannot ask for another's. No score, lane or reason is shown:
 * what makes a declaration risky must not teach a trader how to avoid inspection.
 */
@RestController
class MyDeclarationsController {

    private static final int MAX_PAGE_SIZE = 1_000;

    private final Graph graph;

    MyDeclarationsController(Driver driver) {
        this.graph = new Graph(driver);
    }

    @GetMapping("/api/my/declarations")
    Map<String, Object> declarations(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1.." + MAX_PAGE_SIZE);
        }
        String company = user.companyId()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "the user belongs to no company"));
        List<Map<String, Object>> items;
        items = graph.read(tx -> tx.run("""
                MATCH (c:Company {id: $company})<-[r:SOLD_BY|BOUGHT_BY|DECLARED_BY]-(d:Declaration)
                WITH d, collect(CASE type(r) WHEN 'SOLD_BY' THEN 'SELLER' WHEN 'BOUGHT_BY' THEN 'BUYER'
                                 ELSE 'DECLARANT' END) AS parts
                ORDER BY d.filedOn DESC, d.id
                SKIP $skip LIMIT $limit
                OPTIONAL MATCH (d)-[:LODGED_AT]->(o:Office)
                OPTIONAL MATCH (d)-[:ORIGINATES_IN]->(origin:Country)
                RETURN d.id AS id, toString(d.filedOn) AS filedOn, d.direction AS direction, o.code AS office,
                       d.hsCode AS hsCode, d.description AS description, origin.code AS originCountry,
                       d.quantity AS quantity, d.quantityUnit AS quantityUnit, d.declaredValue AS declaredValue,
                       d.currency AS currency, parts
                """, Map.of("company", company, "skip", (long) page * size, "limit", size))
                .list(r -> {
                    var row = new LinkedHashMap<String, Object>();
                    r.keys().forEach(k -> row.put(k, r.get(k).asObject()));
                    row.put(
                            "parts",
                            List.copyOf(r.get("parts").asList(v -> v.asString()).stream()
                                    .distinct()
                                    .sorted()
                                    .toList()));
                    return (Map<String, Object>) row;
                }));
        var body = new LinkedHashMap<String, Object>();
        body.put("company", company);
        body.put("page", page);
        body.put("size", size);
        body.put("items", items);
        return body;
    }
}
