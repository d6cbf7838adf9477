package customs.risk.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import customs.risk.engine.network.ShellClusterDetector.Tie;
import customs.risk.engine.trade.CompanyFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShellClusterDetectorTest {

    private final List<CompanyFacts> companies = new ArrayList<>();
    private final List<SharedIdentifier> identifiers = new ArrayList<>();

    @Test
    void youngTinyCompaniesBehindANomineeDirectorWithAPhoenixScoreHigh() {
        company("S1", "2023-01-10", "2023-11-30", 2, "2023-02-01", 4_000_000);
        company("S2", "2023-02-15", null, 1, "2023-03-01", 3_000_000);
        company("S3", "2023-12-05", null, 2, "2024-01-10", 5_000_000); // registered 5 days after S1 closed
        company("S4", "2022-11-01", null, 3, "2023-01-05", 2_000_000);
        tie(Tie.OFFICER, "P9", "S1", "S2", "S3", "S4");
        tie(Tie.ADDRESS, "UNIT 5 88 NANSHAN AVE", "S1", "S3");
        tie(Tie.PHONE, "+8675512345678", "S2", "S4");
        ordinaryTraders();

        var clusters = new ShellClusterDetector().detect(companies, identifiers);

        var shell = clusters.getFirst();
        assertThat(shell.companies()).containsExactly("S1", "S2", "S3", "S4");
        assertThat(shell.score()).isGreaterThan(0.8);
        assertThat(shell.youngShare()).isEqualTo(1.0);
        assertThat(shell.dissolved()).isEqualTo(1);
        assertThat(shell.phoenixes()).contains("S1 -> S3 (5 days)");
        assertThat(shell.describe()).contains("4 companies", "officer P9 on 4 boards", "phoenix successor S1 -> S3");
    }

    @Test
    void anOldLargeCorporateGroupAtOneHeadquartersScoresLow() {
        company("G1", "1972-03-01", null, 2_400, "2022-01-05", 90_000_000);
        company("G2", "1985-06-01", null, 800, "2022-01-07", 30_000_000);
        company("G3", "1990-09-01", null, 650, "2022-02-01", 25_000_000);
        tie(Tie.ADDRESS, "1 SAMSEONG RD SEOUL", "G1", "G2", "G3");
        tie(Tie.OFFICER, "P1", "G1", "G2", "G3");
        company("S1", "2023-01-10", "2023-11-30", 2, "2023-02-01", 4_000_000);
        company("S2", "2023-11-20", null, 1, "2023-12-01", 3_000_000);
        tie(Tie.OFFICER, "P9", "S1", "S2");
        ordinaryTraders();

        var clusters = new ShellClusterDetector().detect(companies, identifiers);

        var group = clusters.stream()
                .filter(c -> c.companies().contains("G1"))
                .findFirst()
                .orElseThrow();
        var shell = clusters.stream()
                .filter(c -> c.companies().contains("S1"))
                .findFirst()
                .orElseThrow();
        assertThat(group.score()).isLessThan(0.35);
        assertThat(shell.score()).isGreaterThan(group.score() + 0.3);
        assertThat(clusters.getFirst()).isEqualTo(shell);
    }

    @Test
    void aRegisteredAgentsAddressTiesNobody() {
        var tenants = IntStream.range(0, 25).mapToObj(i -> "T" + i).toList();
        tenants.forEach(t -> company(t, "2023-01-01", null, 2, "2023-03-01", 100_000));
        identifiers.add(new SharedIdentifier(Tie.ADDRESS, "1 AGENT ST", Set.copyOf(tenants)));

        assertThat(new ShellClusterDetector().detect(companies, identifiers)).isEmpty();
    }

    private void ordinaryTraders() {
        for (int i = 0; i < 50; i++) {
            company("O" + i, "2005-01-01", null, 40, "2022-01-01", 2_000_000);
        }
    }

    private void company(
            String id, String registered, String dissolved, int employees, String firstDeclared, double traded) {
        companies.add(new CompanyFacts(
                id,
                LocalDate.parse(registered),
                dissolved == null ? null : LocalDate.parse(dissolved),
                employees,
                LocalDate.parse(firstDeclared),
                traded));
    }

    private void tie(Tie tie, String key, String... members) {
        identifiers.add(new SharedIdentifier(tie, key, Set.of(members)));
    }
}
