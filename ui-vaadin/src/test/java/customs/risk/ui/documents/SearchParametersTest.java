package customs.risk.ui.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchParametersTest {

    @Test
    void aSearchSurvivesTheRoundTripThroughItsUrl() {
        var search = new SearchParameters(
                "\"tungsten filament\"",
                Set.of("INVOICE", "CONTRACT"),
                Set.of("C-1"),
                Set.of("D-9:1"),
                "8539",
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31),
                3);

        var url = search.toUrl();

        assertThat(url)
                .containsEntry("q", List.of("\"tungsten filament\""))
                .containsEntry("type", List.of("CONTRACT", "INVOICE"))
                .containsEntry("page", List.of("4"));
        assertThat(SearchParameters.fromUrl(url)).isEqualTo(search);
        var query = search.toQuery();
        assertThat(query.offset()).isEqualTo(60);
        assertThat(query.hsPrefix()).isEqualTo("8539");
        assertThat(query.declarationIds()).containsExactly("D-9:1");
    }

    @Test
    void anEmptySearchHasAnEmptyUrlAndUnreadableValuesAreDropped() {
        assertThat(SearchParameters.EMPTY.toUrl()).isEmpty();
        var read = SearchParameters.fromUrl(Map.of(
                "from",
                List.of("yesterday"),
                "page",
                List.of("-5"),
                "company",
                List.of("A,B", "C"),
                "q",
                List.of("  lamps ")));
        assertThat(read.from()).isNull();
        assertThat(read.page()).isZero();
        assertThat(read.companies()).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(read.text()).isEqualTo("lamps");
        assertThat(SearchParameters.fromUrl(Map.of("page", List.of("100000"))).page())
                .isEqualTo(SearchParameters.LAST_PAGE);
    }

    @Test
    void facetsNarrowTheSearchAndGoBackToTheFirstPage() {
        var search = SearchParameters.EMPTY.withPage(4).withType("INVOICE").withCompany("C-7");
        assertThat(search.page()).isZero();
        assertThat(search.types()).containsExactly("INVOICE");
        assertThat(search.companies()).containsExactly("C-7");
        var year = search.withYear(2023);
        assertThat(year.from()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(year.to()).isEqualTo(LocalDate.of(2023, 12, 31));
    }

    @Test
    void datesInTheWrongOrderAreRefusedWhenSearching() {
        var search = new SearchParameters(
                "", Set.of(), Set.of(), Set.of(), "", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 1, 1), 0);
        assertThatThrownBy(search::toQuery)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after");
    }
}
