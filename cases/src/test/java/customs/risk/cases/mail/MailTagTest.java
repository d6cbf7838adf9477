package customs.risk.cases.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailTagTest {

    @Test
    void theSubjectTagNamesTheCase() {
        assertThat(MailTag.of("Re: AW: [CASE-1A2B3C4D] @kim mentioned you", null, null))
                .contains("CASE-1A2B3C4D");
    }

    @Test
    void withoutATagTheAnsweredNotificationNamesTheCase() {
        String id = MailTag.messageId("CASE-1A2B3C4D");
        assertThat(MailTag.of("Re: edited subject", id, null)).contains("CASE-1A2B3C4D");
        assertThat(MailTag.of("Re: edited subject", "<other@x>", "<a@b> " + id)).contains("CASE-1A2B3C4D");
        assertThat(MailTag.of("Re: edited subject", "<CASE-1A2B3C4D.x@elsewhere>", null))
                .isEmpty();
    }

    @Test
    void aRequestIsTaggedAsACaseIs() {
        assertThat(MailTag.of("Re: [RFI-9F8E7D6C] Request for information", null, null))
                .contains("RFI-9F8E7D6C");
        assertThat(MailTag.of("Re: no tag", null, MailTag.messageId("RFI-9F8E7D6C")))
                .contains("RFI-9F8E7D6C");
        assertThat(MailTag.isRequest("RFI-9F8E7D6C")).isTrue();
        assertThat(MailTag.isRequest("CASE-1A2B3C4D")).isFalse();
    }

    @Test
    void longMessageIdsAreHashedIntoAClientIdThatFits() {
        assertThat(MailboxReplyFetcher.clientId("<short@x>")).isEqualTo("mail:<short@x>");
        assertThat(MailboxReplyFetcher.clientId("<" + "x".repeat(200) + "@y>"))
                .hasSize(76)
                .startsWith("mail:sha256:");
    }
}
