package customs.risk.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.resolution.Clustering.Link;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringTest {

    @Test
    void partiesAreConnectedComponentsOfTheLinks() {
        var result = Clustering.of(
                List.of(
                        new Link("A", "B", 0.99, false),
                        new Link("B", "C", 0.97, false),
                        new Link("X", "Y", 0.99, false)),
                List.of());
        assertThat(result.parties()).containsExactly(List.of("A", "B", "C"), List.of("X", "Y"));
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void aRejectedPairIsNeverJoinedThroughOthers() {
        var result = Clustering.of(
                List.of(new Link("A", "B", 0.99, false), new Link("B", "C", 0.97, false)),
                List.of(new Link("A", "C", 0.2, false)));
        assertThat(result.parties()).containsExactly(List.of("A", "B"));
        assertThat(result.refused()).hasSize(1);
        assertThat(result.refused().values().iterator().next()).contains("C and A", "different firms");
    }

    @Test
    void acceptedLinksComeFirstAndNoPartyOutgrowsTheCap() {
        var links = new ArrayList<Link>();
        for (int i = 1; i <= Clustering.MAX_PARTY + 5; i++) {
            links.add(new Link("R00", "R" + String.format("%02d", i), 0.99, false));
        }
        links.add(new Link("R00", "Z", 0.5, true));
        var result = Clustering.of(links, List.of());
        assertThat(result.parties()).hasSize(1);
        assertThat(result.parties().getFirst()).hasSize(Clustering.MAX_PARTY).contains("Z");
        assertThat(result.refused()).hasSize(7);
    }
}
