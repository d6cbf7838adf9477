package customs.risk.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code submit --server URL --user NAME [--queue DIR] [--trust CERT.pem]
 * [--attempts N] FOLDER}. No password option: an argument shows in {@code ps} to every user of the
 * machine.
 */
record Options(URI server, String user, Path folder, Path queue, Optional<Path> trust, int attempts) {

    static final String USAGE = "usage: risk-client submit --server https://HOST[:PORT] --user NAME"
            + " [--queue DIR] [--trust CERT.pem] [--attempts N] FOLDER   (password: RISK_PASSWORD or prompted)";
    static final int ATTEMPTS_DEFAULT = 3;

    /** A mistake on the command line, said in one line. */
    static final class Mistake extends Exception {
        Mistake(String message) {
            super(message);
        }
    }

    static Options parse(String[] args, Map<String, String> env) throws Mistake {
        if (args.length == 0 || !args[0].equals("submit")) {
            throw new Mistake(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
        }
        String server = null;
        String user = null;
        String queue = null;
        String trust = null;
        String attempts = null;
        String folder = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (folder != null) {
                    throw new Mistake("one folder only: '" + folder + "' and '" + arg + "'");
                }
                folder = arg;
                continue;
            }
            if (arg.equals("--password")) {
                throw new Mistake("no --password: set RISK_PASSWORD or type it when asked");
            }
            if (i + 1 >= args.length) {
                throw new Mistake(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--server" -> server = value;
                case "--user" -> user = value;
                case "--queue" -> queue = value;
                case "--trust" -> trust = value;
                case "--attempts" -> attempts = value;
                default -> throw new Mistake("unknown option " + arg);
            }
        }
        if (server == null) {
            throw new Mistake("--server is required");
        }
        if (user == null || user.isBlank()) {
            throw new Mistake("--user is required");
        }
        if (folder == null) {
            throw new Mistake("the folder of files to send is missing");
        }
        return new Options(
                serverUri(server),
                user,
                Path.of(folder),
                queue == null ? defaultQueue(env) : Path.of(queue),
                Optional.ofNullable(trust).map(Path::of),
                attempts == null ? ATTEMPTS_DEFAULT : positive(attempts));
    }

    private static URI serverUri(String server) throws Mistake {
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new Mistake("--server is not a URL: " + server);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Mistake("--server must be an https:// URL: " + server);
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new Mistake("refusing plain http:// to " + uri.getHost()
                    + ": the password would cross the network readable; use https://");
        }
        return uri;
    }

    /** Only a name that needs no lookup: {@code localhost} or a loopback address literal. */
    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int positive(String value) throws Mistake {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Mistake("--attempts must be a number from 1 to 20: " + value);
    }

    private static Path defaultQueue(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".risk-client", "queue");
    }
}
