package customs.risk.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long a browser takes to paint a network view: headless Chromium, driven through
 * chromedriver's W3C WebDriver protocol (plain HTTP, so the benchmarks carry no Selenium), opens the
 * page, and the canvas reports when its first drawing reached the screen. Needs Debian's
 * {@code chromium} and {@code chromedriver}; without them there is no figure.
 */
final class NetworkPaint implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * @param toPaintMillis from the start of navigation to the first frame with the network drawn
     * @param drawMillis adding the elements, laying them out and fitting them, to the next frame
     * @param nodes nodes drawn
     */
    record Paint(double toPaintMillis, double drawMillis, long nodes) {}

    private final Process driver;
    private final String endpoint;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private String session;

    private NetworkPaint(Process driver, String endpoint, String base) {
        this.driver = driver;
        this.endpoint = endpoint;
        this.base = base;
    }

    /** A signed-in browser on {@code base}, or empty when Chromium or its driver is not installed. */
    static Optional<NetworkPaint> signIn(String base, String user, String password) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        var browser = new NetworkPaint(process, "http://127.0.0.1:" + port, base);
        try {
            browser.await(
                    () -> browser.call("GET", "/status", null).path("ready").asBoolean() ? true : null);
            var capabilities = Map.of(
                    "capabilities",
                    Map.of(
                            "alwaysMatch",
                            Map.of(
                                    "goog:chromeOptions",
                                    Map.of(
                                            "binary",
                                            CHROMIUM.toString(),
                                            "args",
                                            List.of(
                                                    "--headless=new",
                                                    "--no-sandbox",
                                                    "--disable-gpu",
                                                    "--disable-dev-shm-usage",
                                                    "--window-size=1400,1000")))));
            browser.session = "/session/"
                    + browser.call("POST", "/session", capabilities)
                            .path("sessionId")
                            .asString();
            browser.navigate("/login");
            browser.await(() -> browser.script("return document.querySelector('#login-form input[name=username]')"
                                    + " ? true : null")
                            .isNull()
                    ? null
                    : true);
            browser.type("#login-form input[name=username]", user);
            browser.type("#login-form input[name=password]", password + "\uE007");
            browser.await(() -> browser.script("return location.pathname.startsWith('/login') ? null : true")
                            .isNull()
                    ? null
                    : true);
            return Optional.of(browser);
        } catch (Exception e) {
            browser.close();
            throw e;
        }
    }

    /** Opens {@code path} (a network view) and waits for its first drawing. */
    Paint open(String path) throws Exception {
        navigate(path);
        var figures = await(() -> {
            var row = script("const g = document.getElementById('network-graph');"
                    + " return g && g.firstPaintAt ? { at: g.firstPaintAt, draw: g.lastDrawMillis,"
                    + " nodes: g.cy.nodes().length } : null;");
            return row.isNull() ? null : row;
        });
        return new Paint(
                figures.get("at").asDouble(),
                figures.get("draw").asDouble(),
                figures.get("nodes").asLong());
    }

    private void navigate(String path) throws IOException, InterruptedException {
        call("POST", session + "/url", Map.of("url", base + path));
    }

    private void type(String css, String text) throws IOException, InterruptedException {
        var element = call("POST", session + "/element", Map.of("using", "css selector", "value", css));
        String id = element.properties().iterator().next().getValue().asString();
        call("POST", session + "/element/" + id + "/value", Map.of("text", text));
    }

    private JsonNode script(String js) throws IOException, InterruptedException {
        return call("POST", session + "/execute/sync", Map.of("script", js, "args", List.of()));
    }

    /** One WebDriver command; its {@code value}. */
    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        var value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IOException("chromedriver: " + value.path("message").asString(""));
        }
        return value;
    }

    private interface Poll<T> {
        T next() throws Exception;
    }

    private <T> T await(Poll<T> poll) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                T value = poll.next();
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                // chromedriver still starting
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the browser did not get there within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", session, null);
            }
        } catch (IOException | InterruptedException e) {
            // the driver goes anyway
        } finally {
            driver.destroy();
        }
    }
}
