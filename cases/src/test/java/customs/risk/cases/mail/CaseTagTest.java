package customs.risk.cases.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseTagTest {

    @Test
    void theSubjectTagNamesTheCase() {
        assertThat(CaseTag.caseOf("Re: AW: [CASE-1A2B3C4D] @kim mentioned you", null, null))
                .contains("CASE-1A2B3C4D");
    }

    @Test
    void withoutATagTheAnsweredNotificationNamesTheCase() {
        String id = CaseTag.messageId("CASE-1A2B3C4D");
        assertThat(CaseTag.caseOf("Re: edited subject", id, null)).contains("CASE-1A2B3C4D");
        assertThat(CaseTag.caseOf("Re: edited subject", "<other@x>", "<a@b> " + id))
                .contains("CASE-1A2B3C4D");
        assertThat(CaseTag.caseOf("Re: edited subject", "<CASE-1A2B3C4D.x@elsewhere>", null))
                .isEmpty();
    }

    @Test
    void longMessageIdsAreHashedIntoAClientIdThatFits() {
        assertThat(ImapReplyFetcher.clientId("<short@x>")).isEqualTo("mail:<short@x>");
        assertThat(ImapReplyFetcher.clientId("<" + "x".repeat(200) + "@y>"))
                .hasSize(76)
                .startsWith("mail:sha256:");
    }
}
