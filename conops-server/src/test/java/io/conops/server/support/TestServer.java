package io.conops.server.support;

import io.conops.server.ConopsApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real ConOps server in this JVM on a free port, with its own data directory. */
public final class TestServer implements AutoCloseable {
    public static final String TOKEN = "test-admin-token-0123456789";
    /** Property naming extra classes (comma-separated) to register as beans in the server, e.g. probes. */
    public static final String EXTRA_SOURCES = "spring.main.sources";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext ctx;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final int port;
    public final Path dataDir;

    private TestServer(ConfigurableApplicationContext ctx, Path dataDir) {
        this.ctx = ctx;
        this.dataDir = dataDir;
        this.port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestServer start(Path dataDir, Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("conops.data-dir", dataDir.toString());
        props.put("conops.admin-token", TOKEN);
        props.put("conops.allow-file-repos", "true");
        props.put("conops.reconcile-interval", "2s");
        props.put("conops.sync-timeout", "90s");
        props.put("server.port", "0");
        // every test talks from 127.0.0.1, and route scans try many wrong tokens: AuthThrottleIT sets its own
        props.put("conops.auth.max-failures", "1000000");
        props.putAll(extra);
        // as command-line arguments: they outrank application.properties, like the environment does
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        // Spring Boot hands a JSON log format to Logback as a system property, which outlives its
        // server in the shared test JVM: each server starts from the text default unless asked
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ConopsApplication.class).run(args);
        return new TestServer(ctx, dataDir);
    }

    /** The running HTTP server, to see where it actually listens. */
    public WebServer webServer() {
        return ((WebServerApplicationContext) ctx).getWebServer();
    }

    public <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    public <T> Map<String, T> beans(Class<T> type) {
        return ctx.getBeansOfType(type);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> call(String method, String path, String body, String token) {
        return send(http, url(path), method, body, token);
    }

    /** One request: the token as a bearer (none when null), a body as JSON (none when null). */
    public static HttpResponse<String> send(HttpClient http, String url, String method, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, TOKEN);
    }

    public JsonNode json(String method, String path, String body) {
        HttpResponse<String> r = call(method, path, body);
        if (r.statusCode() >= 400) {
            throw new AssertionError(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public JsonNode app(String name) {
        return json("GET", "/api/v1/apps/" + name, null);
    }

    public JsonNode register(String name, String repoUrl, String extraJson) {
        String body = "{\"name\":\"" + name + "\",\"repo_url\":\"" + repoUrl + "\",\"poll_interval\":\"1s\""
                + (extraJson == null ? "" : "," + extraJson) + "}";
        HttpResponse<String> r = call("POST", "/api/v1/apps/", body);
        if (r.statusCode() != 201) {
            throw new AssertionError("register " + name + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The app's condition of that type (GitUnreachable, CrashLoop, ...), or null when it does not hold. */
    public static JsonNode condition(JsonNode app, String type) {
        for (JsonNode c : app.get("conditions")) {
            if (c.get("type").asString().equals(type)) {
                return c;
            }
        }
        return null;
    }

    public static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        ctx.close();
    }
}
