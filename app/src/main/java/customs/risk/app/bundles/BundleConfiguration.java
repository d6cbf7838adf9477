package customs.risk.app.bundles;

import customs.risk.app.store.RiskProperties;
import customs.risk.graph.DataDirectory;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.jobs.IngestJobs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bundle uploads run as background jobs, one at a time, with {@code risk.ingest.*}. */
@Configuration(proxyBeanMethods = false)
class BundleConfiguration {

    @Bean
    IngestJobs ingestJobs(
            BundleIngester ingester,
            ApplicationEventPublisher events,
            DataDirectory dataDirectory,
            RiskProperties properties) {
        return new IngestJobs(
                ingester,
                events,
                dataDirectory,
                properties.ingest().maxUnzippedSize().toBytes());
    }
}
