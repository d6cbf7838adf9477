package customs.risk.cases.report;

import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel.CaseDetails;
import customs.risk.cases.CaseModel.CaseFile;
import customs.risk.cases.CaseModel.Message;
import customs.risk.cases.CaseModel.Subject;
import customs.risk.cases.CaseService;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.springframework.stereotype.Service;

/**
 * The report of one case as a PDF, for the file that goes to prosecutors: the case's facts, what it
 * is about (name, id, lane, score, reasons), for each entity the graph of evidence behind its risk,
 * the timeline and the whole conversation. Only who sees the case gets its report; to anyone else
 * the case does not exist, as everywhere ({@link CaseService#file}). Times are UTC.
 */
@Service
public class CaseReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final CaseService cases;
    private final Clock clock;

    CaseReport(CaseService cases) {
        this.cases = cases;
        this.clock = Clock.systemUTC();
    }

    /**
     * Writes the report of a case.
     *
     * @param evidence the graph behind an entity's risk, by the entity's {@code Label:key} (e.g.
     *     {@code Company:476-87-16904}); asked once for each company, person and declaration of the
     *     case; {@link ReportGraph#empty()} (or null) when there is none
     * @param out receives the PDF; left open
     * @throws CaseException NOT_FOUND when the actor may not see the case; nothing is written then
     */
    public void write(Actor actor, String caseId, Function<String, ReportGraph> evidence, OutputStream out)
            throws IOException {
        Objects.requireNonNull(evidence, "evidence");
        CaseFile file = cases.file(actor, caseId);
        CaseDetails details = file.details();
        try (var pages = new ReportPages("Case " + details.id() + " · " + details.title())) {
            info(pages, details, actor);
            title(pages, details, actor);
            facts(pages, details);
            subjects(pages, file.subjects());
            evidence(pages, file.subjects(), evidence);
            timeline(pages, file);
            conversation(pages, file.messages());
            pages.save(out);
        }
    }

    private void info(ReportPages pages, CaseDetails details, Actor actor) {
        var info = new PDDocumentInformation();
        info.setTitle("Case report " + details.id() + ": " + details.title());
        info.setAuthor(actor.username());
        info.setCreator("customs risk engine");
        var created = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        created.setTimeInMillis(clock.millis());
        info.setCreationDate(created);
        pages.document().setDocumentInformation(info);
    }

    private void title(ReportPages pages, CaseDetails details, Actor actor) {
        pages.paragraph("Case report", pages.bold(), 18, 0, ReportPages.TEXT);
        pages.space(4);
        pages.paragraph(details.title(), pages.bold(), 14, 0, ReportPages.TEXT);
        pages.paragraph(
                "Written " + TIME.format(clock.instant()) + " by " + actor.username(),
                pages.regular(),
                ReportPages.SMALL,
                0,
                ReportPages.MUTED);
    }

    private static void facts(ReportPages pages, CaseDetails d) {
        pages.heading("The case", 13);
        pages.field("Case", d.id());
        pages.field("Title", d.title());
        pages.field("Priority", word(d.priority()));
        pages.field("Status", word(d.status()));
        pages.field("Owner", orNone(d.owner()));
        pages.field("Members", d.members().isEmpty() ? "none" : String.join(", ", d.members()));
        pages.field("Created", time(d.createdAt()));
        pages.field("Closed", time(d.closedAt()));
        pages.field("Outcome", orNone(d.outcome()));
    }

    private static void subjects(ReportPages pages, List<Subject> subjects) {
        pages.heading("What the case is about", 13);
        if (subjects.isEmpty()) {
            pages.paragraph("Nothing is linked to the case.", pages.regular(), ReportPages.BODY, 0, ReportPages.MUTED);
        }
        for (Subject s : subjects) {
            pages.heading(s.name(), 11);
            pages.field("Id", s.ref());
            if (!isDocument(s)) {
                pages.field("Lane", s.lane().isEmpty() ? "not scored" : s.lane());
                pages.field("Risk score", Double.isNaN(s.score()) ? "not scored" : score(s.score()));
                pages.field("Reasons", s.reasons().isEmpty() ? "none" : String.join("\n", s.reasons()));
            }
        }
    }

    private static void evidence(ReportPages pages, List<Subject> subjects, Function<String, ReportGraph> evidence) {
        var graphs = new LinkedHashMap<Subject, ReportGraph>();
        subjects.stream().filter(s -> !isDocument(s)).forEach(s -> {
            ReportGraph graph = evidence.apply(s.ref());
            graphs.put(s, graph == null ? ReportGraph.empty() : graph);
        });
        if (graphs.isEmpty()) {
            return;
        }
        boolean first = true;
        for (var entry : graphs.entrySet()) {
            Subject s = entry.getKey();
            ReportGraph graph = entry.getValue();
            if (!graph.isEmpty()) {
                // A heading goes on the page of its drawing.
                pages.ensure((first ? 60 : 30) + EvidenceDrawing.height(graph, s.ref()));
            }
            if (first) {
                pages.heading("Evidence", 13);
                first = false;
            }
            pages.heading(s.name() + " (" + s.ref() + ")", 11);
            if (graph.isEmpty()) {
                pages.paragraph(
                        "No evidence graph for this entity.", pages.regular(), ReportPages.BODY, 0, ReportPages.MUTED);
                continue;
            }
            EvidenceDrawing.draw(pages, graph, s.ref());
            pages.space(6);
            int drawn = EvidenceDrawing.drawn(graph, s.ref()).size();
            if (drawn < graph.nodes().size()) {
                pages.paragraph(
                        "The drawing shows " + drawn + " of " + graph.nodes().size()
                                + " entities; every link is listed.",
                        pages.regular(),
                        ReportPages.SMALL,
                        0,
                        ReportPages.MUTED);
            }
            var byId = EvidenceDrawing.byId(graph);
            for (var edge : graph.edges()) {
                pages.paragraph(
                        byId.get(edge.source()).label() + " → "
                                + byId.get(edge.target()).label()
                                + (edge.label().isBlank() ? "" : ": " + edge.label()),
                        pages.regular(),
                        ReportPages.SMALL,
                        10,
                        ReportPages.TEXT);
            }
        }
    }

    private static void timeline(ReportPages pages, CaseFile file) {
        pages.heading("Timeline", 13);
        for (var e : file.timeline()) {
            pages.paragraph(
                    TIME.format(e.at()) + "  " + e.actor() + "  " + word(e.kind())
                            + (e.detail().isEmpty() ? "" : ": " + e.detail()),
                    pages.regular(),
                    ReportPages.BODY,
                    0,
                    ReportPages.TEXT);
        }
    }

    private static void conversation(ReportPages pages, List<Message> messages) {
        pages.heading("Conversation", 13);
        if (messages.isEmpty()) {
            pages.paragraph("No messages.", pages.regular(), ReportPages.BODY, 0, ReportPages.MUTED);
        }
        for (Message m : messages) {
            pages.space(4);
            pages.ensure(3 * ReportPages.BODY * 1.3f);
            String edited = m.editedAt() == null || m.deleted() ? "" : ", edited " + TIME.format(m.editedAt());
            pages.paragraph(
                    "#" + m.seq() + "  " + m.author() + "  " + TIME.format(m.createdAt()) + edited,
                    pages.bold(),
                    ReportPages.SMALL,
                    0,
                    ReportPages.TEXT);
            if (m.deleted()) {
                pages.paragraph(
                        "[deleted" + (m.editedAt() == null ? "" : " " + TIME.format(m.editedAt())) + "]",
                        pages.regular(),
                        ReportPages.BODY,
                        10,
                        ReportPages.MUTED);
                continue;
            }
            pages.paragraph(m.text(), pages.regular(), ReportPages.BODY, 10, ReportPages.TEXT);
            for (var a : m.attachments()) {
                pages.paragraph(
                        "Attachment: " + a.fileName() + " (Document:" + a.documentId() + ")",
                        pages.regular(),
                        ReportPages.SMALL,
                        10,
                        ReportPages.MUTED);
            }
        }
    }

    private static boolean isDocument(Subject s) {
        return NodeLabel.DOCUMENT.cypher().equals(s.label());
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.3f", score);
    }
}
