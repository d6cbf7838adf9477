package customs.risk.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.explore.EntityService.TimelineKind;
import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NetworkService.GraphNode;
import customs.risk.engine.projection.GraphProjection;
import customs.risk.engine.ranking.RiskScorer;
import customs.risk.engine.ranking.RiskSettings;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.TestNeo4j;
import customs.risk.graph.access.Actor;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What investigators see of a scored graph at the level of companies and people: the loop and the
 * cluster behind a reason, drawn with their legs and shared identifiers; trade partners and control
 * links as aggregated edges; an entity's timeline.
 */
class EvidenceServiceTest {

    private static final Actor VIEWER = new Actor("investigator", false);
    private static final NodeRef A = new NodeRef(NodeLabel.COMPANY, "A");

    private final EvidenceService evidence = new EvidenceService(TestNeo4j.driver());
    private final NetworkService network = new NetworkService(TestNeo4j.driver());
    private final EntityService entities = new EntityService(TestNeo4j.driver());

    /** A goes round A -> B -> C -> A three times; S1, S2 and S3 share an address and a nominee. */
    @BeforeAll
    static void scoredGraph() {
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
                            hsCode: '847130', originCountry: 'CN', quantity: 10.0, quantityUnit: 'PCS',
                            valueUsd: leg[3], sellerId: s.id, buyerId: b.id})-[:BOUGHT_BY]->(b)
                    """).consume();
            session.run("""
                    MATCH (a:Company {id: 'A'}), (x:Company {id: 'X'})
                    CREATE (x)<-[:SOLD_BY]-(d:Declaration {id: 'DX', filedOn: date('2024-02-01'), hsCode: '940360',
                            originCountry: 'VN', quantity: 5.0, quantityUnit: 'PCS', valueUsd: 500.0, sellerId: x.id, buyerId: a.id})-[:BOUGHT_BY]->(a)
                    CREATE (:Inspection {key: 'DX@2024-03-01', inspectedOn: date('2024-03-01'), outcome: 'VIOLATION',
                            violationType: 'UNDERVALUATION', revenueRecovered: 1200.0})-[:OF]->(d)
                    """).consume();
            session.run("""
                    CREATE (addr:Address {key: '1 harbour rd', value: '1 Harbour Rd'})
                    CREATE (nominee:Person {id: 'P1', name: 'Nina Nominee'})
                    WITH addr, nominee
                    UNWIND ['S1', 'S2', 'S3'] AS id
                    CREATE (s:Company {id: id, name: 'Shell ' + id, country: 'HK', employees: 1,
                                       registeredOn: date('2023-11-01')})-[:HAS_ADDRESS]->(addr)
                    CREATE (nominee)-[:OFFICER_OF {role: 'director'}]->(s)
                    WITH s
                    MATCH (x:Company {id: 'X'})
                    CREATE (s)<-[:SOLD_BY]-(:Declaration {id: 'DS' + s.id, filedOn: date('2024-04-01'), hsCode: '851712',
                            originCountry: 'HK', quantity: 1.0, quantityUnit: 'PCS', valueUsd: 90000.0, sellerId: s.id, buyerId: x.id})-[:BOUGHT_BY]->(x)
                    """).consume();
        }
        var assessment = new RiskScorer(RiskSettings.DEFAULTS).score(GraphProjection.load(TestNeo4j.driver()));
        new RiskStore(TestNeo4j.driver())
                .save(assessment, java.time.Instant.now().toString());
    }

    @Test
    void theLoopBehindAReasonIsDrawnInOrderWithEachLeg() {
        var findings = evidence.findings(A);
        var loop = findings.stream()
                .filter(EvidenceService.Finding::loop)
                .findFirst()
                .orElseThrow();
        assertThat(loop.companies()).containsExactlyInAnyOrder("A", "B", "C");
        // The description is the reason the members carry, so a reason chip finds its finding.
        assertThat(entities.profile(VIEWER, A).orElseThrow().reasons()).contains(loop.description());

        var drawn = evidence.evidence(VIEWER, loop.id()).orElseThrow();
        assertThat(drawn.nodes()).extracting(GraphNode::caption).contains("Company A", "Company B", "Company C");
        assertThat(drawn.legs()).hasSize(3).allSatisfy(leg -> {
            assertThat(leg.declarations()).isEqualTo(3);
            assertThat(leg.firstFiled()).startsWith("2024-0");
            assertThat(leg.quantity()).isEqualTo(30.0);
        });
        // Each leg goes to the next member, the last back to the first.
        var order = loop.companies();
        for (int i = 0; i < order.size(); i++) {
            assertThat(drawn.legs().get(i).from().key()).isEqualTo(order.get(i));
            assertThat(drawn.legs().get(i).to().key()).isEqualTo(order.get((i + 1) % order.size()));
        }
        var legAB = drawn.legs().stream()
                .filter(l -> l.from().key().equals("A"))
                .findFirst()
                .orElseThrow();
        assertThat(legAB.valueUsd()).isEqualTo(300.0);
        assertThat(legAB.declarationIds()).containsExactly("D0A", "D1A", "D2A");
        assertThat(drawn.edges()).extracting(GraphEdge::type).containsOnly("TRADE");

        // A declaration of the loop leads to the same finding; one outside it does not.
        assertThat(evidence.findings(new NodeRef(NodeLabel.DECLARATION, "D1B")))
                .extracting(EvidenceService.Finding::id)
                .contains(loop.id());
        assertThat(evidence.findings(new NodeRef(NodeLabel.DECLARATION, "DX")))
                .extracting(EvidenceService.Finding::id)
                .doesNotContain(loop.id());
        assertThat(evidence.evidence(VIEWER, "loop-nonexistent")).isEmpty();
    }

    @Test
    void theClusterIsDrawnWithTheIdentifiersItsMembersShare() {
        var cluster = evidence.findings(new NodeRef(NodeLabel.COMPANY, "S2")).stream()
                .filter(f -> !f.loop())
                .findFirst()
                .orElseThrow();
        assertThat(cluster.companies()).containsExactly("S1", "S2", "S3");
        // The reason names the officer and the address as a reader knows them, not by key.
        assertThat(cluster.description()).contains("officer Nina Nominee on 3 boards", "address 1 Harbour Rd");

        var drawn = evidence.evidence(VIEWER, cluster.id()).orElseThrow();
        assertThat(drawn.nodes())
                .extracting(GraphNode::caption)
                .contains("Shell S1", "Shell S2", "Shell S3", "1 Harbour Rd", "Nina Nominee");
        assertThat(drawn.ties())
                .extracting(EvidenceService.SharedTie::caption)
                .contains("1 Harbour Rd", "Nina Nominee");
        assertThat(drawn.ties()).allSatisfy(tie -> assertThat(tie.companies()).hasSize(3));
        assertThat(drawn.edges()).hasSize(6).extracting(GraphEdge::type).containsOnly("CONTROL");
        // The nominee's person page leads to the cluster too.
        assertThat(evidence.findings(new NodeRef(NodeLabel.PERSON, "P1")))
                .extracting(EvidenceService.Finding::id)
                .contains(cluster.id());
    }

    @Test
    void aCompanyInAPartyTradesWithThePartnersOfEveryRecordOfIt() {
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (q:Company {id: 'Q', name: 'Company Q', party: 'Q'}),
                           (q2:Company {id: 'Q2', name: 'Company Q (2)', party: 'Q'}),
                           (r:Company {id: 'R', name: 'Company R'}), (t:Company {id: 'T', name: 'Company T'})
                    CREATE (q)<-[:SOLD_BY]-(:Declaration {id: 'DQR', filedOn: date('2024-01-01'), hsCode: '847130',
                            quantity: 1.0, valueUsd: 10.0})-[:BOUGHT_BY]->(r)
                    CREATE (t)<-[:SOLD_BY]-(:Declaration {id: 'DTQ2', filedOn: date('2024-01-02'), hsCode: '847130',
                            quantity: 1.0, valueUsd: 20.0})-[:BOUGHT_BY]->(q2)
                    """).consume();
        }
        try {
            var q = new NodeRef(NodeLabel.COMPANY, "Q");
            assertThat(network.entityDegrees(VIEWER, q).partners()).isEqualTo(2);
            assertThat(network.partners(VIEWER, q, 0, 50).nodes())
                    .extracting(GraphNode::caption)
                    .containsExactlyInAnyOrder("Company R", "Company T");
        } finally {
            try (var session = TestNeo4j.driver().session()) {
                session.run("MATCH (n) WHERE n.id IN ['Q', 'Q2', 'R', 'T', 'DQR', 'DTQ2'] DETACH DELETE n")
                        .consume();
            }
        }
    }

    @Test
    void tradePartnersAreOneAggregatedEdgePerDirection() {
        var degrees = network.entityDegrees(VIEWER, A);
        assertThat(degrees.partners()).isEqualTo(3);

        var partners = network.partners(VIEWER, A, 0, 50);
        assertThat(partners.total()).isEqualTo(3);
        assertThat(partners.nodes()).extracting(GraphNode::caption).contains("Company B", "Company C", "Company X");
        var toB = partners.edges().stream()
                .filter(e -> e.target().key().equals("B"))
                .findFirst()
                .orElseThrow();
        assertThat(toB.source()).isEqualTo(A);
        assertThat(toB.type()).isEqualTo("TRADE");
        assertThat(toB.properties())
                .containsEntry("declarations", 3L)
                .containsEntry("valueUsd", 300.0)
                .containsEntry("hsHeadings", "8471")
                .containsEntry("firstFiled", "2024-01-01");
        assertThat(toB.label()).contains("3×", "8471", "USD 300");
        var fromX = partners.edges().stream()
                .filter(e -> e.source().key().equals("X"))
                .findFirst()
                .orElseThrow();
        assertThat(fromX.target()).isEqualTo(A);

        var page = network.partners(VIEWER, A, 1, 1);
        assertThat(page.nodes()).hasSize(1);
        assertThat(page.more()).isTrue();
        assertThat(network.partners(VIEWER, A, 5, 10).nodes()).isEmpty();

        assertThat(entities.declarationsBetween("A", "B", 0, 10))
                .extracting(EntityService.DeclarationRow::id)
                .containsExactly("D2A", "D1A", "D0A");
    }

    @Test
    void controlLinksAreOfficersAndSharedIdentifiers() {
        var s1 = new NodeRef(NodeLabel.COMPANY, "S1");
        assertThat(network.entityDegrees(VIEWER, s1).controls()).isEqualTo(3);
        var controls = network.controls(VIEWER, s1, 0, 50);
        assertThat(controls.nodes()).extracting(GraphNode::caption).contains("Nina Nominee", "Shell S2", "Shell S3");
        assertThat(controls.edges())
                .filteredOn(e -> e.source().key().equals("P1"))
                .singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("officer (director)"));
        assertThat(controls.edges())
                .filteredOn(e -> e.target().key().equals("S2"))
                .singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("shared address 1 Harbour Rd"));

        var nominee = network.controls(VIEWER, new NodeRef(NodeLabel.PERSON, "P1"), 0, 50);
        assertThat(nominee.total()).isEqualTo(3);
        assertThat(nominee.edges()).allSatisfy(e -> assertThat(e.source().key()).isEqualTo("P1"));
    }

    @Test
    void theTimelineListsDeclarationsInspectionsAndScoresNewestFirst() {
        var timeline = entities.timeline(VIEWER, A, EnumSet.allOf(TimelineKind.class), 100);
        assertThat(timeline)
                .extracting(EntityService.TimelineEvent::kind)
                .contains(TimelineKind.DECLARATION, TimelineKind.INSPECTION, TimelineKind.SCORE);
        assertThat(timeline.stream().filter(e -> e.kind() == TimelineKind.DECLARATION))
                .hasSize(7);
        assertThat(timeline)
                .filteredOn(e -> e.kind() == TimelineKind.INSPECTION)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.title()).isEqualTo("inspection of DX: VIOLATION");
                    assertThat(e.detail()).contains("UNDERVALUATION", "USD 1,200 recovered");
                });
        assertThat(timeline)
                .filteredOn(
                        e -> e.kind() == TimelineKind.DECLARATION && e.title().contains("DX"))
                .singleElement()
                .satisfies(e -> assertThat(e.title()).contains("Company X → Company A"));
        var dates = timeline.stream().map(EntityService.TimelineEvent::at).toList();
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        var inspectionsOnly = entities.timeline(VIEWER, A, EnumSet.of(TimelineKind.INSPECTION), 100);
        assertThat(inspectionsOnly)
                .extracting(EntityService.TimelineEvent::kind)
                .containsOnly(TimelineKind.INSPECTION);
        assertThat(entities.timeline(VIEWER, A, EnumSet.of(TimelineKind.DECLARATION), 2))
                .hasSize(2);
        assertThat(List.copyOf(entities.timeline(VIEWER, A, EnumSet.of(TimelineKind.SCORE), 10)))
                .singleElement()
                .satisfies(e -> assertThat(e.title()).startsWith("scored "));
    }
}
