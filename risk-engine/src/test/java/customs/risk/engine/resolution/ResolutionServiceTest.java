package customs.risk.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.projection.GraphProjection;
import customs.risk.graph.TestNeo4j;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolution over companies in a real graph: parties formed and kept under a stable id, records
 * resolved again only when their fields change, decisions that stand, and the analysis reading
 * every record as its party.
 */
class ResolutionServiceTest {

    private final ResolutionService resolution = new ResolutionService(TestNeo4j.driver());

    @BeforeEach
    void companies() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (:Company {id: 'A1', name: 'Aurora Harbour Trading Co., Ltd.', country: 'KR',
                                      registrationNumber: '214-86-55021', address: '12 Haeundae-ro, Busan',
                                      phone: '051-740-2211', registeredOn: date('2015-03-02'), employees: 14})
                    CREATE (:Company {id: 'A2', name: 'AURORA HARBOUR TRADING COMPANY LIMITED', country: 'KR',
                                      registrationNumber: '2148655021', address: 'Rm 501, 12 Haeundaero Busan',
                                      registeredOn: date('2019-06-11')})
                    CREATE (:Company {id: 'B', name: 'Kestrel Pacific Logistics Pte. Ltd.', country: 'SG',
                                      address: '8 Marina View, Singapore', phone: '+65 6221 0400'})
                    CREATE (:Company {id: 'C', name: 'Aurora Harbour Textile Co., Ltd.', country: 'KR',
                                      registrationNumber: '605-81-33333', address: '9 Jungang-daero, Busan'})
                    """).consume();
            session.run("""
                    MATCH (a:Company {id: 'A2'}), (b:Company {id: 'B'})
                    CREATE (a)<-[:SOLD_BY]-(:Declaration {id: 'D1', filedOn: date('2024-01-05'), hsCode: '854231',
                            originCountry: 'KR', quantity: 10.0, quantityUnit: 'PCS', valueUsd: 100.0, sellerId: a.id, buyerId: b.id})-[:BOUGHT_BY]->(b)
                    """).consume();
        }
    }

    @Test
    void recordsOfOneFirmBecomeOnePartyThatTheAnalysisReadsAsOne() {
        var summary = resolution.resolveAll();
        assertThat(summary.parties()).isEqualTo(1);
        assertThat(resolution.parties()).isEqualTo(Map.of("A1", "A2", "A2", "A2"));
        var party = resolution.partyOf("A1").orElseThrow();
        assertThat(party.id())
                .as("the record with declarations names the party")
                .isEqualTo("A2");
        assertThat(party.records()).extracting(CompanyRecord::id).containsExactly("A1", "A2");
        assertThat(resolution.partyOf("C"))
                .as("a look-alike with another registration number")
                .isEmpty();

        var data = GraphProjection.load(TestNeo4j.driver());
        assertThat(data.shipments().getFirst().sellerId()).isEqualTo("A2");
        var facts = data.companies().stream().filter(c -> c.id().equals("A2")).toList();
        assertThat(facts).hasSize(1);
        assertThat(facts.getFirst().registeredOn()).hasToString("2015-03-02");
        assertThat(facts.getFirst().employees()).isEqualTo(14);
        assertThat(data.companies()).extracting(c -> c.id()).doesNotContain("A1");
    }

    @Test
    void onlyChangedRecordsAreResolvedAgainAndThePartyKeepsItsId() {
        resolution.resolveAll();
        assertThat(resolution.resolveChanged().candidates())
                .as("nothing changed")
                .isZero();
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (:Company {id: 'A3', name: 'Aurora Harbour Trdg. Co., Ltd.', country: 'KR',
                                      registrationNumber: '214-86-55021', phone: '+82 51 740 2211'})
                    """).consume();
        }
        var summary = resolution.resolveChanged();
        assertThat(summary.candidates()).isPositive();
        assertThat(resolution.partyOf("A3").orElseThrow().id()).isEqualTo("A2");
        assertThat(resolution.partyOf("A3").orElseThrow().records()).hasSize(3);
    }

    @Test
    void aRejectionStandsAndCanBeUndone() {
        resolution.resolveAll();
        assertThat(resolution.decide("A2", "A1", MatchStatus.REJECTED, "alice")).isTrue();
        assertThat(resolution.partyOf("A1")).isEmpty();
        resolution.resolveAll();
        assertThat(resolution.partyOf("A1"))
                .as("never merged again by the model")
                .isEmpty();
        var review = resolution.review("A1", "A2").orElseThrow();
        assertThat(review.status()).isEqualTo(MatchStatus.REJECTED);
        assertThat(review.decidedBy()).isEqualTo("alice");

        assertThat(resolution.decide("A1", "A2", MatchStatus.PENDING, "bob")).isTrue();
        assertThat(resolution.review("A1", "A2").orElseThrow().history())
                .hasSize(2)
                .last()
                .asString()
                .endsWith("|bob|PENDING");
        assertThat(resolution.partyOf("A1")).isPresent();
        assertThat(resolution.decide("A1", "NOBODY", MatchStatus.ACCEPTED, "bob"))
                .isFalse();
    }
}
