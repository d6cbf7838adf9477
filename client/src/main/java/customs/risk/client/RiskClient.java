package customs.risk.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The installed client: {@code java -jar risk-client.jar submit --server URL --user NAME FOLDER}
 * sends the folder's CSV files (declarations, or inspection results by their header) to the
 * server, queuing them first, so that nothing is lost when the server cannot be reached: every run
 * sends what is queued before anything new, and a file leaves the queue only once the server has
 * answered with its report. The server's filing is idempotent by id, so a file sent again after a
 * lost answer duplicates nothing.
 */
public final class RiskClient {

    /** Every file was sent and answered with a report. */
    public static final int ALL_SENT = 0;
    /** Bad arguments, no password, or the server refused the login: nothing was sent. */
    public static final int WRONG_USE = 2;
    /** Some files could not be sent (server unreachable or failing); they wait in the queue. */
    public static final int STILL_QUEUED = 3;
    /** The server refused a file as a whole (malformed, too many rows); it was moved aside. */
    public static final int FILE_REFUSED = 4;

    static final String PASSWORD_VARIABLE = "RISK_PASSWORD";
    static final String DECLARATIONS = "/api/my/declarations";
    static final String INSPECTIONS = "/api/inspections";
    private static final long BACKOFF_MILLIS = 1_000;

    private RiskClient() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command as {@code main} does, without exiting: for tests and embedding.
     *
     * @param env the environment ({@code RISK_PASSWORD}, {@code HOME})
     * @return the exit code: {@link #ALL_SENT}, {@link #WRONG_USE}, {@link #STILL_QUEUED} or
     *     {@link #FILE_REFUSED}
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(Options.USAGE);
            return ALL_SENT;
        }
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (Options.Mistake e) {
            err.println("risk-client: " + e.getMessage() + " (risk-client --help)");
            return WRONG_USE;
        }
        if (!Files.isDirectory(options.folder())) {
            err.println("risk-client: " + options.folder() + " is not a folder");
            return WRONG_USE;
        }
        char[] password = password(env);
        if (password == null) {
            err.println("risk-client: no password: set " + PASSWORD_VARIABLE + " or run in a terminal to type it");
            return WRONG_USE;
        }
        SSLContext ssl = null;
        if (options.trust().isPresent()) {
            try {
                ssl = Server.trusting(options.trust().get());
            } catch (IOException | GeneralSecurityException e) {
                err.println("risk-client: cannot trust " + options.trust().get() + ": " + e.getMessage());
                return WRONG_USE;
            }
        }
        var server = new Server(options.server(), options.user(), password, ssl);
        Arrays.fill(password, ' ');
        try {
            var queue = new Queue(options.queue());
            for (Path file : csvFiles(options.folder())) {
                queue.add(file);
            }
            return send(queue, server, options, out, err);
        } catch (IOException e) {
            err.println("risk-client: " + e.getMessage());
            return STILL_QUEUED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("risk-client: interrupted; what was not answered stays queued");
            return STILL_QUEUED;
        }
    }

    private static int send(Queue queue, Server server, Options options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        int sent = 0;
        int refused = 0;
        for (var entry : queue.pending()) {
            String path = endpoint(entry.path());
            Server.Answer answer = null;
            String failure = "";
            for (int attempt = 1; attempt <= options.attempts(); attempt++) {
                try {
                    answer = server.post(path, entry.path());
                    if (!worthRetrying(answer.status())) {
                        break;
                    }
                    failure = "the server answered " + answer.status() + ": " + detail(answer);
                } catch (IOException e) {
                    answer = null;
                    failure = "cannot reach " + options.server() + " (" + describe(e) + ")";
                }
                if (attempt < options.attempts()) {
                    Thread.sleep(BACKOFF_MILLIS << (attempt - 1));
                }
            }
            if (answer == null || worthRetrying(answer.status())) {
                // The next files would meet the same server: they wait for the next run too.
                err.println("risk-client: " + entry.fileName() + " not sent: " + failure);
                break;
            }
            switch (answer.status()) {
                case 200 -> {
                    printReport(entry.fileName(), answer.body(), out);
                    queue.sent(entry, answer.body());
                    sent++;
                }
                case 401 -> {
                    err.println("risk-client: the server refused the login of " + options.user());
                    return WRONG_USE;
                }
                case 403 -> {
                    err.println("risk-client: " + options.user() + " may not send " + entry.fileName() + ": "
                            + detail(answer));
                    return WRONG_USE;
                }
                default -> {
                    Path aside = queue.refused(entry, detail(answer));
                    err.println("risk-client: " + entry.fileName() + " refused by the server: " + detail(answer)
                            + "; moved to " + aside);
                    refused++;
                }
            }
        }
        int waiting = queue.size();
        out.printf("%d file(s) sent, %d still queued in %s%n", sent, waiting, queue.folder());
        if (waiting > 0) {
            return STILL_QUEUED;
        }
        return refused > 0 ? FILE_REFUSED : ALL_SENT;
    }

    private static boolean worthRetrying(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** Inspection results go to their own endpoint; they are told apart by their header. */
    private static String endpoint(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            boolean inspections = header != null
                    && Arrays.stream(header.split(","))
                            .map(c -> c.strip().replace("\"", ""))
                            .anyMatch(c -> c.equals("inspected_on"));
            return inspections ? INSPECTIONS : DECLARATIONS;
        } catch (java.nio.charset.MalformedInputException e) {
            // Not UTF-8: the server says so in its answer.
            return DECLARATIONS;
        }
    }

    private static List<Path> csvFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName()
                            .toString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .endsWith(".csv"))
                    .sorted()
                    .toList();
        }
    }

    private static char[] password(Map<String, String> env) {
        String fromEnvironment = env.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        var console = System.console();
        return console == null ? null : console.readPassword("Password: ");
    }

    @SuppressWarnings("unchecked")
    private static void printReport(String fileName, String body, PrintStream out) {
        Map<String, Object> report;
        try {
            report = (Map<String, Object>) Json.parse(body);
        } catch (IllegalArgumentException | ClassCastException e) {
            out.println(fileName + ": sent; the server's report: " + body);
            return;
        }
        out.printf(
                "%s: %d received, %d saved, %d refused%n",
                fileName, number(report.get("received")), number(report.get("saved")), number(report.get("refused")));
        for (Object item : (List<Object>) report.getOrDefault("lines", List.of())) {
            var line = (Map<String, Object>) item;
            String column = String.valueOf(line.getOrDefault("column", ""));
            String value = String.valueOf(line.getOrDefault("value", ""));
            out.printf(
                    "  %s line %d%s%s: %s%n",
                    line.get("severity"),
                    number(line.get("line")),
                    column.isEmpty() ? "" : ", " + column,
                    value.isEmpty() ? "" : " \"" + value + "\"",
                    line.get("reason"));
        }
    }

    private static long number(Object value) {
        return value instanceof Double d ? d.longValue() : 0;
    }

    /** The one line a problem detail gives, else the body itself, shortened. */
    private static String detail(Server.Answer answer) {
        try {
            if (Json.parse(answer.body()) instanceof Map<?, ?> problem && problem.get("detail") != null) {
                return String.valueOf(problem.get("detail"));
            }
        } catch (IllegalArgumentException e) {
            // not JSON: the body as it is
        }
        String body = answer.body().strip();
        return body.isEmpty()
                ? "status " + answer.status()
                : body.substring(0, Math.min(body.length(), 300)).replace('\n', ' ');
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
        }
        return e.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
    }
}
