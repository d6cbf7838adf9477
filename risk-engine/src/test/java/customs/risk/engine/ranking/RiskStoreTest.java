package customs.risk.engine.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import customs.risk.engine.projection.GraphProjection;
import customs.risk.graph.TestNeo4j;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The projection read from a real graph, scores written back and ranked. */
class RiskStoreTest {

    @Test
    void scoresGoIntoTheGraphAndComeBackRanked() {
        createLoopAndOneOtherSale();

        var data = GraphProjection.load(TestNeo4j.driver());
        assertThat(data.shipments()).hasSize(10);
        assertThat(data.companies()).hasSize(4);
        var assessment = new RiskScorer(RiskSettings.DEFAULTS).score(data);
        var store = new RiskStore(TestNeo4j.driver());
        store.save(assessment, java.time.Instant.now().toString());

        var top = store.top(RiskStore.Kind.ENTITIES, 3);
        assertThat(top).extracting(ScoredItem::id).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(top.getFirst().reasons().getFirst()).contains("3-company loop");
        assertThat(store.top(RiskStore.Kind.ENTITIES, 10))
                .extracting(ScoredItem::id)
                .endsWith("X");
        assertThat(store.top(RiskStore.Kind.DECLARATIONS, 100)).hasSize(10);
        assertThat(store.countScored(RiskStore.Kind.DECLARATIONS)).isEqualTo(10);
        assertThat(TestNeo4j.count("MATCH (d:Declaration {riskModel: $model}) RETURN count(d)"
                        .replace("$model", "'" + assessment.model() + "'")))
                .isEqualTo(10);

        assertThat(store.page(
                        RiskStore.Kind.DECLARATIONS, new RankingFilter(null, "9403", null, "VN", null, null), 0, 10))
                .extracting(ScoredItem::id)
                .containsExactly("DX");
        assertThat(store.page(
                        RiskStore.Kind.DECLARATIONS,
                        new RankingFilter(null, null, null, null, java.time.LocalDate.of(2024, 3, 1), null),
                        0,
                        10))
                .hasSize(6);
        assertThat(store.page(RiskStore.Kind.ENTITIES, RankingFilter.NONE, 3, 10))
                .extracting(ScoredItem::id)
                .containsExactly("X");

        assertThat(store.page(RiskStore.Kind.ENTITIES, RankingFilter.NONE, RiskStore.Order.SAFEST_FIRST, 0, 1))
                .extracting(ScoredItem::id)
                .containsExactly("X");
        assertThat(store.page(RiskStore.Kind.ENTITIES, RankingFilter.NONE, RiskStore.Order.BY_ID, 0, 10))
                .extracting(ScoredItem::id)
                .containsExactly("A", "B", "C", "X");
        var safestDeclarations =
                store
                        .page(RiskStore.Kind.DECLARATIONS, RankingFilter.NONE, RiskStore.Order.SAFEST_FIRST, 0, 10)
                        .stream()
                        .map(ScoredItem::score)
                        .toList();
        assertThat(safestDeclarations).isSorted();

        // The named page is the same ranking, with the names behind the ids.
        var named = store.namedPage(RiskStore.Kind.ENTITIES, RankingFilter.NONE, RiskStore.Order.RISKIEST_FIRST, 0, 10);
        assertThat(named).extracting(RankedItem::item).isEqualTo(store.top(RiskStore.Kind.ENTITIES, 10));
        assertThat(named)
                .extracting(RankedItem::name, RankedItem::country)
                .contains(tuple("Company A", "KR"), tuple("Company X", "KR"));
        assertThat(named.getFirst().name())
                .isEqualTo("Company " + named.getFirst().item().id());
        // A, B and C are in the loop the scoring found, whose evidence can be drawn; X is in none.
        assertThat(named)
                .filteredOn(RankedItem::inFinding)
                .extracting(item -> item.item().id())
                .containsExactlyInAnyOrder("A", "B", "C");
        var dx = store.namedPage(
                        RiskStore.Kind.DECLARATIONS,
                        new RankingFilter(null, "9403", null, null, null, null),
                        RiskStore.Order.RISKIEST_FIRST,
                        0,
                        10)
                .getFirst();
        assertThat(dx.item().id()).isEqualTo("DX");
        assertThat(dx.seller()).isEqualTo(new RankedItem.Party("X", "Company X"));
        assertThat(dx.buyer()).isEqualTo(new RankedItem.Party("A", "Company A"));
        assertThat(dx.country()).isEqualTo("VN");

        assertThat(store.find(RiskStore.Kind.ENTITIES, top.getFirst().id())).contains(top.getFirst());
        // What each company's network says is kept for declarations filed later.
        var parties = store.parties(List.of("A", "X", "NO-SUCH"));
        assertThat(parties.get("A").structure()).isPositive();
        assertThat(parties.get("A").reason()).contains("3-company loop");
        assertThat(parties.get("X").structure()).isZero();
        assertThat(parties).doesNotContainKey("NO-SUCH");
        assertThat(store.find(RiskStore.Kind.DECLARATIONS, "DX"))
                .hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("DX"));
        assertThat(store.find(RiskStore.Kind.DECLARATIONS, "NO-SUCH")).isEmpty();

