package customs.risk.survey.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import customs.risk.survey.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurveyStatisticsTest {

    private final SurveyStatistics statistics = new SurveyStatistics();

    @Test
    void oneItemIsTooFew() {
        var answers = new ResponseMatrix(List.of("a"), new double[][] {{1}, {2}, {3}});

        assertThatThrownBy(() -> statistics.analyse(answers))
                .isInstanceOf(SurveyDataException.class)
                .hasMessageContaining("at least 2 items");
    }

    @Test
    void twoRespondentsAreTooFew() {
        var answers = new ResponseMatrix(List.of("a", "b"), new double[][] {{1, 2}, {2, 3}});

        assertThatThrownBy(() -> statistics.analyse(answers))
                .isInstanceOf(SurveyDataException.class)
                .hasMessageContaining("at least 3 respondents");
    }

    @Test
    void aRaggedOrNonFiniteMatrixIsRefused() {
        assertThatThrownBy(() -> new ResponseMatrix(List.of("a", "b"), new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("respondent 2 has 1 answers, expected 2");
        assertThatThrownBy(() -> new ResponseMatrix(List.of("a", "b"), new double[][] {{1, Double.NaN}}))
                .hasMessageContaining("respondent 1, item \"b\"");
        assertThatThrownBy(() -> new ResponseMatrix(List.of("a", "a"), new double[0][]))
                .hasMessageContaining("\"a\" appears twice");
    }

    @Test
    void aConstantItemLeavesAlphaButNotKmoOrBartlett() {
        var answers =
                new ResponseMatrix(List.of("a", "b", "c"), new double[][] {{1, 5, 2}, {2, 5, 3}, {3, 5, 3}, {4, 5, 5}});

        var report = statistics.analyse(answers);

        assertThat(report.alpha()).isPresent();
        assertThat(report.factorability()).isEmpty();
        assertThat(report.msa()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("item \"b\" got the same answer from everyone"));
    }

    @Test
    void moreItemsThanRespondentsMakeTheCorrelationMatrixSingular() {
        var answers = new ResponseMatrix(
                List.of("a", "b", "c", "d"), new double[][] {{1, 2, 3, 1}, {2, 3, 1, 2}, {3, 1, 2, 4}});

        var report = statistics.analyse(answers);

        assertThat(report.factorability()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("singular") && n.contains("more respondents than items"));
    }

    @Test
    void everyoneGivingTheSameAnswersLeavesNoAlpha() {
        var answers = new ResponseMatrix(List.of("a", "b"), new double[][] {{3, 3}, {3, 3}, {3, 3}});

        var report = statistics.analyse(answers);

        assertThat(report.alpha()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("same total score"));
        assertThat(report.items()).allSatisfy(i -> assertThat(i.sd()).isZero());
    }

    @Test
    void constructsHaveMeanSdAndTheirOwnAlpha() {
        var answers = Fixtures.pingouin().answers();
        var first = new SurveyStatistics.Construct("first", List.of("Q1", "Q2", "Q3"));
        var single = new SurveyStatistics.Construct("single", List.of("Q10"));

        var report = statistics.analyse(answers, List.of(first, single));

        var summary = report.constructs().getFirst();
        double[][] rows = answers.select(first.items()).rows();
        double sum = 0;
        double[] means = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            means[i] = (rows[i][0] + rows[i][1] + rows[i][2]) / 3;
            sum += means[i];
        }
        double mean = sum / rows.length;
        double squares = 0;
        for (double m : means) {
            squares += (m - mean) * (m - mean);
        }
        assertThat(summary.mean()).isCloseTo(mean, within(1e-12));
        assertThat(summary.sd()).isCloseTo(Math.sqrt(squares / (rows.length - 1)), within(1e-12));
        assertThat(summary.alpha())
                .hasValueSatisfying(a -> assertThat(a.value())
                        .isEqualTo(new CronbachAlpha()
                                .compute(answers.select(first.items()))
                                .value()));
        assertThat(report.constructs().get(1).alpha()).isEmpty();
    }

    @Test
    void anUnknownItemInAConstructIsAnError() {
        var construct = new SurveyStatistics.Construct("x", List.of("Q1", "nope"));

        assertThatThrownBy(() -> statistics.analyse(Fixtures.pingouin().answers(), List.of(construct)))
                .hasMessageContaining("no item \"nope\"");
    }

    @Test
    void interpretationsUseKaisersAndGeorgeAndMallerysBands() {
        assertThat(Interpretation.kmoLabel(0.93)).isEqualTo("marvellous");
        assertThat(Interpretation.kmoLabel(0.8)).isEqualTo("meritorious");
        assertThat(Interpretation.kmoLabel(0.75)).isEqualTo("middling");
        assertThat(Interpretation.kmoLabel(0.6)).isEqualTo("mediocre");
        assertThat(Interpretation.kmoLabel(0.55)).isEqualTo("miserable");
        assertThat(Interpretation.kmoLabel(0.49)).isEqualTo("unacceptable");
        assertThat(Interpretation.alphaLabel(0.95)).isEqualTo("excellent");
        assertThat(Interpretation.alphaLabel(0.85)).isEqualTo("good");
        assertThat(Interpretation.alphaLabel(0.7)).isEqualTo("acceptable");
        assertThat(Interpretation.alphaLabel(0.65)).isEqualTo("questionable");
        assertThat(Interpretation.alphaLabel(0.59)).isEqualTo("poor");
        assertThat(Interpretation.alphaLabel(0.3)).isEqualTo("unacceptable");

        var report = statistics.analyse(Fixtures.mtcars().answers());
        assertThat(report.factorability()).hasValueSatisfying(f -> {
            assertThat(f.kmoInterpretation())
                    .startsWith("KMO 0.827 is meritorious")
                    .contains("enough common variance");
            assertThat(f.bartlettInterpretation()).contains("df 55", "p < 0.001", "factor analysis is appropriate");
        });
        assertThat(statistics.analyse(Fixtures.pingouin().answers()).alphaInterpretation())
                .hasValueSatisfying(s -> assertThat(s).contains("0.592 is poor", "0.195 to 0.840"));
    }

    @Test
    void lowMsaItemsAreNamedInTheNotes() {
        var report = statistics.analyse(Fixtures.pingouin().answers());

        assertThat(report.notes()).anyMatch(n -> n.startsWith("item \"Q5\" has an MSA of 0.25"));
    }
}
