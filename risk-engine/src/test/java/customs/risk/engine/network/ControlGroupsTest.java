package customs.risk.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlGroupsTest {

    @Test
    void sharingIsTransitive() {
        var groups = ControlGroups.of(
                Map.of(
                        "phone:+8251", List.of("A", "B"),
                        "director:P1", List.of("B", "C"),
                        "address:X", List.of("D", "E")),
                8);

        assertThat(groups.sameParty("A", "C")).isTrue();
        assertThat(groups.sameParty("A", "D")).isFalse();
        assertThat(groups.partyOf("Z")).isEqualTo("Z");
        assertThat(groups.groups()).containsExactly(Set.of("A", "B", "C"), Set.of("D", "E"));
    }

    @Test
    void widelySharedIdentifiersSayNothingAboutControl() {
        var groups = ControlGroups.of(Map.of("address:SERVICED OFFICE", List.of("A", "B", "C", "D")), 3);

        assertThat(groups.sameParty("A", "B")).isFalse();
        assertThat(groups.groups()).isEmpty();
    }
}
