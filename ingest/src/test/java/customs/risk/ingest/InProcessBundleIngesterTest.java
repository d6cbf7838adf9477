package customs.risk.ingest;

import customs.risk.graph.TestNeo4j;
import customs.risk.graph.files.FileStore;
import org.neo4j.driver.Driver;

/** Every case of {@link BundleIngesterTest}, loaded as the application loads into its embedded store. */
class InProcessBundleIngesterTest extends BundleIngesterTest {

    @Override
    BundleIngester ingester(Driver driver, FileStore files, int batchSize) {
        return new BundleIngester(driver, TestNeo4j.database(), files, batchSize);
    }
}
