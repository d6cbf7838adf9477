package customs.risk.survey.service;

import customs.risk.graph.access.Role;
import customs.risk.graph.store.Graph;
import customs.risk.survey.io.AnswerExport;
import customs.risk.survey.service.SurveyModel.Construct;
import customs.risk.survey.service.SurveyModel.Draft;
import customs.risk.survey.service.SurveyModel.Listing;
import customs.risk.survey.service.SurveyModel.Statement;
import customs.risk.survey.service.SurveyModel.Statistics;
import customs.risk.survey.service.SurveyModel.Status;
import customs.risk.survey.service.SurveyModel.Survey;
import customs.risk.survey.stats.ResponseMatrix;
import customs.risk.survey.stats.SurveyDataException;
import customs.risk.survey.stats.SurveyStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.stereotype.Service;

/**
 * Acceptance surveys in the graph: {@code (:Survey {id, title, status, roles, author, createdAt,
 * revision})-[:HAS_CONSTRUCT]->(:Construct {name, position})-[:HAS_STATEMENT]->(:Statement {id,
 * column, text, position})}, and each answer {@code (:User)-[:GAVE]->(:SurveyResponse {key, surveyId,
 * username, at, columns, ratings})-[:TO]->(:Survey)}.
 *
 * <p>Answering once is the database's rule: {@code SurveyResponse.key} (= surveyId/username) is unique
 * ({@code cypher/schema.cypher}), so of two concurrent first answers one fails. Answering and editing
 * both begin by writing the {@code :Survey} node, which takes its write lock: an edit and an answer never
 * interleave, so a survey with answers cannot be edited and an answer always fits the statements it was
 * given for. Who may define, open, close and read results is the REST layer's rule ({@code ApiAccess})
 * and the views'; this service decides who may answer (a user with one of the survey's roles).
 */
@Service
public class SurveyService {

    static final int MAX_TITLE = 200;
    static final int MAX_STATEMENT = 500;
    static final int MAX_STATEMENTS = 200;
    static final int MIN_STATEMENTS = 2;

    private final Graph graph;

    SurveyService(Driver driver) {
        this.graph = new Graph(driver);
    }

    /** Stores a new survey as a draft, its answers signed with the respondents' usernames. */
    public Survey create(String author, Draft draft) {
        return create(author, draft, false);
    }

    /**
     * Stores a new survey as a draft. An anonymous survey keeps no username with an answer: only a
     * salted hash of it, so that each user still answers once; exports and statistics number the
     * respondents instead.
     */
    public Survey create(String author, Draft draft, boolean anonymous) {
        var checked = check(draft);
        String id = "SRV-" + UUID.randomUUID();
        var parameters = new HashMap<String, Object>();
        parameters.put("id", id);
        parameters.put("title", checked.title());
        parameters.put("roles", names(checked.roles()));
        parameters.put("author", author);
        parameters.put("anonymous", anonymous);
        parameters.put("salt", anonymous ? UUID.randomUUID().toString() : null);
        graph.update(tx -> {
            tx.run("""
                    CREATE (:Survey {id: $id, title: $title, status: 'DRAFT', roles: $roles, author: $author,
                                     createdAt: datetime(), revision: 0, anonymous: $anonymous, salt: $salt})
                    """, parameters).consume();
            writeConstructs(tx, id, checked);
        });
        return survey(id).orElseThrow();
    }

    /**
     * Replaces title, roles and statements.
     *
     * @throws SurveyException CONFLICT once the survey has answers or is closed
     */
    public Survey update(String id, Draft draft) {
        var checked = check(draft);
        graph.update(tx -> {
            var state = lock(tx, id);
            if (state.get("answers").asLong() > 0) {
                throw SurveyException.conflict("the survey has answers: it can no longer be edited");
            }
            if (Status.valueOf(state.get("status").asString()) == Status.CLOSED) {
                throw SurveyException.conflict("the survey is closed");
            }
            tx.run("""
                    MATCH (s:Survey {id: $id})
                    SET s.title = $title, s.roles = $roles
                    WITH s
                    OPTIONAL MATCH (s)-[:HAS_CONSTRUCT]->(k:Construct)
                    OPTIONAL MATCH (k)-[:HAS_STATEMENT]->(t:Statement)
                    DETACH DELETE k, t
                    """, Map.of("id", id, "title", checked.title(), "roles", names(checked.roles())))
                    .consume();
            writeConstructs(tx, id, checked);
        });
        return survey(id).orElseThrow();
    }

