package customs.risk.survey.service;

import customs.risk.graph.access.Role;
import customs.risk.survey.stats.SurveyStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The values of the survey feature. */
public final class SurveyModel {

    private SurveyModel() {}

    /** DRAFT: being written; OPEN: being answered; CLOSED: no more answers. */
    public enum Status {
        DRAFT,
        OPEN,
        CLOSED
    }

    /** Rating scale of every statement. */
    public static final int MIN_RATING = 1;

    public static final int MAX_RATING = 10;

    /** A survey as an administrator writes it: constructs in order, each with its statements in order. */
    public record Draft(String title, Set<Role> roles, List<ConstructDraft> constructs) {
        public Draft {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            constructs = constructs == null ? List.of() : List.copyOf(constructs);
        }

        /**
         * Reads the plain-text form of the editor: one {@code Construct: statement} per line, blank lines
         * ignored; constructs keep the order of their first line.
         *
         * @throws SurveyException naming the line without a construct
         */
        public static Draft parse(String title, Set<Role> roles, String text) {
            var constructs = new LinkedHashMap<String, List<String>>();
            String[] lines = text == null ? new String[0] : text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.substring(colon + 1).isBlank()) {
                    throw SurveyException.invalid("line " + (i + 1) + ": write \"Construct: statement\"");
                }
                constructs
                        .computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            return new Draft(
                    title,
                    roles,
                    constructs.entrySet().stream()
                            .map(e -> new ConstructDraft(e.getKey(), e.getValue()))
                            .toList());
        }

        /** The plain-text form {@link #parse} reads. */
        public String asText() {
            var text = new StringBuilder();
            for (ConstructDraft c : constructs) {
                for (String s : c.statements()) {
                    text.append(c.name()).append(": ").append(s).append('\n');
                }
            }
            return text.toString();
        }
    }

    public record ConstructDraft(String name, List<String> statements) {
        public ConstructDraft {
            statements = statements == null ? List.of() : List.copyOf(statements);
        }
    }

    /**
     * @param column the statement's column in exports and its key when answering: Q1, Q2, ... over the survey
     */
    public record Statement(String id, String column, String text) {}

    public record Construct(String name, List<Statement> statements) {
        public Construct {
            statements = List.copyOf(statements);
        }
    }

    /**
     * A stored survey with its constructs and statements.
     *
     * @param anonymous its answers are kept without the respondents' usernames, and exports and
     *     statistics name respondents by number only
     */
    public record Survey(
            String id,
            String title,
            Status status,
            Set<Role> roles,
            String author,
            Instant createdAt,
            List<Construct> constructs,
            long answers,
            boolean anonymous) {

        public Survey {
            roles = Set.copyOf(roles);
            constructs = List.copyOf(constructs);
        }

        public List<Statement> statements() {
            return constructs.stream().flatMap(c -> c.statements().stream()).toList();
        }

        public List<String> columns() {
            return statements().stream().map(Statement::column).toList();
        }

        public Draft draft() {
            return new Draft(
                    title,
                    roles,
                    constructs.stream()
                            .map(c -> new ConstructDraft(
                                    c.name(),
                                    c.statements().stream().map(Statement::text).toList()))
                            .toList());
        }

        /** The constructs as the statistics library groups items: by column. */
        public List<SurveyStatistics.Construct> statisticsConstructs() {
            return constructs.stream()
                    .map(c -> new SurveyStatistics.Construct(
                            c.name(),
                            c.statements().stream().map(Statement::column).toList()))
                    .toList();
        }
    }

    /**
     * A survey in a list.
     *
     * @param answeredAt when the listing user answered it; empty if not (or not asked)
     */
    public record Listing(
            String id,
            String title,
            Status status,
            Set<Role> roles,
            long statements,
            long answers,
            Optional<Instant> answeredAt) {}

    /**
     * The statistics of a survey, or why there are none yet.
     *
     * @param unavailable e.g. too few answers so far
     */
    public record Statistics(Survey survey, Optional<SurveyStatistics.Report> report, Optional<String> unavailable) {}
}
