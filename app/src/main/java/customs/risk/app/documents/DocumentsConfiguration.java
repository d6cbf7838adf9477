package customs.risk.app.documents;

import customs.risk.app.store.RiskProperties;
import customs.risk.documents.extract.TextExtractor;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.filing.SearchEngine;
import customs.risk.documents.outbox.IndexOutbox;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.FileStore;
import org.neo4j.driver.Driver;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

/** Filed documents: the search engine (in-process node or external cluster), intake and search. */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    @Bean(destroyMethod = "close")
    SearchEngine searchEngine(RiskProperties properties, DataDirectory dataDirectory) {
        var settings = properties.elasticsearch();
        return settings.embedded()
                ? SearchEngine.embedded(dataDirectory.elasticsearch(), settings.httpPort())
                : SearchEngine.external(settings.uris(), settings.username(), settings.password());
    }

    @Bean(destroyMethod = "close")
    DocumentService documentService(
            Driver driver,
            FileStore fileStore,
            SearchEngine engine,
            DataDirectory dataDirectory,
            RiskProperties properties,
            ApplicationEventPublisher events) {
        var extractor = new TextExtractor(properties.documents().maxSize().toBytes(), TextExtractor.MAX_CHARS_DEFAULT);
        return new DocumentService(
                driver,
                fileStore,
                extractor,
                engine,
                new IndexOutbox(dataDirectory.outbox(), engine.documentIndex()),
                events);
    }

    /** The web application starts the in-process node at once, in the background; commands start it on first use. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> searchEngineStarter(SearchEngine engine) {
        return event -> {
            if (event.getApplicationContext() instanceof WebApplicationContext) {
                engine.startInBackground();
            }
        };
    }

    /** {@code documentSearch} in {@code /actuator/health} and its readiness group. */
    @Bean
    HealthIndicator documentSearchHealthIndicator(SearchEngine engine) {
        return () -> {
            var health = engine.health();
            return (health.up() ? Health.up() : Health.down())
                    .withDetail("address", engine.address().toString())
                    .withDetail("status", health.status())
                    .build();
        };
    }
}