        // A rescoring replaces the scores rather than adding to them.
        store.save(assessment, "2030-01-01T00:00:00Z");
        assertThat(store.top(RiskStore.Kind.ENTITIES, 3)).isEqualTo(top);
        assertThat(List.of(top.getFirst().lane())).containsAnyOf(Lane.RED, Lane.YELLOW);
        // Scores it finds again are left as stored; a changed one is stored with its time.
        assertThat(TestNeo4j.count("MATCH (d:Declaration {riskScoredAt: '2030-01-01T00:00:00Z'}) RETURN count(d)"))
                .isZero();
        var dxScore = store.find(RiskStore.Kind.DECLARATIONS, "DX").orElseThrow();
        long[] chart = store.histogram(RiskStore.Kind.DECLARATIONS, 20);
        assertThat(java.util.Arrays.stream(chart).sum()).isEqualTo(10);
        assertThat(chart[Math.min(19, (int) Math.floor(dxScore.score() * 20))]).isPositive();
        store.saveDeclarations(
                List.of(new ScoredItem("DX", dxScore.score() / 2, dxScore.lane(), dxScore.reasons())),
                assessment.model(),
                "2030-01-02T00:00:00Z");
        assertThat(TestNeo4j.count("MATCH (d:Declaration {riskScoredAt: '2030-01-02T00:00:00Z'}) RETURN count(d)"))
                .isOne();
        assertThat(store.find(RiskStore.Kind.DECLARATIONS, "DX").orElseThrow().score())
                .isEqualTo(dxScore.score() / 2);
        // The score chart follows: a score moved to the top band is counted there, the total stays.
        long[] halved = store.histogram(RiskStore.Kind.DECLARATIONS, 20);
        assertThat(java.util.Arrays.stream(halved).sum()).isEqualTo(10);
        store.saveDeclarations(
                List.of(new ScoredItem("DX", 0.99, Lane.RED, dxScore.reasons())),
                assessment.model(),
                "2030-01-03T00:00:00Z");
        long[] raised = store.histogram(RiskStore.Kind.DECLARATIONS, 20);
        assertThat(raised[19]).isEqualTo(halved[19] + 1);
        assertThat(java.util.Arrays.stream(raised).sum()).isEqualTo(10);
        // A declaration that loses its score (a correction) leaves the chart.
        try (var session = TestNeo4j.driver().session()) {
            session.run("MATCH (d:Declaration {id: 'DX'}) REMOVE d.riskScore SET d:Unscored")
                    .consume();
        }
        customs.risk.graph.store.ScoreVersions.raise(
                new customs.risk.graph.store.Graph(TestNeo4j.driver()), "Declaration");
        assertThat(java.util.Arrays.stream(store.histogram(RiskStore.Kind.DECLARATIONS, 20))
                        .sum())
                .isEqualTo(9);
    }

    @Test
    void aRescoringStoresOnlyTheScoresThatDifferFromThoseItRead() {
        createLoopAndOneOtherSale();
        var store = new RiskStore(TestNeo4j.driver());
        var scorer = new RiskScorer(RiskSettings.DEFAULTS).withPageSize(3);
        var unscored = GraphProjection.loadWithStoredDigests(TestNeo4j.driver());
        assertThat(digests(unscored)).hasSize(10).containsOnly(GraphProjection.NO_DIGEST);
        RiskModel model;
        try (var writer = store.pageWriter("v1", "2030-01-01T00:00:00Z", unscored.storedDigests())) {
            model = scorer.train(unscored.data(), "v1", writer).model();
        }
        assertThat(scoredAt("2030-01-01T00:00:00Z")).isEqualTo(10);

        var scored = GraphProjection.loadWithStoredDigests(TestNeo4j.driver());
        assertThat(digests(scored)).doesNotContain(GraphProjection.NO_DIGEST);
        try (var writer = store.pageWriter("v1", "2030-01-02T00:00:00Z", scored.storedDigests())) {
            scorer.score(scored.data(), model, writer);
        }
        assertThat(scoredAt("2030-01-02T00:00:00Z")).isZero();

        // One declaration holds another score than the model gives it, one was filed again since.
        TestNeo4j.count("MATCH (d:Declaration {id: 'D1B'}) SET d.riskDigest = 1 RETURN count(d)");
        TestNeo4j.count("MATCH (d:Declaration {id: 'DX'}) SET d:Unscored RETURN count(d)");
        var changed = GraphProjection.loadWithStoredDigests(TestNeo4j.driver());
        try (var writer = store.pageWriter("v1", "2030-01-03T00:00:00Z", changed.storedDigests())) {
            scorer.score(changed.data(), model, writer);
        }
        assertThat(TestNeo4j.count("MATCH (d:Declaration {riskScoredAt: '2030-01-03T00:00:00Z'}) WHERE d.id IN"
                        + " ['D1B', 'DX'] AND NOT d:Unscored AND d.riskDigest <> 1 RETURN count(d)"))
                .isEqualTo(2);
        assertThat(scoredAt("2030-01-03T00:00:00Z")).isEqualTo(2);
    }

    private static long[] digests(GraphProjection.Loaded loaded) {
        return IntStream.range(0, loaded.data().shipments().size())
                .mapToLong(loaded.storedDigests())
                .toArray();
    }

    private static long scoredAt(String time) {
        return TestNeo4j.count("MATCH (d:Declaration {riskScoredAt: '" + time + "'}) RETURN count(d)");
    }

    /** Companies A, B and C sell to each other in a loop three times; X sells once to A. */
    private static void createLoopAndOneOtherSale() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                UNWIND ['A', 'B', 'C', 'X'] AS id
                CREATE (:Company {id: id, name: 'Company ' + id, country: 'KR', employees: 20,
                                  registeredOn: date('2010-01-01')})
                """).consume();
            session.run("""
                UNWIND range(0, 2) AS round
                UNWIND [['A', 'B', 0, 100.0], ['B', 'C', 10, 110.0], ['C', 'A', 20, 130.0]] AS leg
                MATCH (s:Company {id: leg[0]}), (b:Company {id: leg[1]})
                CREATE (s)<-[:SOLD_BY]-(:Declaration {id: 'D' + round + leg[0], filedOn: date('2024-01-01') + duration({days: round * 150 + leg[2]}),
                        hsCode: '847130', originCountry: 'CN', quantity: [100.0, 260.0, 170.0][round], quantityUnit: 'PCS',
                        valueUsd: leg[3], sellerId: s.id, buyerId: b.id})-[:BOUGHT_BY]->(b)
                """).consume();
            session.run("""
                MATCH (a:Company {id: 'A'}), (x:Company {id: 'X'})
                CREATE (x)<-[:SOLD_BY]-(:Declaration {id: 'DX', filedOn: date('2024-02-01'), hsCode: '940360',
                        originCountry: 'VN', quantity: 5.0, quantityUnit: 'PCS', valueUsd: 500.0, sellerId: x.id, buyerId: a.id})-[:BOUGHT_BY]->(a)
                """).consume();
        }
    }
}
