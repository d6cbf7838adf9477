package customs.risk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;
import tools.jackson.databind.json.JsonMapper;

/**
 * An investigator's work at the level of companies and people, in headless Chromium on the demo
 * bundle: the evidence of a planted loop and of a planted shell cluster opened from the ranking,
 * every member drawn inside the canvas and labelled by name; trade partners as aggregated edges
 * that open their declarations; the entity timeline with its filters; the network exported as PNG,
 * SVG, GraphML and JSON and read back. Screenshots land in {@code target/screenshots}.
 */
class InvestigationBrowserIT extends DemoApplication {

    private static final Path GROUND_TRUTH = Path.of("../fixtures/sample/ground_truth.csv");
    private static final Actor ADMIN = new Actor("admin", true);

    /** True, once the layout has settled, when every node's box lies inside the canvas. */
    private static final String INSIDE_THE_CANVAS = "const cy = document.getElementById('network-graph').cy;"
            + " return cy.width() > 0 && cy.nodes().every(n => { const b = n.renderedBoundingBox();"
            + " return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height(); });";

    @Test
    void theEvidenceOfAPlantedLoopOpensFromTheRankingWithEveryMemberNamedInView() throws IOException {
        var loop = plantedGroup("RELATED_PARTY_LOOP");
        openEvidenceFromRanking(loop, "loop");
        assertAllDrawnByName(loop);
        // The panel lists the legs in loop order, by name, with dates and values.
        String panel = browser.byId("network-evidence").getText();
        assertThat(panel).contains("-company loop", "declarations", "USD");
        browser.screenshot("evidence-loop");
    }

    @Test
    void theEvidenceOfAPlantedClusterOpensFromTheRankingWithEveryMemberNamedInView() throws IOException {
        var cluster = plantedGroup("SHELL_CLUSTER");
        openEvidenceFromRanking(cluster, "cluster");
        assertAllDrawnByName(cluster);
        assertThat(browser.byId("network-evidence").getText()).contains("cluster of", "shared by");
        browser.screenshot("evidence-cluster");
    }

    @Test
    void onlyCompaniesInALoopOrClusterOfferTheirEvidenceInTheRanking() {
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/ranking");
        browser.until(d -> d.findElements(By.cssSelector("#ranking-grid .ranking-evidence"))
                        .isEmpty()
                ? null
                : true);
        var shown = browser.all(By.cssSelector("#ranking-grid .ranking-evidence")).stream()
                .map(b -> b.getDomAttribute("id").substring("ranking-evidence-".length()))
                .toList();
        var names = browser.all(By.cssSelector("#ranking-grid .ranking-name")).size();
        assertThat(shown.size()).as("some rows show no evidence button").isLessThan(names);
        for (String id : shown) {
            assertThat(evidence.findings(new NodeRef(NodeLabel.COMPANY, id)))
                    .as(id)
                    .isNotEmpty();
        }
    }

