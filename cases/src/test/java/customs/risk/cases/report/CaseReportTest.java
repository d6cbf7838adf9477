package customs.risk.cases.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel;
import customs.risk.cases.CaseModel.CaseDetails;
import customs.risk.cases.TestCases;
import customs.risk.graph.TestNeo4j;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report of a case as a prosecutor would read it, over a real embedded Neo4j: the text of the
 * PDF holds the case, its entities, the evidence graph's entities and links, the timeline and every
 * message, long and non-Latin ones included; nobody outside the team gets it.
 */
class CaseReportTest {

    private static final String LOOP = "Company:KR-100";
    private static final String NOMINEE = "Person:P-7";

    private final Actor owner = new Actor("ann", false);
    private final Actor member = new Actor("bob", false);
    private final Actor outsider = new Actor("eve", false);
    private final Actor admin = new Actor("root", true);
    private TestCases team;
    private CaseReport report;

    /** The graph behind the company's risk as the engine would hand it over; none for the person. */
    private final Function<String, ReportGraph> evidence = ref -> ref.equals(LOOP)
            ? new ReportGraph(
                    List.of(
                            new ReportGraph.Node(LOOP, "Aurora Trading Ltd", "RED"),
                            new ReportGraph.Node("Company:DE-2", "Borealis Export GmbH", "YELLOW"),
                            new ReportGraph.Node("Company:CN-3", "Cygnus Components", "GREEN"),
                            new ReportGraph.Node("Address:12-harbour-rd", "12 Harbour Rd, Busan", "")),
                    List.of(
                            new ReportGraph.Edge(LOOP, "Company:DE-2", "sold HS 8517 x5, USD 1.2M"),
                            new ReportGraph.Edge("Company:DE-2", "Company:CN-3", "sold HS 8517 x4, USD 1.1M"),
                            new ReportGraph.Edge("Company:CN-3", LOOP, "sold HS 8517 x5, USD 1.2M"),
                            new ReportGraph.Edge(LOOP, "Company:CN-3", "shares address 12 Harbour Rd"),
                            new ReportGraph.Edge(LOOP, "Address:12-harbour-rd", "registered at")))
            : ReportGraph.empty();

