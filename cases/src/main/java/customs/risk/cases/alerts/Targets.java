package customs.risk.cases.alerts;

import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the graph holds now about watched companies and people, read for all of them at once: the
 * party a company record is in and its records, score and lane, and the control links an alert
 * would name (officers; companies a person runs; addresses, phones and e-mails shared with red
 * companies). A sweep compares this with what each watch saw last time.
 */
final class Targets {

    /** An identifier shared by more companies than this is a hub (a registered agent), not a link. */
    private static final int HUB = 50;

    /** A control link: what it is, in words, and the page of the entity at its other end. */
    record Link(String text, String href) {}

    /**
     * @param entity as watched, {@code Company:ID} or {@code Person:ID}
     * @param about the party as alerts name it: {@code Company:PARTY-ID} or the person
     * @param name the party's or person's name
     * @param score the party's score, null when never scored or a person
     * @param lane the party's lane, null likewise
     * @param scoredAt when the party was scored last, null likewise
     * @param records the company records of the party (the record itself when it stands alone)
     * @param companies the parties whose declarations count: the company's own, or those a person runs
     * @param links the control links by a key that stays the same across sweeps
     */
    record Facts(
            String entity,
            String about,
            String name,
            Double score,
            String lane,
            String scoredAt,
            Set<String> records,
            Set<String> companies,
            Map<String, Link> links) {

        boolean exists() {
            return about != null;
        }

        String display() {
            String id = about.substring(about.indexOf(':') + 1);
            return name == null || name.isBlank() ? id : name + " (" + id + ")";
        }
    }

    private final Graph graph;

    Targets(Graph graph) {
        this.graph = graph;
    }

    /** The facts of each entity, by entity; one that does not exist maps to facts that do not {@link Facts#exists()}. */
    Map<String, Facts> read(Collection<String> entities) {
        var companies = new ArrayList<String>();
        var people = new ArrayList<String>();
        for (String entity : new LinkedHashSet<>(entities)) {
            if (entity.startsWith("Company:")) {
                companies.add(entity.substring("Company:".length()));
            } else if (entity.startsWith("Person:")) {
                people.add(entity.substring("Person:".length()));
            }
        }
        var facts = new HashMap<String, Facts>();
        facts.putAll(companies(companies));
        facts.putAll(people(people));
        for (String entity : entities) {
            facts.putIfAbsent(entity, new Facts(entity, null, null, null, null, null, Set.of(), Set.of(), Map.of()));
        }
        return facts;
    }

