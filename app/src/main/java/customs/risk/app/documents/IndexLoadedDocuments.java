package customs.risk.app.documents;

import customs.risk.documents.filing.DocumentService;
import customs.risk.ingest.DataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The documents a bundle brings are indexed once it is loaded; a failure leaves them stored and linked. */
@Component
class IndexLoadedDocuments {

    private static final Logger log = LoggerFactory.getLogger(IndexLoadedDocuments.class);
    private final DocumentService documents;

    IndexLoadedDocuments(DocumentService documents) {
        this.documents = documents;
    }

    @EventListener
    @Order(2)
    void index(DataLoaded loaded) {
        if (loaded.source() != DataLoaded.Source.BUNDLE) {
            return;
        }
        try {
            var indexed = documents.indexNew();
            loaded.report(
                    "indexing",
                    indexed.queued() == 0
                            ? String.format("indexed %d new documents", indexed.documents())
                            : String.format(
                                    "%d new documents; %d wait for the search engine",
                                    indexed.documents(), indexed.queued()));
        } catch (RuntimeException e) {
            log.error("indexing the documents of a bundle failed", e);
            loaded.report("indexing", "not indexed: " + e.getMessage() + " (run ./risk reindex)");
        }
    }
}
