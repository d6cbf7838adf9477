package customs.risk.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void namesEachMentionedUserOnceInOrder() {
        assertThat(Mentions.in("@Alice.B and @bob_7, see @alice.b's note; thanks @bob_7."))
                .containsExactly("alice.b", "bob_7");
    }

    @Test
    void anEmailAddressOrATooShortNameIsNoMention() {
        assertThat(Mentions.in("write to info@example.com or @ab, not @")).isEmpty();
    }
}
