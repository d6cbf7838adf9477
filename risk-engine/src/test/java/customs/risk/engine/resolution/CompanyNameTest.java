package customs.risk.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyNameTest {

    @Test
    void legalFormsWrittenAnyWayAreOneCode() {
        var a = CompanyName.of("ACME Trading Co., Ltd.");
        var b = CompanyName.of("Acme Trading Company Limited");
        assertThat(a.words()).containsExactly("ACME", "TRADING");
        assertThat(b).isEqualTo(a);
        assertThat(a.legalForm()).isEqualTo("LTD");
        assertThat(CompanyName.of("Müller Maschinenbau Gesellschaft mit beschränkter Haftung"))
                .isEqualTo(CompanyName.of("MÜLLER MASCHINENBAU GMBH"));
        assertThat(CompanyName.of("Cong Ty TNHH Minh Phat Trading").legalForm()).isEqualTo("LTD");
        assertThat(CompanyName.of("Cong Ty TNHH Minh Phat Trading").words()).containsExactly("MINH", "PHAT", "TRADING");
    }

    @Test
    void abbreviationsAreExpanded() {
        assertThat(CompanyName.of("Hanil Int'l Trdg Corp.").words())
                .isEqualTo(CompanyName.of("Hanil International Trading Corporation")
                        .words());
        assertThat(CompanyName.of("Daesung Elec. & Mfg Co., Ltd."))
                .isEqualTo(CompanyName.of("Daesung Electronics and Manufacturing Co., Ltd."));
    }

    @Test
    void hanziMeetsPinyin() {
        var hanzi = CompanyName.of("深圳华信贸易有限公司");
        var pinyin = CompanyName.of("Shenzhen Huaxin Trading Co., Ltd.");
        assertThat(hanzi.compact()).isEqualTo(pinyin.compact()).isEqualTo("SHENZHENHUAXINTRADING");
        assertThat(hanzi.legalForm()).isEqualTo("LTD");
    }

    @Test
    void wordOrderDoesNotChangeTheFingerprint() {
        assertThat(CompanyName.of("Huaxin Trading (Shenzhen) Co., Ltd.").fingerprint())
                .isEqualTo(CompanyName.of("Shenzhen Huaxin Trading Co., Ltd.").fingerprint());
    }

    @Test
    void aNameOfOnlyALegalFormKeepsIt() {
        assertThat(CompanyName.of("Limited").words()).isEqualTo(List.of("LIMITED"));
        assertThat(CompanyName.of("  ").words()).isEmpty();
    }
}