    @BeforeEach
    void aTeamAndTwoEntities() {
        team = TestCases.withUsers(List.of("ann", "bob", "eve", "root"));
        report = new CaseReport(team.cases());
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (:Company {id: 'KR-100', name: 'Aurora Trading Ltd', riskScore: 0.912, riskLane: 'RED',
                                      riskReasons: ['in a trade loop of 3 companies', 'shares an address with 2 companies']})
                    CREATE (:Person {id: 'P-7', name: 'Ünal Şahin', riskScore: 0.41, riskLane: 'YELLOW',
                                     riskReasons: ['officer of 6 companies']})
                    """).consume();
        }
    }

    @Test
    void theReportHoldsTheCaseItsEvidenceTimelineAndConversation() throws IOException {
        CaseDetails opened = team.cases()
                .create(owner, "Loop through Busan", CaseModel.Priority.HIGH, List.of(LOOP, NOMINEE), List.of("bob"));
        team.cases().addNote(owner, opened.id(), "Invoices requested from the broker");
        var chat = team.conversation();
        chat.post(owner, opened.id(), "@bob the loop closes in Busan, see the evidence graph.", null);
        String longText = IntStream.rangeClosed(1, 700)
                .mapToObj(i -> "word%04d".formatted(i))
                .collect(Collectors.joining(" "));
        chat.post(member, opened.id(), longText, null);
        chat.post(member, opened.id(), "Director is Ünal Şahin 株式会社, Привет from the Busan office", null);
        var mistake = chat.post(owner, opened.id(), "wrong case, sorry", null);
        chat.delete(owner, opened.id(), mistake.message().id());
        for (int i = 1; i <= 40; i++) {
            chat.post(
                    i % 2 == 0 ? owner : member, opened.id(), "Status update number " + i + " on the invoices.", null);
        }

        byte[] pdf = write(owner, opened.id());
        String text = text(pdf);

        assertThat(text)
                .contains("Case report", "Loop through Busan", opened.id(), "high", "open", "ann", "bob")
                .contains("Aurora Trading Ltd", "Company:KR-100", "RED", "0.912", "in a trade loop of 3 companies")
                .contains("Ünal Şahin", "Person:P-7", "YELLOW", "officer of 6 companies");
        assertThat(text)
                .as("the company's evidence graph: its entities and links; none for the person")
                .contains("Borealis Export GmbH", "Cygnus Components", "12 Harbour Rd, Busan")
                .contains("Aurora Trading Ltd → Borealis Export GmbH: sold HS 8517 x5, USD 1.2M")
                .contains("shares address 12 Harbour Rd")
                .contains("No evidence graph for this entity.");
        assertThat(text)
                .as("the timeline")
                .contains("ann created: Loop through Busan")
                .contains("entity linked: Aurora Trading Ltd (Company:KR-100)", "member added: bob")
                .contains("note: Invoices requested from the broker")
                .contains("message deleted");
        assertThat(text)
                .as("the conversation: long messages wrap, characters without a glyph become ?")
                .contains("@bob the loop closes in Busan, see the evidence graph.")
                .contains(longText)
                .contains("Director is Ünal Şahin ????, Привет from the Busan office")
                .contains("[deleted")
                .doesNotContain("wrong case, sorry")
                .contains("Status update number 1 on", "Status update number 40 on the invoices.");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(3);
            assertThat(document.getDocumentInformation().getTitle()).contains("Loop through Busan");
            assertThat(new PDFTextStripper().getText(document))
                    .as("numbered pages")
                    .contains(
                            "page 1 of " + document.getNumberOfPages(),
                            "Case " + opened.id() + " · Loop through Busan");
        }
    }

    @Test
    void writingTheReportMarksNoMessageRead() throws IOException {
        CaseDetails opened = team.cases().create(owner, "Shell cluster", null, List.of(), List.of("bob"));
        team.conversation().post(owner, opened.id(), "for bob", null);

        write(member, opened.id());

        assertThat(team.conversation().unread(member))
                .singleElement()
                .satisfies(u -> assertThat(u.unread()).isEqualTo(1));
    }

    @Test
    void onlyWhoSeesTheCaseGetsItsReport() throws IOException {
        CaseDetails opened = team.cases().create(owner, "Shell cluster", null, List.of(LOOP), List.of());
        var out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> report.write(outsider, opened.id(), evidence, out))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(out.size()).isZero();
        assertThat(text(write(admin, opened.id()))).contains("Shell cluster");
    }

    @Test
    void readingAClosedCasesReportIsAudited() throws IOException {
        CaseDetails opened = team.cases().create(owner, "Phoenix", null, List.of(), List.of());
        team.cases()
                .update(
                        owner,
                        opened.id(),
                        new CaseModel.Changes(null, CaseModel.Status.CLOSED, "referred to the prosecutor", null, null));

        String text = text(write(owner, opened.id()));

        assertThat(text).contains("closed", "referred to the prosecutor", "audit read");
        assertThat(TestNeo4j.count("MATCH (:CaseEvent {kind: 'AUDIT_READ'}) RETURN count(*)"))
                .isEqualTo(1);
    }

    @Test
    void aGraphMustNameOnlyItsOwnNodes() {
        assertThatThrownBy(() -> new ReportGraph(
                        List.of(new ReportGraph.Node("a", "A", "RED")), List.of(new ReportGraph.Edge("a", "b", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] write(Actor actor, String caseId) throws IOException {
        var out = new ByteArrayOutputStream();
        report.write(actor, caseId, evidence, out);
        return out.toByteArray();
    }

    /**
     * The text a reader of the PDF sees, line breaks and runs of spaces as one space, without the
     * page footers (which come last in each page's content, so they would cut a message that
     * continues on the next page).
     */
    private static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper()
                    .getText(document)
                    .replaceAll("Case CASE-\\S+ · .* page \\d+ of \\d+", " ")
                    .replaceAll("\\s+", " ");
        }
    }
}