    /**
     * Changes who may answer, also once answers have come in: the answers given stay, whoever gave
     * them; a role taken away only stops further answers from it.
     *
     * @throws SurveyException INVALID for no role while the survey is open
     */
    public Survey changeRoles(String id, Set<Role> roles) {
        var chosen = roles == null ? Set.<Role>of() : Set.copyOf(roles);
        graph.update(tx -> {
            var state = lock(tx, id);
            if (chosen.isEmpty() && Status.valueOf(state.get("status").asString()) == Status.OPEN) {
                throw SurveyException.invalid("an open survey needs at least one role: close it first");
            }
            tx.run("MATCH (s:Survey {id: $id}) SET s.roles = $roles", Map.of("id", id, "roles", names(chosen)))
                    .consume();
        });
        return survey(id).orElseThrow();
    }

    /** DRAFT or CLOSED to OPEN: users with one of its roles may answer. */
    public Survey open(String id) {
        return transition(id, Status.OPEN, EnumSet.of(Status.DRAFT, Status.CLOSED));
    }

    /** OPEN to CLOSED: no more answers; results stay. */
    public Survey close(String id) {
        return transition(id, Status.CLOSED, EnumSet.of(Status.OPEN));
    }

    private Survey transition(String id, Status to, Set<Status> from) {
        graph.update(tx -> {
            var state = lock(tx, id);
            var status = Status.valueOf(state.get("status").asString());
            if (!from.contains(status)) {
                throw SurveyException.conflict("a " + status.name().toLowerCase() + " survey cannot be made "
                        + to.name().toLowerCase());
            }
            if (to == Status.OPEN && state.get("roles").isEmpty()) {
                throw SurveyException.invalid("choose at least one role to open the survey to");
            }
            tx.run("MATCH (s:Survey {id: $id}) SET s.status = $status", Map.of("id", id, "status", to.name()))
                    .consume();
        });
        return survey(id).orElseThrow();
    }

    /** Every survey, newest first: for administrators and risk officers. */
    public List<Listing> all() {
        return graph.read(tx -> tx.run("""
                MATCH (s:Survey)
                RETURN s, COUNT { (s)-[:HAS_CONSTRUCT]->()-[:HAS_STATEMENT]->() } AS statements,
                       COUNT { (:SurveyResponse)-[:TO]->(s) } AS answers, null AS answeredAt
                ORDER BY s.createdAt DESC
                """).list(SurveyService::toListing));
    }

    /** Open surveys addressed to one of the user's roles, with when the user answered each. */
    public List<Listing> openTo(String username) {
        return graph.read(tx -> tx.run("""
                MATCH (u:User {username: $user}), (s:Survey {status: 'OPEN'})
                WHERE any(r IN u.roles WHERE r IN s.roles)
                OPTIONAL MATCH (u)-[:GAVE]->(mine:SurveyResponse)-[:TO]->(s)
                RETURN s, COUNT { (s)-[:HAS_CONSTRUCT]->()-[:HAS_STATEMENT]->() } AS statements,
                       COUNT { (:SurveyResponse)-[:TO]->(s) } AS answers, mine.at AS answeredAt
                ORDER BY s.createdAt DESC
                """, Map.of("user", username)).list(SurveyService::toListing)).stream()
                .map(l -> l.answeredAt().isPresent() ? l : withAnsweredAt(l, username))
                .toList();
    }

    /** An anonymous answer is not linked to its user: it is found by its key. */
    private Listing withAnsweredAt(Listing listing, String username) {
        return new Listing(
                listing.id(),
                listing.title(),
                listing.status(),
                listing.roles(),
                listing.statements(),
                listing.answers(),
                answeredAt(username, listing.id()));
    }

    public Optional<Survey> survey(String id) {
        return graph.read(tx -> read(tx, id));
    }

    /**
     * The survey for a user to answer.
     *
     * @throws SurveyException NOT_FOUND for no such survey; FORBIDDEN when it is not open to the user's roles
     */
    public Survey forAnswering(String username, String id) {
        return graph.read(tx -> {
            var survey = read(tx, id).orElseThrow(() -> SurveyException.notFound(id));
            checkInvited(tx, username, survey);
            return survey;
        });
    }

