package io.conops.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A ConOps server started as users start it, through one of the repository's launchers
 * (scripts/start-server.sh, scripts/run.sh), in a process of its own on a free loopback port: none
 * of the test JVM's CONOPS_* and DB_* variables reach it, only the ones given.
 */
public final class ScriptServer {
    /** The repository's root (tests run in conops-server/). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScriptServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts SCRIPT (a path from the root) in DIR with SERVER_PORT and ENV set; output to LOG. */
    public static ScriptServer start(String script, Path dir, Path log, Map<String, String> env) throws IOException {
        int port = Docker.freePort();
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve(script).toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CONOPS_") || k.startsWith("DB_"));
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().putAll(env);
        return new ScriptServer(pb.start(), port, log);
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Whether the probe at PATH (e.g. /actuator/health/readiness) answers 200. */
    public boolean answers(String path) throws InterruptedException {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public HttpResponse<String> call(String method, String path, String body, String token) {
        return TestServer.send(http, "http://127.0.0.1:" + port + path, method, body, token);
    }

    /** An admin GET that must succeed. */
    public JsonNode get(String path) {
        HttpResponse<String> r = call("GET", path, null, TestServer.TOKEN);
        if (r.statusCode() >= 400) {
            throw new AssertionError("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return TestServer.parse(r.body());
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops it as a service manager does (SIGTERM), forcibly if it has not ended within a minute. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
