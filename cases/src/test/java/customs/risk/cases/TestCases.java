package customs.risk.cases;

import customs.risk.graph.TestNeo4j;
import java.util.List;
import java.util.Map;

/**
 * The case services over the shared test Neo4j, for tests of the features built on them in other
 * packages (their constructors are Spring's and stay package-private).
 */
public final class TestCases {

    private final CaseBroadcaster broadcaster = new CaseBroadcaster();
    private final CaseService cases = new CaseService(TestNeo4j.driver(), broadcaster, event -> {});
    private final CaseConversation conversation = new CaseConversation(TestNeo4j.driver(), broadcaster, event -> {});

    /** Empties the graph and creates enabled investigators with these usernames. */
    public static TestCases withUsers(List<String> usernames) {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            for (var name : usernames) {
                session.run(
                                "CREATE (:User {username: $name, enabled: true, roles: ['INVESTIGATOR']})",
                                Map.of("name", name))
                        .consume();
            }
        }
        return new TestCases();
    }

    public CaseService cases() {
        return cases;
    }

    public CaseConversation conversation() {
        return conversation;
    }
}
