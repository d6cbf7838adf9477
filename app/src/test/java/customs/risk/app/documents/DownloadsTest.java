package customs.risk.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {

    @Test
    void aNameIsSentAsUtf8WithAnAsciiStandIn() {
        assertThat(Downloads.attachment("invoice 7.pdf"))
                .isEqualTo("attachment; filename=\"invoice 7.pdf\"; filename*=UTF-8''invoice%207.pdf");
        assertThat(Downloads.attachment("송장.txt"))
                .isEqualTo("attachment; filename=\"__.txt\"; filename*=UTF-8''%EC%86%A1%EC%9E%A5.txt");
        assertThat(Downloads.attachment("a\"b\\c\r\n.txt"))
                .isEqualTo("attachment; filename=\"a_b_c__.txt\"; filename*=UTF-8''a%22b%5Cc%0D%0A.txt");
    }
}
