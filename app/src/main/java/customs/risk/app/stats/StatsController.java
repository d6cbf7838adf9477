package customs.risk.app.stats;

import customs.risk.graph.store.GraphCounts;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: the node counts that {@code ./risk stats} prints. */
@RestController
class StatsController {

    private final Driver driver;

    StatsController(Driver driver) {
        this.driver = driver;
    }

    @GetMapping("/api/stats")
    Map<String, Long> stats() {
        return GraphCounts.read(driver).asMap();
    }
}
