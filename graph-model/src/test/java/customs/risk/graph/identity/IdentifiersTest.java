package customs.risk.graph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void addressesWrittenDifferentlyGetOneKey() {
        assertThat(Identifiers.addressKey("12 Harbour Rd., Busan"))
                .isEqualTo(Identifiers.addressKey("12 HARBOUR ROAD  BUSAN"))
                .isEqualTo("12 HARBOUR RD BUSAN");
        assertThat(Identifiers.addressKey("Suite 5, 1 Main Street"))
                .isEqualTo(Identifiers.addressKey("STE 5 1 MAIN ST"));
    }

    @Test
    void differentAddressesStayApart() {
        assertThat(Identifiers.addressKey("12 Harbour Rd, Busan"))
                .isNotEqualTo(Identifiers.addressKey("14 Harbour Rd, Busan"));
        assertThat(Identifiers.addressKey("  ,. ")).isNull();
    }

    @Test
    void nationalAndInternationalPhoneFormatsMeet() {
        assertThat(Identifiers.phoneKey("051-123-4567", "KR"))
                .isEqualTo(Identifiers.phoneKey("+82 51 123 4567", "CN"))
                .isEqualTo(Identifiers.phoneKey("0082 (51) 123-4567", null))
                .isEqualTo("+82511234567");
        assertThat(Identifiers.phoneKey("123", "KR")).isNull();
        assertThat(Identifiers.phoneKey("06 6982 1234", "IT"))
                .as("Italy keeps its leading zero")
                .isEqualTo("+390669821234")
                .isEqualTo(Identifiers.phoneKey("+39 06 6982 1234", null));
        assertThat(Identifiers.phoneKey("030 1234567", "DE")).isEqualTo("+49301234567");
    }

    @Test
    void emailsCompareWithoutCase() {
        assertThat(Identifiers.emailKey(" Info@Acme.KR ")).isEqualTo("info@acme.kr");
        assertThat(Identifiers.emailKey("not-an-email")).isNull();
        assertThat(Identifiers.emailKey("a@b@c")).isNull();
    }
}
