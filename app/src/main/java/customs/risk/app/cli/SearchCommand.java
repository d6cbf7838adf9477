package customs.risk.app.cli;

import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.SearchResults;
import customs.risk.graph.access.Actor;
import customs.risk.graph.text.SpreadsheetSafe;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./risk search "QUERY" [--top N]}: full-text search of the filed documents as CSV. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the filed documents; prints CSV rank,document_id,score,snippet, best first.",
            "QUERY takes words, \"quoted phrases\" and AND, OR, NOT; all words must match unless OR says otherwise."
        })
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for.")
    String query;

    @Option(
            names = "--top",
            defaultValue = "10",
            paramLabel = "N",
            description = "How many hits (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "Only documents of this type (INVOICE, BILL_OF_LADING, ...).")
    List<String> types = new ArrayList<>();

    @Option(names = "--company", paramLabel = "ID", description = "Only documents linked to this company.")
    List<String> companies = new ArrayList<>();

    @Option(names = "--hs", paramLabel = "PREFIX", description = "Only documents of goods whose HS code starts so.")
    String hs;

    @Option(names = "--from", paramLabel = "DATE", description = "Filed on or after (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Filed on or before (YYYY-MM-DD).")
    LocalDate to;

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (top < 1 || top > DocumentQuery.MAX_WINDOW) {
            System.err.println("error: --top must be within 1.." + DocumentQuery.MAX_WINDOW);
            return ExitCodes.USAGE;
        }
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var documents = context.getBean(DocumentService.class);
            var results = documents.search(
                    Actor.CONSOLE,
                    new DocumentQuery(query, Set.copyOf(types), Set.copyOf(companies), Set.of(), hs, from, to, 0, top));
            var out = new CSVPrinter(
                    new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180
                            .builder()
                            .setRecordSeparator("\n")
                            .setHeader("rank", "document_id", "score", "snippet")
                            .get());
            int rank = 0;
            for (var hit : results.hits()) {
                String snippet = hit.snippets().isEmpty() ? "" : hit.snippets().getFirst();
                out.printRecord(
                        ++rank,
                        SpreadsheetSafe.text(hit.documentId()),
                        String.format(Locale.ROOT, "%.4f", hit.score()),
                        SpreadsheetSafe.text(SearchResults.plain(snippet)
                                .replaceAll("\\s+", " ")
                                .strip()));
            }
            out.flush();
            System.err.printf("%,d documents match%n", results.total());
            return ExitCodes.OK;
        }
    }
}
