package customs.risk.app;

import customs.risk.app.security.TestAdmin;
import customs.risk.graph.TestFolders;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What most application tests start on: a data dir of their own, no search engine, and the test admin. */
public final class TestStores {

    /** An address nothing answers on: it keeps the in-process search node from starting. */
    public static final String NO_SEARCH_ENGINE = "http://127.0.0.1:9";

    private TestStores() {}

    /** @param name the prefix of the temporary data dir, to tell the tests' folders apart */
    public static void withoutSearch(DynamicPropertyRegistry registry, String name) {
        String dataDir = TestFolders.temporary(name).toString();
        registry.add("risk.data-dir", () -> dataDir);
        registry.add("risk.elasticsearch.uris", () -> NO_SEARCH_ENGINE);
        TestAdmin.register(registry);
    }
}