    /** When the user answered the survey, if they did. */
    public Optional<Instant> answeredAt(String username, String id) {
        return graph
                .read(tx -> tx.run(
                                "MATCH (r:SurveyResponse {key: $key}) RETURN r.at AS at",
                                Map.of("key", key(tx, id, username)))
                        .list(r -> r.get("at").asZonedDateTime().toInstant()))
                .stream()
                .findFirst();
    }

    /**
     * Records the user's one answer: a rating from {@value SurveyModel#MIN_RATING} to
     * {@value SurveyModel#MAX_RATING} for every statement, keyed by column (Q1, Q2, ...).
     *
     * @return when it was recorded
     * @throws SurveyException NOT_FOUND, FORBIDDEN (not open to the user's roles), CONFLICT (not open, or
     *     answered already), INVALID (a statement without rating, a rating out of range, an unknown column)
     */
    public Instant answer(String username, String id, Map<String, Integer> ratings) {
        try {
            return graph.write(tx -> {
                lock(tx, id);
                var survey = read(tx, id).orElseThrow(() -> SurveyException.notFound(id));
                checkInvited(tx, username, survey);
                if (survey.status() != Status.OPEN) {
                    throw SurveyException.conflict(
                            "the survey is " + survey.status().name().toLowerCase() + ": it takes no answers");
                }
                List<String> columns = survey.columns();
                var unknown = new TreeSet<>(ratings == null ? Set.of() : ratings.keySet());
                columns.forEach(unknown::remove);
                if (!unknown.isEmpty()) {
                    throw SurveyException.invalid("no statement " + String.join(", ", unknown));
                }
                var values = new ArrayList<Integer>();
                for (String column : columns) {
                    Integer rating = ratings == null ? null : ratings.get(column);
                    if (rating == null) {
                        throw SurveyException.invalid(column + ": every statement needs a rating");
                    }
                    if (rating < SurveyModel.MIN_RATING || rating > SurveyModel.MAX_RATING) {
                        throw SurveyException.invalid(
                                column + ": a rating is " + SurveyModel.MIN_RATING + " to " + SurveyModel.MAX_RATING);
                    }
                    values.add(rating);
                }
                var parameters = Map.<String, Object>of(
                        "id",
                        id,
                        "user",
                        username,
                        "key",
                        key(tx, id, username),
                        "columns",
                        columns,
                        "ratings",
                        values);
                if (survey.anonymous()) {
                    return tx.run("""
                            MATCH (s:Survey {id: $id})
                            CREATE (r:SurveyResponse {key: $key, surveyId: $id, at: datetime(), columns: $columns,
                                                      ratings: $ratings})-[:TO]->(s)
                            RETURN r.at AS at
                            """, parameters)
                            .single()
                            .get("at")
                            .asZonedDateTime()
                            .toInstant();
                }
                return tx.run("""
                        MATCH (s:Survey {id: $id}), (u:User {username: $user})
                        CREATE (u)-[:GAVE]->(r:SurveyResponse {key: $key, surveyId: $id, username: $user,
                                                              at: datetime(), columns: $columns, ratings: $ratings})
                               -[:TO]->(s)
                        RETURN r.at AS at
                        """, parameters)
                        .single()
                        .get("at")
                        .asZonedDateTime()
                        .toInstant();
            });
        } catch (ClientException e) {
            if (e.code().endsWith("ConstraintValidationFailed")) {
                throw SurveyException.conflict("you have already answered this survey");
            }
            throw e;
        }
    }

    /** Every answer, oldest first, ratings in column order. */
    public List<AnswerExport.AnsweredRow> answers(String id) {
        var survey = survey(id).orElseThrow(() -> SurveyException.notFound(id));
        List<String> columns = survey.columns();
        int[] number = {0};
        return graph.read(tx -> tx.run("""
                MATCH (r:SurveyResponse)-[:TO]->(:Survey {id: $id})
                RETURN r ORDER BY r.at, r.username
                """, Map.of("id", id)).list(r -> {
            Value response = r.get("r");
            var byColumn = new HashMap<String, Integer>();
            List<String> stored = response.get("columns").asList(Value::asString);
            List<Integer> ratings = response.get("ratings").asList(Value::asInt);
            for (int i = 0; i < stored.size(); i++) {
                byColumn.put(stored.get(i), ratings.get(i));
            }
            String respondent = survey.anonymous()
                    ? "respondent " + (++number[0])
                    : response.get("username").asString();
            return new AnswerExport.AnsweredRow(
                    respondent,
                    response.get("at").asZonedDateTime().toInstant(),
                    columns.stream().map(byColumn::get).toList());
        }));
    }

