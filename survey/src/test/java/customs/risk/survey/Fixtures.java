package customs.risk.survey;

import customs.risk.survey.io.ResponseFiles;
import customs.risk.survey.io.ResponseTable;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The published example data sets under {@code src/test/resources/customs/risk/survey}. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * R's {@code mtcars} (Henderson and Velleman 1981; R datasets package): 32 cars x 11 variables. Not a
     * survey, but the data set for which KMO, per-item MSA and Bartlett's test are published.
     */
    public static ResponseTable mtcars() {
        return csv("mtcars.csv");
    }

    /**
     * The 15 respondents x 10 questions example of pingouin's {@code cronbach_alpha} data set (from
     * real-statistics.com's Cronbach's alpha page), turned from long to wide form.
     */
    public static ResponseTable pingouin() {
        return csv("pingouin-cronbach-alpha.csv");
    }

    private static ResponseTable csv(String name) {
        try (var in = Fixtures.class.getResourceAsStream(name)) {
            return ResponseFiles.readCsv(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