    @Test
    void theNetworkOnScreenExportsAsPngSvgGraphmlAndJson() throws Exception {
        var loop = plantedGroup("RELATED_PARTY_LOOP");
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/network?evidence=Company:" + loop.iterator().next() + "&kind=loop");
        waitForAll(loop);
        var names = names(loop);

        String png = (String) browser.script("return document.getElementById('network-graph').pngDataUrl();");
        var image = javax.imageio.ImageIO.read(
                new ByteArrayInputStream(java.util.Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
        assertThat(image.getWidth()).isGreaterThan(200);

        String svg = (String) browser.script("return document.getElementById('network-graph').svg();");
        var svgDocument = parseXml(svg.getBytes(StandardCharsets.UTF_8));
        assertThat(svgDocument.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svgDocument.getDocumentElement().getTextContent()).contains(names);

        var graphml = parseXml(browser.fetchBytes(href("export-graphml")));
        var nodeIds = new LinkedHashSet<String>();
        var nodes = graphml.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            nodeIds.add(((Element) nodes.item(i)).getAttribute("id"));
        }
        assertThat(nodeIds).containsAll(loop.stream().map(id -> "Company:" + id).toList());
        assertThat(graphml.getElementsByTagName("edge").getLength()).isGreaterThanOrEqualTo(loop.size() - 1);
        assertThat(graphml.getDocumentElement().getTextContent()).contains(names);

        var json = JsonMapper.builder().build().readTree(browser.fetchBytes(href("export-json")));
        var jsonNames = new ArrayList<String>();
        json.get("nodes").forEach(n -> jsonNames.add(n.get("name").asString()));
        assertThat(jsonNames).contains(names);
        assertThat(json.get("edges").get(0).has("source")).isTrue();
    }

    @Test
    void theCaseReportIsAPdfWithEntitiesEvidenceTimelineAndConversation() throws Exception {
        var loop = plantedGroup("RELATED_PARTY_LOOP");
        String company = loop.iterator().next();
        var officer = new Actor("officer", false);
        String caseId = cases.create(
                        officer,
                        "Round trip of telecom parts",
                        customs.risk.cases.CaseModel.Priority.HIGH,
                        List.of("Company:" + company),
                        List.of("investigator"))
                .id();
        conversation.post(officer, caseId, "Bills of lading requested from the carrier", "report-note");
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/cases/" + caseId);
        String text;
        try (var pdf = new ByteArrayInputStream(browser.fetchBytes(href("case-report")))) {
            text = new org.apache.tika.Tika().parseToString(pdf);
        }
        // The file for prosecutors: the case, its entity by name, the loop's members drawn as its
        // evidence, the timeline and the conversation.
        assertThat(text.replaceAll("\\s+", " "))
                .contains("Round trip of telecom parts", "Bills of lading requested from the carrier")
                .contains(names(loop));
        assertThat(text).containsIgnoringCase("timeline");
        browser.screenshot("case-with-report");
    }

    @Test
    void tradePartnersAreAggregatedEdgesThatOpenTheirDeclarations() {
        var company = plantedGroup("RELATED_PARTY_LOOP").iterator().next();
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/network?focus=Company:" + company);
        browser.byId("selected-node");
        browser.until(d -> browser.script("const g = document.getElementById('network-graph');"
                + " return g && g.cy && g.cy.nodes().length === 1 ? true : null;"));
        browser.click("expand-partners");
        long tradeEdges = browser.until(d -> {
            long n = (Long) browser.script(
                    "return document.getElementById('network-graph').cy" + ".edges('[type = \"TRADE\"]').length;");
            return n > 0 ? n : null;
        });
        // Partners, not declarations: only companies were added, one edge per partner and direction.
        assertThat((Long) browser.script(
                        "return document.getElementById('network-graph').cy.nodes('[kind = \"Declaration\"]').length;"))
                .isZero();
        assertThat(tradeEdges)
                .isLessThanOrEqualTo(2
                        * ((Long) browser.script("return document.getElementById('network-graph').cy.nodes().length;")
                                - 1));
        assertThat(allInView()).isTrue();
        browser.screenshot("network-partners");

        browser.script("document.getElementById('network-graph').cy.edges('[type = \"TRADE\"]')[0].emit('tap');");
        var declarations = browser.until(
                d -> d.findElements(By.cssSelector("#edge-declarations a")).isEmpty()
                        ? null
                        : d.findElements(By.cssSelector("#edge-declarations a")));
        assertThat(declarations.getFirst().getDomAttribute("href")).startsWith("/entity/Declaration/");
        assertThat(browser.byId("selected-edge").getText()).contains("→");
        browser.screenshot("network-trade-edge");
    }

    @Test
    void theEntityTimelineShowsDeclarationsInspectionsAndScoresAndFilters() {
        String company = inspectedCompany();
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/entity/Company/" + company);
        var timeline = browser.byId("entity-timeline");
        browser.script("arguments[0].scrollIntoView({block: 'center'});", timeline);
        assertThat(timeline.getText()).contains("declaration ", "inspection of ", "scored ");
        browser.screenshot("entity-timeline");

        // Only inspections: untick everything else.
        for (String other : List.of("declarations", "documents", "cases", "score changes")) {
            browser.script(
                    "const g = document.getElementById('timeline-kinds');"
                            + " [...g.querySelectorAll('vaadin-checkbox')].find(c => c.label === arguments[0]).click();",
                    other);
        }
        browser.until(d -> browser.byId("entity-timeline").getText().contains("declaration ") ? null : true);
        assertThat(browser.byId("entity-timeline").getText()).contains("inspection of ");
    }

    @Test
    void aLoopReasonOnTheEntityPageOpensItsEvidence() throws IOException {
        var loop = plantedGroup("RELATED_PARTY_LOOP");
        String company = loop.stream()
                .filter(id -> evidence.findings(new NodeRef(NodeLabel.COMPANY, id)).stream()
                        .anyMatch(EvidenceService.Finding::loop))
                .findFirst()
                .orElseThrow();
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/entity/Company/" + company);
        var link = browser.until(d -> d.findElements(By.cssSelector("#entity-reasons .reason-evidence")).stream()
                .findFirst()
                .orElse(null));
        browser.screenshot("entity-reason-evidence");
        String href = link.getDomAttribute("href");
        assertThat(href).startsWith("/network?evidence=loop-");
        browser.open(href);
        waitForAll(Set.of(company));
    }

    /** The companies of the first group of a planted scheme in the ground truth (a loop, a cluster). */
    private static Set<String> plantedGroup(String scheme) {
        try {
            var groups = new LinkedHashMap<String, Set<String>>();
            for (String line : Files.readAllLines(GROUND_TRUTH)) {
                var cells = line.split(",", 5);
                if (cells.length == 5 && cells[0].equals(scheme) && cells[2].equals("COMPANY")) {
                    // The detail names the group: "loop A->B->C ..." or "cluster S1 of 4 ...".
                    String group = cells[4].replace("\"", "").split(" ")[1];
                    groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(cells[3]);
                }
            }
            return groups.values().iterator().next();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens the entity ranking, brings the riskiest member of the group into view and presses the
     * evidence button of its row.
     */
    private void openEvidenceFromRanking(Set<String> group, String kind) {
        var ranked = risk.page(RiskStore.Kind.ENTITIES, RankingFilter.NONE, 0, 5_000).stream()
                .map(ScoredItem::id)
                .toList();
        String member = group.stream()
                .filter(ranked::contains)
                .filter(id -> evidence.findings(new NodeRef(NodeLabel.COMPANY, id)).stream()
                        .anyMatch(f -> f.kind().equals(kind)))
                .min(java.util.Comparator.comparingInt(ranked::indexOf))
                .orElseThrow();
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/ranking");
        browser.byId("ranking-grid");
        browser.script("document.getElementById('ranking-grid').scrollToIndex(arguments[0]);", ranked.indexOf(member));
        var button = browser.until(d -> d.findElements(By.id("ranking-evidence-" + member)).stream()
                .findFirst()
                .orElse(null));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", button);
        browser.screenshot("ranking-" + kind + "-row");
        button.click();
        browser.until(d -> browser.path().startsWith("/network") ? true : null);
        waitForAll(group);
    }

    /** Waits until every company of the group is on the canvas and the layout keeps all nodes in view. */
    private void waitForAll(Set<String> group) {
        browser.until(d -> browser.script(
                "const g = document.getElementById('network-graph'); if (!g || !g.cy) return null;"
                        + " return arguments[0].every(id => g.cy.getElementById('Company:' + id).nonempty()) ? true : null;",
                List.copyOf(group)));
        assertThat(allInView()).isTrue();
    }

    /** Every member drawn, labelled with its name, inside the visible canvas, and highlighted. */
    private void assertAllDrawnByName(Set<String> group) {
        var expected = new LinkedHashMap<String, String>();
        for (String id : group) {
            expected.put(
                    "Company:" + id,
                    entities.profile(ADMIN, new NodeRef(NodeLabel.COMPANY, id))
                            .orElseThrow()
                            .caption());
        }
        @SuppressWarnings("unchecked")
        var drawn = (Map<String, Object>) browser.script(
                "const cy = document.getElementById('network-graph').cy; const out = {};"
                        + " arguments[0].forEach(id => { const n = cy.getElementById(id);"
                        + " out[id] = { label: n.style('label'), evidence: n.hasClass('evidence') }; }); return out;",
                List.copyOf(expected.keySet()));
        expected.forEach((id, name) -> {
            @SuppressWarnings("unchecked")
            var node = (Map<String, Object>) drawn.get(id);
            assertThat(node.get("label")).as(id).isEqualTo(name);
            assertThat(name).as("a name, not the id").isNotEqualTo(id.substring(id.indexOf(':') + 1));
            assertThat(node.get("evidence")).as(id).isEqualTo(true);
        });
    }

    /** Waits for the layout to settle with every node inside the canvas; false if it never does. */
    private boolean allInView() {
        Object inside = browser.until(d -> Boolean.TRUE.equals(browser.script(INSIDE_THE_CANVAS)) ? true : null);
        return Boolean.TRUE.equals(inside);
    }

    private String[] names(Set<String> group) {
        return group.stream()
                .map(id -> entities.profile(ADMIN, new NodeRef(NodeLabel.COMPANY, id))
                        .orElseThrow()
                        .caption())
                .toArray(String[]::new);
    }

    /** A company with inspections of its declarations. */
    private String inspectedCompany() {
        return risk.page(RiskStore.Kind.ENTITIES, RankingFilter.NONE, 0, 200).stream()
                .map(ScoredItem::id)
                .filter(id -> !entities.inspections(new NodeRef(NodeLabel.COMPANY, id), 1)
                        .isEmpty())
                .findFirst()
                .orElseThrow();
    }

    private String href(String anchorId) {
        return browser.byId(anchorId).getDomAttribute("href");
    }

    private static org.w3c.dom.Document parseXml(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Autowired
    EvidenceService evidence;

    @Autowired
    EntityService entities;

    @Autowired
    customs.risk.cases.CaseService cases;

    @Autowired
    customs.risk.cases.CaseConversation conversation;
}
