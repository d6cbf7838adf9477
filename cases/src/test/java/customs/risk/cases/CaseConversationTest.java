package customs.risk.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case library on its own, over a real embedded Neo4j and without the application: a team
 * talks in its case, live listeners hear each message once it is stored, and nobody outside the
 * team can tell the case exists.
 */
class CaseConversationTest {

    private final Actor owner = new Actor("ann", false);
    private final Actor member = new Actor("bob", false);
    private final Actor outsider = new Actor("eve", false);
    private final Actor admin = new Actor("root", true);
    private final List<Object> events = new ArrayList<>();
    private final CaseBroadcaster broadcaster = new CaseBroadcaster();
    private CaseService cases;
    private CaseConversation conversation;

    @BeforeEach
    void emptyGraphWithATeam() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            for (var name : List.of("ann", "bob", "eve", "root")) {
                session.run(
                                "CREATE (:User {username: $name, enabled: true, roles: ['INVESTIGATOR']})",
                                Map.of("name", name))
                        .consume();
            }
        }
        cases = new CaseService(TestNeo4j.driver(), broadcaster, events::add);
        conversation = new CaseConversation(TestNeo4j.driver(), broadcaster, events::add);
    }

    @Test
    void theTeamTalksAndListenersHearEachStoredMessageOnce() {
        var opened = cases.create(owner, "Loop through Rotterdam", CaseModel.Priority.HIGH, List.of(), List.of("bob"));
        var heard = new ArrayList<CaseModel.Message>();
        try (var ignored = broadcaster.subscribe(opened.id(), heard::add)) {
            var first = conversation.post(owner, opened.id(), "@bob can you check the invoices?", "client-1");
            var retried = conversation.post(owner, opened.id(), "@bob can you check the invoices?", "client-1");

            assertThat(first.created()).isTrue();
            assertThat(retried.created()).isFalse();
            assertThat(retried.message().id()).isEqualTo(first.message().id());
            assertThat(heard)
                    .extracting(CaseModel.Message::id)
                    .containsExactly(first.message().id());
        }
        assertThat(conversation.unread(member))
                .singleElement()
                .satisfies(u -> assertThat(u.unread()).isEqualTo(1));
        assertThat(conversation.messages(member, opened.id(), 0, 50))
                .extracting(CaseModel.Message::text)
                .containsExactly("@bob can you check the invoices?");
        assertThat(conversation.unread(member))
                .singleElement()
                .satisfies(u -> assertThat(u.unread()).isZero());
        assertThat(events).filteredOn(CaseNotice.Mentioned.class::isInstance).hasSize(1);
    }

    @Test
    void aCaseIsInvisibleOutsideItsTeamExceptToAnAdministrator() {
        var opened = cases.create(owner, "Shell cluster", CaseModel.Priority.MEDIUM, List.of(), List.of());

        assertThat(cases.mine(outsider)).isEmpty();
        assertThatThrownBy(() -> cases.get(outsider, opened.id()))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> conversation.post(outsider, opened.id(), "hello", null))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(cases.get(admin, opened.id()).title()).isEqualTo("Shell cluster");
        assertThat(cases.mine(owner)).extracting(CaseModel.CaseDetails::id).containsExactly(opened.id());
    }

    @Test
    void linkedCompaniesAndPeopleReadByName() {
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (:Company {id: '476-87-16904', name: 'Hanbit Lithium Co., Ltd.'}),
                           (:Company:Placeholder {id: 'CN-UNNAMED'}),
                           (:Person {id: 'P-7', name: 'Kim Min-jun'}),
                           (:Declaration {id: 'D-1:1'})
                    """).consume();
        }
        var opened = cases.create(
                owner,
                "Lithium round trip",
                CaseModel.Priority.HIGH,
                List.of("Company:476-87-16904", "Company:CN-UNNAMED", "Person:P-7", "Declaration:D-1:1"),
                List.of());

        assertThat(opened.links())
                .containsExactly("Company:476-87-16904", "Company:CN-UNNAMED", "Declaration:D-1:1", "Person:P-7");
        assertThat(cases.get(owner, opened.id()).linkNames())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Company:476-87-16904", "Hanbit Lithium Co., Ltd.", "Person:P-7", "Kim Min-jun"));
    }
}
