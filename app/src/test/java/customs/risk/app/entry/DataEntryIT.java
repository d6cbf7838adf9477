package customs.risk.app.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.graph.TestFolders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import customs.risk.ingest.entry.DeclarationEntry;
import customs.risk.ingest.entry.InspectionEntry;
import customs.risk.ui.entry.DeclarationEntryView;
import customs.risk.ui.entry.InspectionEntryView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The services behind the declaration and inspection forms, against the real embedded Neo4j:
 * what the trader or inspector would see beside each field, what lands in the graph, and the
 * score a new declaration gets at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataEntryIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestFolders.temporary("data-entry-it");
        registry.add("risk.data-dir", dataDir::toString);
        customs.risk.app.security.TestAdmin.register(registry);
    }

    @Autowired
    com.vaadin.flow.spring.security.AuthenticationContext authentication;

    @Autowired
    DeclarationEntry declarations;

    @Autowired
    InspectionEntry inspections;

    @Autowired
    BundleIngester ingester;

    @Autowired
    RiskService risk;

    @Autowired
    Driver driver;

    private static Map<String, String> declaration(String id) {
        var row = new HashMap<String, String>();
        row.put("declaration_id", id);
        row.put("filed_on", "2024-03-31");
        row.put("direction", "IMPORT");
        // Parties of their own per item, so that each test sees its own placeholders whatever the order.
        row.put("office_code", "OFFICE-" + id);
        row.put("seller_id", "SELLER-" + id);
        row.put("buyer_id", "BUYER-" + id);
        row.put("hs_code", "847130");
        row.put("origin_country", "CN");
        row.put("quantity", "10");
        row.put("declared_value", "1200.50");
        return row;
    }

    @Test
    void aDeclarationWithBrokenFieldsGetsAMessageBesideEachAndNothingIsSaved() {
        var row = declaration("FORM-BAD");
        row.put("quantity", "-3");
        row.put("hs_code", "84x");
        row.put("filed_on", "31/03/2024");
        row.put("transport_mode", "CAMEL");

        var outcome = declarations.submit(row);

        assertThat(outcome.entry().saved()).isFalse();
        assertThat(outcome.entry().fieldErrors())
                .containsOnly(
                        Map.entry("filed_on", "not an ISO-8601 date (YYYY-MM-DD)"),
                        Map.entry("hs_code", "HS code must be 6 to 10 digits"),
                        Map.entry("transport_mode", "unknown value; expected one of AIR, POST, RAIL, ROAD, SEA"),
                        Map.entry("quantity", "must be greater than 0"));
        assertThat(outcome.scoring()).isEqualTo("not saved");
        assertThat(count("MATCH (d:Declaration {id: 'FORM-BAD'}) RETURN count(d)"))
                .isZero();
        assertThat(declarations.columns())
                .hasSize(19)
                .filteredOn(c -> c.required())
                .hasSize(10);
    }

    @Test
    void aValidDeclarationIsSavedAndItsUnknownPartiesAreNotedBesideTheirFields() {
        var outcome = declarations.submit(declaration("FORM-OK"));

        assertThat(outcome.entry().saved()).isTrue();
        assertThat(outcome.entry().fieldErrors()).isEmpty();
        assertThat(outcome.entry().notices()).containsKeys("seller_id", "buyer_id", "office_code");
        assertThat(outcome.entry().notices().get("seller_id")).contains("placeholder");
        assertThat(count("""
                MATCH (:Company {id: 'SELLER-FORM-OK'})<-[:SOLD_BY]-(d:Declaration {id: 'FORM-OK'})-[:BOUGHT_BY]->(:Company)
                WHERE d.quantity = 10.0 AND d.currency = 'USD' RETURN count(d)""")).isOne();
    }

    @Test
    void anInspectionIsRefusedForAnUnknownDeclarationAndSavedForAKnownOne() {
        var row = new HashMap<String, String>();
        row.put("declaration_id", "FORM-NOWHERE");
        row.put("inspected_on", "2024-04-02");
        row.put("outcome", "VIOLATION");
        row.put("violation_type", "UNDERVALUATION");
        row.put("revenue_recovered", "350.00");
        row.put("inspector", "J. Kim");

        var unknown = inspections.submit(row);
        assertThat(unknown.saved()).isFalse();
        assertThat(unknown.fieldErrors())
                .containsOnly(Map.entry(
                        "declaration_id", "unknown declaration: it is neither in this bundle nor in the store"));

        row.put("outcome", "GUILTY");
        row.put("revenue_recovered", "lots");
        assertThat(inspections.submit(row).fieldErrors()).containsOnlyKeys("outcome", "revenue_recovered");

        assertThat(declarations.submit(declaration("FORM-INSPECTED")).entry().saved())
                .isTrue();
        row.put("declaration_id", "FORM-INSPECTED");
        row.put("outcome", "VIOLATION");
        row.put("revenue_recovered", "350.00");
        var saved = inspections.submit(row);
        assertThat(saved.saved()).isTrue();
        assertThat(saved.fieldErrors()).isEmpty();
        assertThat(count("""
                MATCH (i:Inspection)-[:OF]->(:Declaration {id: 'FORM-INSPECTED'})
                WHERE i.outcome = 'VIOLATION' AND i.violationType = 'UNDERVALUATION' RETURN count(i)""")).isOne();
    }

    @Test
    void onceAModelExistsANewDeclarationIsScoredAtOnceAndACorrectionIsScoredAnew() throws Exception {
        var generated = BundleGenerator.generate(GeneratorSettings.defaults(41, 1_500), dataDir.resolve("generated"));
        ingester.ingest(generated.bundleDir(), dataDir.resolve("generated.csv"), IngestListener.NONE);
        String version = risk.train().model().version();
        var row = new HashMap<String, String>();
        try (var session = driver.session()) {
            var r = session.run("""
                    MATCH (s:Company)<-[:SOLD_BY]-(d:Declaration)-[:BOUGHT_BY]->(b:Company)
                    RETURN s.id AS seller, b.id AS buyer, d.officeCode AS office, d.hsCode AS hs,
                           d.originCountry AS origin, d.quantity AS quantity, d.declaredValue AS value
                    ORDER BY d.id LIMIT 1""").single();
            row.putAll(declaration("FORM-SCORED"));
            row.put("seller_id", r.get("seller").asString());
            row.put("buyer_id", r.get("buyer").asString());
            row.put("office_code", r.get("office").asString());
            row.put("hs_code", r.get("hs").asString());
            row.put("origin_country", r.get("origin").asString());
            row.put("quantity", plain(r.get("quantity").asDouble()));
            row.put("declared_value", plain(r.get("value").asDouble()));
        }

        var outcome = declarations.submit(row);

        assertThat(outcome.entry().saved()).isTrue();
        assertThat(outcome.scoring()).isEqualTo("scored with model " + version);
        assertThat(risk.score(RiskStore.Kind.DECLARATIONS, "FORM-SCORED")).hasValueSatisfying(score -> {
            assertThat(score.id()).isEqualTo("FORM-SCORED");
            assertThat(score.score()).isBetween(0.0, 1.0);
            assertThat(score.lane()).isNotNull();
        });

        // A trader correcting the value by a factor of 50 gets the declaration scored on the new value.
        row.put("declared_value", plain(Double.parseDouble(row.get("declared_value")) / 50));
        var corrected = declarations.submit(row);
        assertThat(corrected.entry().saved()).isTrue();
        assertThat(corrected.scoring()).isEqualTo("scored with model " + version);
        assertThat(count("MATCH (d:Declaration {id: 'FORM-SCORED'}) WHERE d.riskScore IS NOT NULL RETURN count(d)"))
                .isOne();
        // Nothing is left for the next incremental scoring to find.
        assertThat(count("MATCH (d:Unscored) RETURN count(d)")).isZero();
    }

    @Test
    void theFormsShowEachMessageBesideItsFieldAndAConfirmationOnceSaved() {
        // The views built as the router builds them, driven through their components (no browser).
        var view = new DeclarationEntryView(declarations, risk, authentication);
        var values = declaration("FORM-VIEW");
        values.forEach((column, value) -> setField(view, "declaration-" + column.replace('_', '-'), value));
        setField(view, "declaration-quantity", "0");
        click(view, "declaration-submit");

        var quantity = (HasValidation) byId(view, "declaration-quantity");
        assertThat(quantity.isInvalid()).isTrue();
        assertThat(quantity.getErrorMessage()).isEqualTo("must be greater than 0");
        assertThat(((HasValidation) byId(view, "declaration-hs-code")).isInvalid())
                .isFalse();
        assertThat(text(view, "declaration-status")).startsWith("Not saved");

        setField(view, "declaration-quantity", "4");
        click(view, "declaration-submit");
        assertThat(quantity.isInvalid()).isFalse();
        assertThat(text(view, "declaration-status")).isEqualTo("Saved declaration item FORM-VIEW.");
        assertThat(((HasHelper) byId(view, "declaration-seller-id")).getHelperText())
                .contains("placeholder");
        assertThat(text(view, "declaration-scoring")).startsWith("Risk: ");

        var inspection = new InspectionEntryView(inspections, authentication);
        setField(inspection, "inspection-declaration-id", "FORM-VIEW");
        setField(inspection, "inspection-outcome", "COMPLIANT");
        click(inspection, "inspection-submit");
        assertThat(text(inspection, "inspection-status"))
                .startsWith("Saved: COMPLIANT for FORM-VIEW")
                .contains("./risk train");
    }

    @SuppressWarnings("unchecked")
    private static void setField(Component root, String id, String value) {
        ((HasValue<?, String>) byId(root, id)).setValue(value);
    }

    private static void click(Component root, String id) {
        ((Button) byId(root, id)).click();
    }

    private static String text(Component root, String id) {
        return byId(root, id).getElement().getText();
    }

    private static Component byId(Component root, String id) {
        return descendants(root)
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component with id " + id));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DataEntryIT::descendants));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).toPlainString();
    }

    private long count(String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }
}