    /** Statistics of the answers so far, or why there are none. */
    public Statistics statistics(String id) {
        var survey = survey(id).orElseThrow(() -> SurveyException.notFound(id));
        var rows = answers(id);
        double[][] matrix = rows.stream()
                .map(r -> r.ratings().stream().mapToDouble(Integer::doubleValue).toArray())
                .toArray(double[][]::new);
        try {
            var report = new SurveyStatistics()
                    .analyse(new ResponseMatrix(survey.columns(), matrix), survey.statisticsConstructs());
            return new Statistics(survey, Optional.of(report), Optional.empty());
        } catch (SurveyDataException e) {
            return new Statistics(survey, Optional.empty(), Optional.of("No statistics yet: " + e.getMessage() + "."));
        }
    }

    public void exportCsv(String id, OutputStream out) throws IOException {
        var survey = survey(id).orElseThrow(() -> SurveyException.notFound(id));
        AnswerExport.writeCsv(out, survey.columns(), answers(id));
    }

    public void exportXlsx(String id, OutputStream out) throws IOException {
        var survey = survey(id).orElseThrow(() -> SurveyException.notFound(id));
        var legend = new ArrayList<AnswerExport.ItemLegend>();
        survey.constructs()
                .forEach(c -> c.statements()
                        .forEach(s -> legend.add(new AnswerExport.ItemLegend(s.column(), c.name(), s.text()))));
        AnswerExport.writeXlsx(out, survey.columns(), answers(id), legend);
    }

    /**
     * Counts the survey's revision up, which takes the node's write lock until the transaction ends (so
     * edits, status changes and answers of one survey run one after the other), and reads its state.
     */
    private static Record lock(TransactionContext tx, String id) {
        return tx.run("""
                MATCH (s:Survey {id: $id})
                SET s.revision = coalesce(s.revision, 0) + 1
                RETURN s.status AS status, s.roles AS roles, COUNT { (:SurveyResponse)-[:TO]->(s) } AS answers
                """, Map.of("id", id)).list().stream()
                .findFirst()
                .orElseThrow(() -> SurveyException.notFound(id));
    }

    private static void checkInvited(TransactionContext tx, String username, Survey survey) {
        boolean invited = tx.run("""
                MATCH (u:User {username: $user}) WHERE u.enabled AND any(r IN u.roles WHERE r IN $roles)
                RETURN count(u) > 0 AS invited
                """, Map.of("user", username, "roles", names(survey.roles())))
                .single()
                .get("invited")
                .asBoolean();
        if (!invited || survey.status() == Status.DRAFT) {
            throw new SurveyException(SurveyException.Reason.FORBIDDEN, "this survey is not open to your role");
        }
    }

    private static void writeConstructs(TransactionContext tx, String id, Draft draft) {
        var constructs = new ArrayList<Map<String, Object>>();
        int column = 0;
        for (int c = 0; c < draft.constructs().size(); c++) {
            var construct = draft.constructs().get(c);
            var statements = new ArrayList<Map<String, Object>>();
            for (int s = 0; s < construct.statements().size(); s++) {
                String col = "Q" + (++column);
                statements.add(Map.of(
                        "id",
                        id + "-" + col,
                        "column",
                        col,
                        "text",
                        construct.statements().get(s),
                        "position",
                        s));
            }
            constructs.add(Map.of("name", construct.name(), "position", c, "statements", statements));
        }
        tx.run("""
                MATCH (s:Survey {id: $id})
                UNWIND $constructs AS c
                CREATE (s)-[:HAS_CONSTRUCT]->(k:Construct {name: c.name, position: c.position})
                WITH k, c
                UNWIND c.statements AS st
                CREATE (k)-[:HAS_STATEMENT]->(:Statement {id: st.id, column: st.column, text: st.text,
                                                          position: st.position})
                """, Map.of("id", id, "constructs", constructs)).consume();
    }

