package customs.risk.app.cli;

import customs.risk.documents.filing.DocumentService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk reindex}: rebuild the document index from the file store and the graph. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = "Rebuild the document search index from the file store and the graph (drops the index first).")
final class ReindexCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            long started = System.nanoTime();
            var indexed = context.getBean(DocumentService.class).reindex();
            System.out.printf(
                    "Reindexed %,d documents in %.1f s; %,d waiting for the search engine%n",
                    indexed.documents(), (System.nanoTime() - started) / 1e9, indexed.queued());
            return indexed.queued() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