    private Map<String, Facts> companies(List<String> ids) {
        var byEntity = new HashMap<String, Facts>();
        if (ids.isEmpty()) {
            return byEntity;
        }
        record Party(String id, String name, Double score, String lane, String scoredAt, Set<String> records) {}
        var partyOf = new HashMap<String, String>();
        var parties = new HashMap<String, Party>();
        graph.query("""
                UNWIND $ids AS id
                MATCH (c:Company {id: id})
                WITH id, coalesce(c.party, c.id) AS party
                MATCH (p:Company {id: party})
                OPTIONAL MATCH (r:Company {party: party})
                RETURN id, party, p.name AS name, p.riskScore AS score, p.riskLane AS lane,
                       p.riskScoredAt AS scoredAt, collect(r.id) AS records
                """, Map.of("ids", ids)).forEach(r -> {
            String party = r.get("party").asString();
            partyOf.put(r.get("id").asString(), party);
            var records = new LinkedHashSet<>(r.get("records").asList(v -> v.asString()));
            records.add(party);
            parties.putIfAbsent(
                    party,
                    new Party(
                            party,
                            r.get("name").asString(null),
                            r.get("score").isNull() ? null : r.get("score").asDouble(),
                            r.get("lane").asString(null),
                            r.get("scoredAt").isNull()
                                    ? null
                                    : r.get("scoredAt").asObject().toString(),
                            records));
        });
        var recordParty = new HashMap<String, String>();
        parties.values().forEach(p -> p.records().forEach(record -> recordParty.put(record, p.id())));
        var links = new HashMap<String, Map<String, Link>>();
        var records = List.copyOf(recordParty.keySet());
        graph.query("""
                UNWIND $records AS rid
                MATCH (pe:Person)-[o:OFFICER_OF]->(r:Company {id: rid})
                RETURN rid, pe.id AS person, pe.name AS name, o.role AS role, r.name AS company
                """, Map.of("records", records)).forEach(r -> {
            String person = r.get("person").asString();
            String name = r.get("name").asString(person);
            links.computeIfAbsent(recordParty.get(r.get("rid").asString()), k -> new LinkedHashMap<>())
                    .putIfAbsent(
                            "officer:" + person,
                            new Link(
                                    name + " (" + person + ") is "
                                            + role(r.get("role").asString(null)) + " of "
                                            + r.get("company")
                                                    .asString(r.get("rid").asString()),
                                    "/entity/Person/" + person));
        });
        // Read from the red side: red firms are few, the watched records may be many.
        graph.query("""
                MATCH (red:Company {riskLane: 'RED'})
                CALL (red) {
                  MATCH (r:Company {party: red.id}) RETURN r
                  UNION
                  MATCH (r:Company {id: red.id}) RETURN r
                }
                MATCH (r)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(k)
                WHERE COUNT { (k)<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-() } <= $hub
                MATCH (k)<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(o:Company)
                WHERE coalesce(o.party, o.id) <> red.id
                RETURN DISTINCT o.id AS record, labels(k)[0] AS kind, k.key AS key,
                       coalesce(k.value, k.key) AS value, red.id AS other, red.name AS otherName
                """, Map.of("hub", HUB)).forEach(r -> {
            String party = recordParty.get(r.get("record").asString());
            if (party == null) {
                return;
            }
            String other = r.get("other").asString();
            String kind = r.get("kind").asString().toLowerCase(java.util.Locale.ROOT);
            links.computeIfAbsent(party, k -> new LinkedHashMap<>())
                    .putIfAbsent(
                            "shared:" + r.get("kind").asString() + ":"
                                    + r.get("key").asString() + ":" + other,
                            new Link(
                                    "shares " + kind + " " + r.get("value").asString() + " with red company "
                                            + r.get("otherName").asString(other) + " (" + other + ")",
                                    "/entity/Company/" + other));
        });
        partyOf.forEach((id, partyId) -> {
            var p = parties.get(partyId);
            byEntity.put(
                    "Company:" + id,
                    new Facts(
                            "Company:" + id,
                            "Company:" + p.id(),
                            p.name(),
                            p.score(),
                            p.lane(),
                            p.scoredAt(),
                            p.records(),
                            Set.of(p.id()),
                            links.getOrDefault(p.id(), Map.of())));
        });
        return byEntity;
    }

    private Map<String, Facts> people(List<String> ids) {
        var byEntity = new HashMap<String, Facts>();
        if (ids.isEmpty()) {
            return byEntity;
        }
        graph.query("""
                UNWIND $ids AS id
                MATCH (pe:Person {id: id})
                OPTIONAL MATCH (pe)-[o:OFFICER_OF]->(c:Company)
                RETURN id, pe.name AS name,
                       collect({record: c.id, party: coalesce(c.party, c.id), company: c.name, role: o.role}) AS roles
                """, Map.of("ids", ids)).forEach(r -> {
            String id = r.get("id").asString();
            var companies = new LinkedHashSet<String>();
            var links = new LinkedHashMap<String, Link>();
            for (var role : r.get("roles").values()) {
                if (role.get("record").isNull()) {
                    continue;
                }
                String party = role.get("party").asString();
                companies.add(party);
                String record = role.get("record").asString();
                links.putIfAbsent(
                        "officer-of:" + record,
                        new Link(
                                "is " + role(role.get("role").asString(null)) + " of "
                                        + role.get("company").asString(record) + " (" + record + ")",
                                "/entity/Company/" + record));
            }
            byEntity.put(
                    "Person:" + id,
                    new Facts(
                            "Person:" + id,
                            "Person:" + id,
                            r.get("name").asString(null),
                            null,
                            null,
                            null,
                            Set.of(),
                            companies,
                            links));
        });
        return byEntity;
    }

    private static String role(String role) {
        return role == null || role.isBlank()
                ? "an officer"
                : role.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