    private static Optional<Survey> read(TransactionContext tx, String id) {
        var found = tx.run("""
                MATCH (s:Survey {id: $id})
                RETURN s, COUNT { (:SurveyResponse)-[:TO]->(s) } AS answers
                """, Map.of("id", id)).list();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var constructs = new LinkedHashMap<Integer, String>();
        var statements = new LinkedHashMap<Integer, List<Statement>>();
        tx.run("""
                MATCH (:Survey {id: $id})-[:HAS_CONSTRUCT]->(k:Construct)-[:HAS_STATEMENT]->(t:Statement)
                RETURN k.position AS kp, k.name AS name, t
                ORDER BY k.position, t.position
                """, Map.of("id", id)).list().forEach(r -> {
            int position = r.get("kp").asInt();
            constructs.put(position, r.get("name").asString());
            Value t = r.get("t");
            statements
                    .computeIfAbsent(position, p -> new ArrayList<>())
                    .add(new Statement(
                            t.get("id").asString(),
                            t.get("column").asString(),
                            t.get("text").asString()));
        });
        Value s = found.getFirst().get("s");
        return Optional.of(new Survey(
                id,
                s.get("title").asString(),
                Status.valueOf(s.get("status").asString()),
                roles(s.get("roles")),
                s.get("author").asString(),
                s.get("createdAt").asZonedDateTime().toInstant(),
                constructs.entrySet().stream()
                        .map(e -> new Construct(e.getValue(), statements.get(e.getKey())))
                        .toList(),
                found.getFirst().get("answers").asLong(),
                s.get("anonymous").asBoolean(false)));
    }

    private static Listing toListing(Record r) {
        Value s = r.get("s");
        Value at = r.get("answeredAt");
        return new Listing(
                s.get("id").asString(),
                s.get("title").asString(),
                Status.valueOf(s.get("status").asString()),
                roles(s.get("roles")),
                r.get("statements").asLong(),
                r.get("answers").asLong(),
                at.isNull()
                        ? Optional.empty()
                        : Optional.of(at.asZonedDateTime().toInstant()));
    }

    private static Set<Role> roles(Value value) {
        var roles = EnumSet.noneOf(Role.class);
        value.asList(Value::asString).forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toList();
    }

    /** The unique key of a user's answer; for an anonymous survey a salted hash stands in for the username. */
    private static String key(TransactionContext tx, String surveyId, String username) {
        var salt = tx.run("MATCH (s:Survey {id: $id}) RETURN s.salt AS salt", Map.of("id", surveyId))
                .list();
        if (salt.isEmpty() || salt.getFirst().get("salt").isNull()) {
            return surveyId + "/" + username;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((salt.getFirst().get("salt").asString() + "/" + username).getBytes(StandardCharsets.UTF_8));
            return surveyId + "/" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Draft check(Draft draft) {
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw SurveyException.invalid("title: 1-" + MAX_TITLE + " characters");
        }
        var names = new java.util.HashSet<String>();
        int count = 0;
        var constructs = new ArrayList<SurveyModel.ConstructDraft>();
        for (var construct : draft.constructs()) {
            String name = construct.name() == null ? "" : construct.name().strip();
            if (name.isEmpty()) {
                throw SurveyException.invalid("every construct needs a name");
            }
            if (!names.add(name)) {
                throw SurveyException.invalid("construct \"" + name + "\" appears twice");
            }
            var statements = new ArrayList<String>();
            for (String statement : construct.statements()) {
                String text = statement == null ? "" : statement.strip();
                if (text.isEmpty() || text.length() > MAX_STATEMENT) {
                    throw SurveyException.invalid(
                            "construct \"" + name + "\": statements have 1-" + MAX_STATEMENT + " characters");
                }
                statements.add(text);
            }
            if (statements.isEmpty()) {
                throw SurveyException.invalid("construct \"" + name + "\" has no statement");
            }
            count += statements.size();
            constructs.add(new SurveyModel.ConstructDraft(name, statements));
        }
        if (count < MIN_STATEMENTS || count > MAX_STATEMENTS) {
            throw SurveyException.invalid("a survey has " + MIN_STATEMENTS + "-" + MAX_STATEMENTS + " statements");
        }
        return new Draft(title, draft.roles(), constructs);
    }
}
