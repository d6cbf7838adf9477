package customs.risk.cases.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void keepsWhatTheUserWroteAboveTheQuote() {
        assertThat(ReplyText.strip("""
                They are forged.
                Same serial numbers.

                On Sun, 29 Nov 2026 at 06:00, Risk <risk@customs.test> wrote:
                > @officer are these invoices genuine?
                > more quoted
                """)).isEqualTo("They are forged.\nSame serial numbers.");
    }

    @Test
    void dropsAnAttributionWrappedOverTwoLinesQuotedLinesAndTheSignature() {
        assertThat(ReplyText.strip("""
                > inline quote first
                Agreed, closing tomorrow.
                --\s
                Officer Kim
                """)).isEqualTo("Agreed, closing tomorrow.");
        assertThat(ReplyText.strip("Yes.\r\nOn Sun, 29 Nov 2026 at 06:00, Risk\r\n<risk@customs.test> wrote:\r\n> x"))
                .isEqualTo("Yes.");
    }

    @Test
    void aReplyThatIsOnlyQuoteIsEmpty() {
        assertThat(ReplyText.strip("> nothing new\n>> really")).isEmpty();
    }
}
