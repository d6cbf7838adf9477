package customs.risk.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.resolution.FieldMatch.Verdict;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static RecordProfile record(
            String id,
            String name,
            String reg,
            String address,
            String phone,
            LocalDate registered,
            LocalDate dissolved) {
        return new RecordProfile(new CompanyRecord(id, name, "KR", reg, address, phone, null, registered, dissolved));
    }

    @Test
    void everyFieldSaysHowItCompares() {
        var a = record(
                "A", "Hanil Trading Co., Ltd.", "214-86-55021", "12 Harbour Road, Busan", "051-740-2211", null, null);
        var b = record(
                "B",
                "HANIL TRADING COMPANY LIMITED",
                "2148655021",
                "12 Harbour Rd Busan",
                "+82 51 740 2211",
                null,
                null);
        var c = Comparison.of(a, b);
        assertThat(c.veto).isNull();
        assertThat(c.fields)
                .extracting(FieldMatch::field, FieldMatch::verdict)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("name", Verdict.SAME),
                        org.assertj.core.groups.Tuple.tuple("legal form", Verdict.SAME),
                        org.assertj.core.groups.Tuple.tuple("address", Verdict.SAME),
                        org.assertj.core.groups.Tuple.tuple("phone", Verdict.SAME),
                        org.assertj.core.groups.Tuple.tuple("registration", Verdict.SAME),
                        org.assertj.core.groups.Tuple.tuple("email", Verdict.MISSING));
    }

    @Test
    void differentRegistrationNumbersVetoUnlessOneFirmSucceededTheOther() {
        var a = record("A", "Hanil Trading Co., Ltd.", "214-86-55021", null, null, LocalDate.of(2010, 1, 1), null);
        var b = record("B", "Hanil Trading Co., Ltd.", "214-86-99999", null, null, LocalDate.of(2012, 1, 1), null);
        assertThat(Comparison.of(a, b).veto).contains("registration numbers differ");
        var dissolved = record(
                "A",
                "Hanil Trading Co., Ltd.",
                "214-86-55021",
                null,
                null,
                LocalDate.of(2010, 1, 1),
                LocalDate.of(2019, 5, 1));
        var successor =
                record("B", "Hanil Trading Co., Ltd.", "214-86-99999", null, null, LocalDate.of(2019, 6, 1), null);
        var c = Comparison.of(dissolved, successor);
        assertThat(c.veto).isNull();
        assertThat(c.fields).anyMatch(f -> f.field().equals("lifetime") && f.verdict() == Verdict.SIMILAR);
    }
}
